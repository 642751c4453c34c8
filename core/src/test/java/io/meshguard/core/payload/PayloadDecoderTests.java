package io.meshguard.core.payload;

import static io.meshguard.core.TestPayloads.padded;
import static io.meshguard.core.TestPayloads.unpadded;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.TestPayloads;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.claims.NumericDate;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadDecoderTests {

  private static final PayloadDecoder STRICT = PayloadDecoder.defaults();
  private static final PayloadDecoder LENIENT =
      PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build();

  private static Claims decoded(PayloadDecoder decoder, String value) {
    PayloadResult result = decoder.decode(value);
    assertThat(result).isInstanceOf(PayloadResult.Decoded.class);
    return ((PayloadResult.Decoded) result).claims();
  }

  private static void assertMalformed(PayloadDecoder decoder, String value, Malformation why) {
    assertThat(decoder.decode(value))
        .isInstanceOfSatisfying(
            PayloadResult.Malformed.class, m -> assertThat(m.malformation()).isEqualTo(why));
  }

  @ParameterizedTest
  @ValueSource(strings = {TestPayloads.ENVOY_UNPADDED, TestPayloads.ENVOY_PADDED})
  void decodeWhenEnvoysForwardedPayloadThenReadsItsClaims(String header) {
    // envoyproxy/envoy test/extensions/filters/http/jwt_authn/test_common.h
    // ExpectedPayloadValue(WithPadding)
    Claims claims = decoded(STRICT, header);

    assertThat(claims.issuer()).contains("https://example.com");
    assertThat(claims.subject()).contains("test@example.com");
    assertThat(claims.expiresAt()).contains(NumericDate.ofEpochSecond(2001001001));
    assertThat(claims.audiences()).containsExactly("example_service");
  }

  @Test
  void decodeWhenIstioDemoTokenPayloadThenReadsItsClaims() {
    // istio/istio security/tools/jwt/samples/demo.jwt (payload)
    Claims claims =
        decoded(
            STRICT,
            unpadded(
                "{\"exp\":4685989700,\"foo\":\"bar\",\"iat\":1532389700,"
                    + "\"iss\":\"testing@secure.istio.io\",\"sub\":\"testing@secure.istio.io\"}"));

    assertThat(claims.get("foo")).contains("bar");
    assertThat(claims.issuedAt()).contains(NumericDate.ofEpochSecond(1532389700));
  }

  static Stream<Arguments> badEncodings() {
    String good = unpadded("{\"iss\":\"a\"}");
    return Stream.of(
        Arguments.of("standard alphabet +", good.substring(0, 4) + "+" + good.substring(5)),
        Arguments.of("standard alphabet /", good.substring(0, 4) + "/" + good.substring(5)),
        Arguments.of("wrong padding", good + "=="),
        Arguments.of("padding inside", good.substring(0, 4) + "=" + good.substring(4)),
        Arguments.of("length 4k+1", good + "AA"),
        Arguments.of("space", good.substring(0, 4) + " " + good.substring(4)),
        Arguments.of("leading space", " " + good),
        Arguments.of("trailing newline", good + "\n"),
        Arguments.of("tab", good + "\t"),
        Arguments.of("percent", good + "%3D"),
        Arguments.of("JWT with dots", "eyJhbGciOiJub25lIn0." + good + "."),
        Arguments.of("raw JSON when off", "{\"iss\":\"a\"}"),
        Arguments.of("percent JSON when off", "%7B%22iss%22%3A%22a%22%7D"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badEncodings")
  void decodeWhenNotStrictBase64UrlThenMalformed(String name, String value) {
    assertMalformed(STRICT, value, Malformation.INVALID_BASE64URL);
  }

  @Test
  void decodeWhenEmptyThenMalformed() {
    assertMalformed(STRICT, "", Malformation.EMPTY);
    assertMalformed(LENIENT, "", Malformation.EMPTY);
  }

  @Test
  void decodeWhenRawJsonEnabledThenAcceptsIt() {
    assertThat(decoded(LENIENT, "{\"iss\":\"https://auth.example.com\"}").issuer())
        .contains("https://auth.example.com");
  }

  @Test
  void decodeWhenRawJsonCarriesUtf8AsOctetsThenRestoresIt() {
    // Containers hand header octets over as ISO-8859-1 characters.
    String octets =
        new String(
            "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(decoded(LENIENT, octets).get("name")).contains("Zoë");
    assertThat(decoded(LENIENT, "{\"name\":\"Zoë €\"}").get("name")).contains("Zoë €");
  }

  /** Octets a container hands over as ISO-8859-1 characters, one char per byte. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"sub\":\"x\u00ffy\"}", // 0xFF never occurs in UTF-8
        "{\"sub\":\"x\u00c0\u00afy\"}", // overlong encoding of '/'
        "{\"sub\":\"x\u0080y\"}", // a lone continuation byte
        "{\"sub\":\"x\u00ed\u00a0\u0080y\"}", // CESU-8 surrogate half
        "{\"sub\":\"x\u00c3y\"}", // a truncated sequence
        "{\"sub\":\"x\u00f4\u0090\u0080\u0080y\"}", // above U+10FFFF
        "{\"sub\":\"x\ufffdy\"}", // a container's replacement for bytes that were not UTF-8
        "{\"sub\":\"x\ud800y\"}", // a lone surrogate
      })
  void decodeWhenRawJsonIsNotUtf8ThenMalformed(String octets) {
    assertMalformed(LENIENT, octets, Malformation.INVALID_HEADER_TEXT);
  }

  @Test
  void decodeWhenPercentEncodedJsonEnabledThenAcceptsEitherCase() {
    String json = "{\"iss\":\"https://auth.example.com\",\"scope\":\"a+b c\"}";
    String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    Claims upper = decoded(LENIENT, encoded);
    Claims lower = decoded(LENIENT, encoded.replace("%7B", "%7b"));

    assertThat(upper.issuer()).contains("https://auth.example.com");
    assertThat(lower).isEqualTo(upper);
  }

  @Test
  void decodeWhenPercentEncodedJsonHasPlusThenKeepsItAPlus() {
    assertThat(decoded(LENIENT, "%7B%22scope%22:%22a+b%22%7D").scopes()).containsExactly("a+b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%7B%22a%22:1%7",
        "%7B%22a%22:1%7G",
        "%7B%22a%22:1%",
        "%7B%22a%22:%22\u00e9%22%7D"
      })
  void decodeWhenPercentEscapeIsBadThenMalformed(String value) {
    assertMalformed(LENIENT, value, Malformation.INVALID_PERCENT_ENCODING);
  }

  @Test
  void decodeWhenBase64UrlAndLenientThenStillDecodes() {
    assertThat(decoded(LENIENT, TestPayloads.ENVOY_UNPADDED).subject())
        .contains("test@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"iss\":\"a\"}]", "\"text\"", "42", "true", "null"})
  void decodeWhenTopLevelIsNotAnObjectThenMalformed(String json) {
    assertMalformed(STRICT, unpadded(json), Malformation.NOT_AN_OBJECT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\":}",
        "{\"a\":1,}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":1} x",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":NaN}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":\"x\ty\"}",
        "{\"a\":1 /* c */}",
        " ",
        "\uFEFF{\"a\":1}",
      })
  void decodeWhenNotValidJsonThenMalformed(String json) {
    assertMalformed(STRICT, unpadded(json), Malformation.INVALID_JSON);
  }

  @Test
  void decodeWhenUtf16EncodedJsonThenMalformed() {
    // Jackson would detect UTF-16 from the zero bytes; a payload is UTF-8 JSON.
    assertMalformed(
        STRICT,
        unpadded("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)),
        Malformation.INVALID_JSON);
    assertMalformed(
        STRICT,
        unpadded("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE)),
        Malformation.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"7b2261223a22c0af227d", "7b2261223a22eda080227d", "7b2261223a22ff227d"})
  void decodeWhenBytesAreNotUtf8ThenMalformed(String hex) {
    assertMalformed(STRICT, unpadded(HexFormat.of().parseHex(hex)), Malformation.INVALID_UTF8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}", "{\"a\":[\"\\udbff\"]}"})
  void decodeWhenEscapedLoneSurrogateThenMalformed(String json) {
    assertMalformed(STRICT, unpadded(json), Malformation.LONE_SURROGATE);
  }

  @Test
  void decodeWhenMemberNameEscapesLoneSurrogateThenMalformed() {
    // Jackson itself may reject this name before meshguard's own check; either way it is malformed.
    assertThat(STRICT.decode(unpadded("{\"\\ud800\":1}")))
        .isInstanceOf(PayloadResult.Malformed.class);
  }

  @Test
  void decodeWhenEscapedSurrogatePairThenAccepted() {
    assertThat(decoded(STRICT, unpadded("{\"a\":\"\\ud83d\\ude00\"}")).get("a")).contains("😀");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"o\":{\"b\":1,\"b\":1}}",
        "{\"l\":[{\"c\":true,\"c\":false}]}",
        "{\"x\":{\"y\":{\"z\":{\"q\":1,\"q\":1}}}}",
      })
  void decodeWhenDuplicateKeyAtAnyDepthThenMalformed(String json) {
    assertMalformed(STRICT, unpadded(json), Malformation.DUPLICATE_KEY);
  }

  @Test
  void decodeWhenManyKeysWithDuplicateLateThenMalformed() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 200; i++) {
      json.append("\"k").append(i).append("\":1,");
    }
    json.append("\"k150\":2}");
    assertMalformed(STRICT, unpadded(json.toString()), Malformation.DUPLICATE_KEY);
  }

  @Test
  void decodeWhenManyDistinctKeysThenKeepsOrderAndFindsEach() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 200; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    Claims claims = decoded(STRICT, unpadded(json.append('}').toString()));
    assertThat(claims.names()).hasSize(200).startsWith("k0", "k1").endsWith("k199");
    assertThat(claims.get("k137")).contains(137L);
  }

  private static String nested(int depth) {
    // depth 1 is the top-level object
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  @Test
  void decodeWhenNestingAtDepthLimitThenAccepted() {
    assertThat(STRICT.decode(unpadded(nested(32)))).isInstanceOf(PayloadResult.Decoded.class);
    assertThat(STRICT.decode(unpadded("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")))
        .isInstanceOf(PayloadResult.Decoded.class);
  }

  @Test
  void decodeWhenNestingBeyondDepthLimitThenMalformed() {
    assertMalformed(STRICT, unpadded(nested(33)), Malformation.TOO_DEEP);
    assertMalformed(
        STRICT, unpadded("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"), Malformation.TOO_DEEP);
  }

  @Test
  void decodeWhenDepthLimitConfiguredThenAppliesIt() {
    PayloadDecoder shallow =
        PayloadDecoder.builder().limits(new PayloadLimits(8192, 2, 64, 4096)).build();
    assertThat(shallow.decode(unpadded(nested(2)))).isInstanceOf(PayloadResult.Decoded.class);
    assertMalformed(shallow, unpadded(nested(3)), Malformation.TOO_DEEP);
  }

  @Test
  void decodeWhenHeaderAtSizeLimitThenAcceptedAndOneMoreIsTooLarge() {
    String json = "{\"pad\":\"" + "x".repeat(3000) + "\"}";
    String value = unpadded(json);
    PayloadDecoder exact =
        PayloadDecoder.builder().limits(new PayloadLimits(value.length(), 32, 64, 4096)).build();
    PayloadDecoder oneLess =
        PayloadDecoder.builder()
            .limits(new PayloadLimits(value.length() - 1, 32, 64, 4096))
            .build();

    assertThat(exact.decode(value)).isInstanceOf(PayloadResult.Decoded.class);
    assertMalformed(oneLess, value, Malformation.TOO_LARGE);
  }

  @Test
  void decodeWhenHeaderOverEightKibibytesThenTooLarge() {
    String atLimit = "A".repeat(8192);
    String overLimit = "A".repeat(8193);
    assertThat(STRICT.decode(atLimit))
        .isInstanceOfSatisfying(
            PayloadResult.Malformed.class,
            m -> assertThat(m.malformation()).isNotEqualTo(Malformation.TOO_LARGE));
    assertMalformed(STRICT, overLimit, Malformation.TOO_LARGE);
  }

  private static final PayloadDecoder SMALL_VALUES =
      PayloadDecoder.builder().limits(new PayloadLimits(8192, 32, 64, 4096)).build();

  @Test
  void decodeWhenStringAtLengthLimitThenAcceptedAndOneMoreIsTooLong() {
    assertThat(SMALL_VALUES.decode(unpadded("{\"s\":\"" + "x".repeat(4096) + "\"}")))
        .isInstanceOf(PayloadResult.Decoded.class);
    assertMalformed(
        SMALL_VALUES,
        unpadded("{\"s\":\"" + "x".repeat(4097) + "\"}"),
        Malformation.STRING_TOO_LONG);
    assertMalformed(
        SMALL_VALUES, unpadded("{\"" + "k".repeat(4097) + "\":1}"), Malformation.STRING_TOO_LONG);
  }

  @Test
  void decodeWhenDefaultsThenOnlyTheHeaderSizeBoundsAString() {
    // The longest string an 8 KiB header can carry is accepted by default.
    assertThat(STRICT.decode(unpadded("{\"s\":\"" + "x".repeat(6130) + "\"}")))
        .isInstanceOf(PayloadResult.Decoded.class);
  }

  @Test
  void decodeWhenNumberAtLengthLimitThenAcceptedAndOneMoreIsTooLong() {
    assertThat(SMALL_VALUES.decode(unpadded("{\"n\":" + "1".repeat(64) + "}")))
        .isInstanceOf(PayloadResult.Decoded.class);
    assertMalformed(
        SMALL_VALUES, unpadded("{\"n\":" + "1".repeat(65) + "}"), Malformation.NUMBER_TOO_LONG);
    assertMalformed(
        SMALL_VALUES, unpadded("{\"n\":0." + "1".repeat(63) + "}"), Malformation.NUMBER_TOO_LONG);
    assertThat(STRICT.decode(unpadded("{\"n\":" + "1".repeat(1000) + "}")))
        .isInstanceOf(PayloadResult.Decoded.class);
    assertMalformed(
        STRICT, unpadded("{\"n\":" + "1".repeat(1001) + "}"), Malformation.NUMBER_TOO_LONG);
  }

  @Test
  void decodeWhenValuesOfEveryTypeThenKeepsThem() {
    Claims claims =
        decoded(
            STRICT,
            unpadded(
                "{\"s\":\"x\",\"i\":-7,\"big\":123456789012345678901234567890,\"f\":1.5,"
                    + "\"t\":true,\"n\":null,\"o\":{\"k\":[1,\"two\"]},\"l\":[]}"));

    assertThat(claims.get("s")).contains("x");
    assertThat(claims.get("i")).contains(-7L);
    assertThat(claims.get("big"))
        .contains(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(claims.get("f")).contains(new BigDecimal("1.5"));
    assertThat(claims.get("t")).contains(true);
    assertThat(claims.get("n")).isEmpty();
    assertThat(claims.contains("n")).isTrue();
    assertThat(claims.get(List.of("o", "k"))).contains(List.of(1L, "two"));
    assertThat(claims.get("o").orElseThrow()).isInstanceOf(Map.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"iss\":1}",
        "{\"iss\":null}",
        "{\"sub\":[\"a\"]}",
        "{\"sub\":true}",
        "{\"jti\":{}}",
        "{\"azp\":2}",
        "{\"aud\":1}",
        "{\"aud\":[\"a\",1]}",
        "{\"aud\":[\"a\\\"\" , 1]}",
        "{\"aud\":[ \"a\\\\\",[\"b\"]]}",
        "{\"aud\":[null]}",
        "{\"aud\":[{}]}",
        "{\"aud\":{\"a\":1}}",
        "{\"exp\":\"1700000000\"}",
        "{\"exp\":null}",
        "{\"nbf\":true}",
        "{\"iat\":[1]}",
        "{\"scope\":1}",
        "{\"scope\":[\"a\",2]}",
        "{\"scp\":{\"a\":1}}",
        "{\"scp\":[null]}",
      })
  void decodeWhenRegisteredClaimHasWrongTypeThenMalformed(String json) {
    // An unread aud array is type-checked by scanning it; escaped quotes must not end a string.
    assertMalformed(STRICT, unpadded(json), Malformation.CLAIM_TYPE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"aud\":[]}",
        "{\"aud\":[ ]}",
        "{\"aud\":[\"a\\\",\\\\\" , \"b\\u0022\"\t]}",
        "{\"aud\":\"a\"}",
      })
  void decodeWhenAudIsAStringOrStringsThenReadLazilyAndExactly(String json) {
    PayloadResult result = STRICT.decode(unpadded(json));
    assertThat(result).isInstanceOf(PayloadResult.Decoded.class);
    List<String> audiences = ((PayloadResult.Decoded) result).claims().audiences();
    assertThat(audiences).isEqualTo(((PayloadResult.Decoded) result).claims().audiences());
    assertThat(audiences).allSatisfy(audience -> assertThat(audience).isNotNull());
    if (json.contains("a\\\",")) {
      assertThat(audiences).containsExactly("a\",\\", "b\"");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"exp\":-1}",
        "{\"exp\":-0.5}",
        "{\"nbf\":9223372036854775808}",
        "{\"iat\":9223372036854775807.5}",
        "{\"exp\":1e19}",
        "{\"exp\":1e400}",
      })
  void decodeWhenNumericDateOutOfRangeThenMalformed(String json) {
    assertMalformed(STRICT, unpadded(json), Malformation.CLAIM_RANGE);
  }

  @Test
  void decodeWhenClaimMalformedThenNamesTheClaimButNotItsValue() {
    PayloadResult result = STRICT.decode(unpadded("{\"exp\":\"secret-value\"}"));
    assertThat(result.toString()).contains("exp").doesNotContain("secret-value");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"exp\":0}",
        "{\"exp\":9223372036854775807}",
        "{\"exp\":1.5e9}",
        "{\"exp\":1e-999}"
      })
  void decodeWhenNumericDateAtTheEdgesOfTheRangeThenAccepted(String json) {
    assertThat(STRICT.decode(unpadded(json))).isInstanceOf(PayloadResult.Decoded.class);
  }

  @Test
  void decodeWhenPaddedAndUnpaddedThenSameClaims() {
    String json = "{\"iss\":\"https://auth.example.com\",\"sub\":\"alice\",\"exp\":2000000000}";
    assertThat(decoded(STRICT, padded(json))).isEqualTo(decoded(STRICT, unpadded(json)));
  }
}
