package io.meshguard.core.payload;

import static io.meshguard.core.payload.JsonReaderDifferentialTests.DEFAULTS;
import static io.meshguard.core.payload.JsonReaderDifferentialTests.HAND_WRITTEN;
import static io.meshguard.core.payload.JsonReaderDifferentialTests.JACKSON;
import static io.meshguard.core.payload.JsonReaderDifferentialTests.JACKSON_DEFAULTS;
import static io.meshguard.core.payload.JsonReaderDifferentialTests.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * The differential fuzz target of {@link JsonReaderDifferentialTests}: any bytes, both readers
 * agree, with small limits (so that they are reached) and with the defaults. Replays its corpus in
 * every build; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
@Tag("fuzz")
class JsonReaderDifferentialFuzzTests {

  @FuzzTest(maxDuration = "60s")
  void readersAgree(byte[] data) {
    assertThat(outcome(HAND_WRITTEN, data)).isEqualTo(outcome(JACKSON, data));
    assertThat(outcome(DEFAULTS, data)).isEqualTo(outcome(JACKSON_DEFAULTS, data));
  }
}
