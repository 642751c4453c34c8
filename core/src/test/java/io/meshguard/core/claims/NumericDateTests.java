package io.meshguard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericDateTests {

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0",
    "1700000000, 1700000000, 0",
    "1700000000.5, 1700000000, 500000000",
    "1700000000.123456789999, 1700000000, 123456789",
    "0.25, 0, 250000000",
    "1e-999, 0, 0",
    "1.5e3, 1500, 0",
    "9223372036854775807, 9223372036854775807, 0",
  })
  void ofWhenDecimalInRangeThenSecondsAndTruncatedNanos(String text, long seconds, int nanos) {
    NumericDate date = NumericDate.of(new BigDecimal(text));
    assertThat(date.epochSecond()).isEqualTo(seconds);
    assertThat(date.nano()).isEqualTo(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-0.000001", "9223372036854775807.000001", "1e19", "1e999999"})
  void ofWhenOutOfRangeThenThrows(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> NumericDate.of(new BigDecimal(text)));
  }

  @Test
  void ofWhenBigIntegerBeyondLongThenThrows() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NumericDate.of(BigInteger.ONE.shiftLeft(63)));
  }

  @Test
  void compareWhenFarFutureThenNeverOverflows() {
    NumericDate max = NumericDate.ofEpochSecond(Long.MAX_VALUE);
    assertThat(max.isAfter(Instant.MAX)).isTrue();
    assertThat(max.isBefore(Instant.now())).isFalse();
    assertThat(NumericDate.ofEpochSecond(0).isBefore(Instant.EPOCH.plusNanos(1))).isTrue();
  }

  @Test
  void compareWhenFractionalThenExactToTheNanosecond() {
    NumericDate date = NumericDate.of(new BigDecimal("100.5"));
    assertThat(date.isAfter(Instant.ofEpochSecond(100, 499_999_999))).isTrue();
    assertThat(date.isAfter(Instant.ofEpochSecond(100, 500_000_000))).isFalse();
    assertThat(date.isBefore(Instant.ofEpochSecond(100, 500_000_001))).isTrue();
  }

  @Test
  void toStringWhenFractionalThenPlainDecimal() {
    assertThat(NumericDate.of(new BigDecimal("1700000000.50"))).hasToString("1700000000.5");
    assertThat(NumericDate.ofEpochSecond(42)).hasToString("42");
  }
}
