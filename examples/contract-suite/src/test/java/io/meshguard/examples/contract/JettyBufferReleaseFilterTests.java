package io.meshguard.examples.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JettyBufferReleaseFilterTests {

  private static final String RELEASE =
      "java.lang.IllegalStateException: already released ReferenceCounter@4f446e95[r=0]";
  private static final String JETTY_FRAME =
      "\tat org.eclipse.jetty.server.internal.HttpConnection.releaseRequestBuffer"
          + "(HttpConnection.java:342) ~[jetty-server-12.0.38.jar:12.0.38]";

  @Test
  void withoutJettyBufferReleaseDropsOnlyJettysOwnReleaseTrace() {
    List<String> lines =
        List.of(
            "WARN QueuedThreadPool : Job failed",
            RELEASE,
            "\tat org.eclipse.jetty.io.Retainable$ReferenceCounter.release(Retainable.java:189)",
            JETTY_FRAME,
            "WARN other");

    assertThat(OrdersContract.withoutJettyBufferRelease(lines))
        .containsExactly("WARN QueuedThreadPool : Job failed", "WARN other");
  }

  @Test
  void withoutJettyBufferReleaseKeepsTheSameExceptionFromTheApplicationOrElsewhere() {
    List<String> throughMeshguard =
        List.of(
            RELEASE, "\tat io.meshguard.servlet.MeshguardFilter.doFilter(X.java:1)", JETTY_FRAME);
    List<String> elsewhere = List.of(RELEASE, "\tat org.eclipse.jetty.io.Other.run(Other.java:1)");
    List<String> otherException = List.of("java.lang.IllegalStateException: boom", JETTY_FRAME);

    assertThat(OrdersContract.withoutJettyBufferRelease(throughMeshguard))
        .isEqualTo(throughMeshguard);
    assertThat(OrdersContract.withoutJettyBufferRelease(elsewhere)).isEqualTo(elsewhere);
    assertThat(OrdersContract.withoutJettyBufferRelease(otherException)).isEqualTo(otherException);
  }
}
