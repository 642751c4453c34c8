package io.meshguard.core.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.TestPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The reader's scratch state: reused per platform thread, fresh on a virtual thread. */
class JsonPayloadReaderThreadsTests {

  private static final PayloadDecoder DECODER = PayloadDecoder.defaults();

  /** A virtual thread per task, through reflection (core compiles for Java 17). */
  private static ExecutorService virtualThreadPerTask() throws Exception {
    return (ExecutorService)
        Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  @Test
  void onVirtualThreadWhenPlatformThreadThenFalse() {
    assertThat(JsonPayloadReader.onVirtualThread()).isFalse();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void onVirtualThreadWhenVirtualThreadThenTrue() throws Exception {
    ExecutorService executor = virtualThreadPerTask();
    try {
      assertThat(executor.submit(JsonPayloadReader::onVirtualThread).get()).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void decodeWhenOnManyVirtualThreadsThenEachReadsWhatAPlatformThreadReads() throws Exception {
    PayloadResult.Decoded expected =
        (PayloadResult.Decoded) DECODER.decode(TestPayloads.ENVOY_UNPADDED);
    ExecutorService executor = virtualThreadPerTask();
    try {
      List<Future<PayloadResult>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        // A malformed payload in between: a failed read must leave nothing behind for the next.
        String header = i % 2 == 0 ? TestPayloads.ENVOY_UNPADDED : "eyJhIjoxLCJhIjoyfQ";
        results.add(executor.submit(() -> DECODER.decode(header)));
      }
      for (int i = 0; i < results.size(); i++) {
        PayloadResult result = results.get(i).get();
        if (i % 2 == 0) {
          assertThat(result)
              .isInstanceOfSatisfying(
                  PayloadResult.Decoded.class,
                  decoded -> {
                    assertThat(decoded.claims().issuer()).isEqualTo(expected.claims().issuer());
                    assertThat(decoded.claims().subject()).isEqualTo(expected.claims().subject());
                  });
        } else {
          assertThat(result).isInstanceOf(PayloadResult.Malformed.class);
        }
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
