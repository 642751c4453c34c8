package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Istio's BASE path normalisation. The first block is Envoy's own table ({@code
 * test/common/http/path_utility_test.cc}: {@code NormalizeValidPaths}, {@code NormalizeCasePath}),
 * less the rows of {@code canonicalPath}'s later step that strips {@code ;} parameters from dot
 * segments: meshguard refuses any raw path with {@code ;} before a policy runs ({@code RawPaths});
 * the rest follows each row of {@code kPathCharLookup} in {@code url_canon_path.cc}.
 */
class IstioPathNormalizerTests {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " -> ",
      quoteCharacter = '#',
      value = {
        // Envoy's path_utility_test.cc
        "/xyz -> /xyz",
        "/x/y/z -> /x/y/z",
        "/a/b/../c -> /a/c",
        "/a/b/./c -> /a/b/c",
        "a/b/../c -> /a/c",
        "/a/b/../../../../c -> /c",
        "/a/..\\c -> /c",
        "/%c0%af -> /%c0%af",
        "/%5c%25 -> /%5c%25",
        "/a/b/%2E%2E/c -> /a/c",
        "/a/b/%2E./c -> /a/c",
        "/a/b/%2E/c -> /a/b/c",
        ".. -> /",
        "/../a/b -> /a/b",
        "/./a/b -> /a/b",
        "/A/B/C -> /A/B/C",
        "/a/b/%2e%2e/c -> /a/c",
        "/a/%2F%2f/c -> /a/%2F%2f/c",
        // unreserved escapes are decoded: ALPHA, DIGIT, - . _ ~
        "/api/v1/orders/%41%7a%30%39 -> /api/v1/orders/Az09",
        "/api/%2d%5F%7e -> /api/-_~",
        "/foo%2Ebar -> /foo.bar",
        // every other escape is kept exactly as written, case included
        "/api/v1/orders/a%3Ab -> /api/v1/orders/a%3Ab",
        "/api/v1/orders/a%3ab -> /api/v1/orders/a%3ab",
        "/api/%20%21%22%23%24%26%27%28%29%2A%2B%2C -> /api/%20%21%22%23%24%26%27%28%29%2A%2B%2C",
        "/api/%3B%3C%3D%3E%3F%40%5B%5D%5E%60%7B%7C%7D%7F -> /api/%3B%3C%3D%3E%3F%40%5B%5D%5E%60%7B%7C%7D%7F",
        "/api/%C3%A9 -> /api/%C3%A9",
        "/api/%0a -> /api/%0a",
        // raw characters the table escapes
        "/a b -> /a%20b",
        "/a\"b -> /a%22b",
        "/a<b>c -> /a%3Cb%3Ec",
        "/a^b`c -> /a%5Eb%60c",
        "/a{b|c}d -> /a%7Bb%7Cc%7Dd",
        "/a\u007fb -> /a%7Fb",
        "/a\u0001b -> /a%01b",
        "/caf\u00e9 -> /caf%C3%A9", // Jetty: the request line decoded as UTF-8
        "/caf\u00c3\u00a9 -> /caf%C3%A9", // Tomcat, Vert.x: one char per octet
        "/\u20ac -> /%E2%82%AC",
        // raw characters the table passes
        "/a!$&'()*+,;=:@[]b -> /a!$&'()*+,;=:@[]b",
        // not escapes: passed through
        "/a%zz%66%a -> /a%zzf%a",
        "/a% -> /a%",
        "/a%4 -> /a%4",
        // a % that began no escape cannot turn into one after unescaping
        "/%%30%30 -> /%2500",
        "/%%300 -> /%2500",
        "## -> /",
      })
  void normalizeWhenPathIsValidThenGivesEnvoysPath(String raw, String normalized) {
    assertThat(IstioPathNormalizer.normalize(raw)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/xyz/.%00../abc",
        "/xyz/%00.%00./abc",
        "/xyz/AAAAA%%0000/abc",
        "/api/v1/orders/%00",
        "/a\u0000b",
      })
  void normalizeWhenPathHoldsNulThenRefused(String raw) {
    assertThat(IstioPathNormalizer.normalize(raw)).isNull();
  }
}
