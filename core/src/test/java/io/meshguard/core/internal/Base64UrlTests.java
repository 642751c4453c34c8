package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTests {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Zg|f",
        "Zg==|f",
        "Zm8|fo",
        "Zm8=|fo",
        "Zm9v|foo",
        "Zm9vYg|foob",
        "Zm9vYmE|fooba",
        "Zm9vYmFy|foobar",
        "e30|{}",
        "e30=|{}",
      })
  void decodeWhenCanonicalThenReturnsBytes(String encoded, String decoded) {
    assertThat(Base64Url.decode(encoded)).isEqualTo(decoded.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "", // nothing
        "=", // padding only
        "==",
        "Z", // 4k+1
        "Zm9vY",
        "Zg=", // padding that does not complete the quantum
        "Zg===",
        "Zm8==",
        "Zm9v=",
        "Zm9v====",
        "Z=g=", // '=' inside
        "Zm=9v",
        "Zm9v+g", // standard alphabet
        "Zm9v/g",
        "Zm9 v", // whitespace
        "Zm9v\n",
        " Zm9v",
        "Zm9v%3D", // percent
        "Zh", // non-zero trailing bits
        "Zm9", // non-zero trailing bits
        "Zm9vYé",
      })
  void decodeWhenNotStrictBase64UrlThenReturnsNull(String encoded) {
    assertThat(Base64Url.decode(encoded)).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 100, 599, 600, 601})
  void decodeWhenJdkEncodedThenRoundTrips(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    assertThat(Base64Url.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
        .isEqualTo(bytes);
    assertThat(Base64Url.decode(Base64.getUrlEncoder().encodeToString(bytes))).isEqualTo(bytes);
  }
}
