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

  /**
   * The decoder against the JDK's URL decoder behind the same canonical-form checks (what it was
   * before it decoded from the characters itself), on valid encodings of random bytes and on their
   * mutations: characters beyond ASCII (including ones whose low byte is in the alphabet),
   * misplaced padding, the standard alphabet and whitespace.
   */
  @org.junit.jupiter.api.Test
  void randomEncodingsAndMutationsWhenDecodedThenSameAsTheJdkBehindTheChecks() {
    java.util.Random random = new java.util.Random(20261128L);
    char[] intruders = {'=', '+', '/', ' ', '\n', '\u00e9', '\u0141', '\u0241', '\uff21', '%', 'A'};
    for (int run = 0; run < 20_000; run++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      String text =
          random.nextBoolean()
              ? Base64.getUrlEncoder().encodeToString(data)
              : Base64.getUrlEncoder().withoutPadding().encodeToString(data);
      if (run % 2 == 1 && !text.isEmpty()) {
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = intruders[random.nextInt(intruders.length)];
        text = new String(chars);
      }
      byte[] expected = jdkBehindChecks(text);
      byte[] actual = Base64Url.decode(text);
      if (expected == null) {
        assertThat(actual).as(text).isNull();
      } else {
        assertThat(actual).as(text).isEqualTo(expected);
      }
    }
  }

  private static byte[] jdkBehindChecks(String text) {
    int length = text.length();
    int padding = 0;
    if (length > 0 && text.charAt(length - 1) == '=') {
      padding = (length > 1 && text.charAt(length - 2) == '=') ? 2 : 1;
      if (length % 4 != 0) {
        return null;
      }
    }
    int dataChars = length - padding;
    int remainder = dataChars % 4;
    if (dataChars == 0 || remainder == 1 || (padding > 0 && padding != 4 - remainder)) {
      return null;
    }
    if (remainder != 0) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      int last = alphabet.indexOf(text.charAt(dataChars - 1));
      if (last < 0 || (last & (remainder == 2 ? 0x0F : 0x03)) != 0) {
        return null;
      }
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
