package io.meshguard.core.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The payload package's configuration values. */
class PayloadValueContractsTests {

  @ParameterizedTest
  @CsvSource({
    "0, 1, 1, 1, maxHeaderLength",
    "1, 0, 1, 1, maxDepth",
    "1, 1, 0, 1, maxNumberLength",
    "1, 1, 1, 0, maxStringLength"
  })
  void limitsWhenAnyIsBelowOneThenRejectedNamingIt(
      int header, int depth, int number, int string, String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PayloadLimits(header, depth, number, string))
        .withMessage(name + " must be at least 1, was 0");
    assertThat(new PayloadLimits(1, 1, 1, 1).maxDepth()).isEqualTo(1);
  }

  @Test
  void decoderWhenBuiltThenReportsItsEncodings() {
    assertThat(PayloadDecoder.defaults().acceptsRawJson()).isFalse();
    assertThat(PayloadDecoder.defaults().acceptsPercentEncodedJson()).isFalse();
    PayloadDecoder lenient =
        PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build();
    assertThat(lenient.acceptsRawJson()).isTrue();
    assertThat(lenient.acceptsPercentEncodedJson()).isTrue();
    assertThat(lenient.limits()).isEqualTo(PayloadLimits.DEFAULTS);
    assertThat(lenient.decode("%7")).isInstanceOf(PayloadResult.Malformed.class);
    assertThat(lenient.decode("%7B")).isInstanceOf(PayloadResult.Malformed.class);
  }
}
