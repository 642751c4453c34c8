package io.meshguard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimsValidatorTests {

  private static final long NOW = 1_800_000_000L;
  private static final String ISSUER = "https://auth.example.com";
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final ClaimsValidator VALIDATOR =
      ClaimsValidator.builder().issuers(ISSUER).clock(CLOCK).build();

  private static Map<String, Object> valid() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "alice");
    claims.put("exp", NOW + 3600);
    return claims;
  }

  private static Optional<ClaimsViolation> validate(
      ClaimsValidator validator, Map<String, Object> claims) {
    return validator.validate(Claims.of(claims));
  }

  private static Map<String, Object> with(String name, Object value) {
    Map<String, Object> claims = valid();
    claims.put(name, value);
    return claims;
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "iss={0} aud={1} -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({
    "https://a.example.com, orders-a, ",
    "https://a.example.com, https://orders-a/, ",
    "https://a.example.com, orders-b, AUDIENCE_NOT_ACCEPTED",
    "https://b.example.com, orders-b, ",
    "https://b.example.com, orders-a, AUDIENCE_NOT_ACCEPTED",
    "https://c.example.com, anything, ",
    "https://d.example.com, orders-a, ISSUER_NOT_ACCEPTED",
  })
  void validateWhenIssuerRulesThenEachIssuerOnlyWithItsOwnAudiences(
      String issuer, String audience, ClaimsViolation expected) {
    ClaimsValidator rules =
        ClaimsValidator.builder()
            .issuerRule("https://a.example.com", java.util.List.of("orders-a"))
            .issuerRule("https://b.example.com", java.util.List.of("orders-b"))
            .issuerRule("https://c.example.com", java.util.List.of())
            .clock(CLOCK)
            .build();
    Map<String, Object> claims = with("iss", issuer);
    claims.put("aud", audience);
    assertThat(validate(rules, claims)).isEqualTo(Optional.ofNullable(expected));
    assertThat(rules.issuers())
        .containsExactly("https://a.example.com", "https://b.example.com", "https://c.example.com");
    assertThat(rules.audiences("https://a.example.com")).containsExactly("orders-a");
  }

  @Test
  void buildWhenIssuerRulesAndFlatListsThenRefused() {
    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(
            () ->
                ClaimsValidator.builder()
                    .issuers(ISSUER)
                    .issuerRule("https://a.example.com", java.util.List.of("x"))
                    .build());
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ClaimsValidator.builder()
                    .issuerRule(ISSUER, java.util.List.of("x"))
                    .issuerRule(ISSUER, java.util.List.of("y")));
  }

  @Test
  void validateWhenAllGoodThenAccepted() {
    assertThat(validate(VALIDATOR, valid())).isEmpty();
  }

  @ParameterizedTest(name = "exp = now{0} -> expired: {1}")
  @CsvSource({"+0, false", "-60, false", "-61, true", "-3600, true", "+1, false"})
  void validateWhenExpAroundTheSkewThenExpiredOnlyBeyondIt(long offset, boolean expired) {
    Optional<ClaimsViolation> result = validate(VALIDATOR, with("exp", NOW + offset));
    assertThat(result.isPresent()).isEqualTo(expired);
    result.ifPresent(v -> assertThat(v).isEqualTo(ClaimsViolation.EXPIRED));
  }

  @Test
  void validateWhenFractionalExpJustInsideOrOutsideTheSkewThenExact() {
    assertThat(validate(VALIDATOR, with("exp", new BigDecimal(NOW - 60 + ".000000001")))).isEmpty();
    assertThat(validate(VALIDATOR, with("exp", new BigDecimal(NOW - 61 + ".999999999"))))
        .contains(ClaimsViolation.EXPIRED);
  }

  @ParameterizedTest(name = "nbf = now{0} -> rejected: {1}")
  @CsvSource({"+0, false", "+60, false", "+61, true", "-100, false"})
  void validateWhenNbfAroundTheSkewThenNotYetValidOnlyBeyondIt(long offset, boolean rejected) {
    assertThat(validate(VALIDATOR, with("nbf", NOW + offset)))
        .isEqualTo(rejected ? Optional.of(ClaimsViolation.NOT_YET_VALID) : Optional.empty());
  }

  @ParameterizedTest(name = "iat = now{0} -> rejected: {1}")
  @CsvSource({"+0, false", "+60, false", "+61, true", "-86400, false"})
  void validateWhenIatAroundTheSkewThenIssuedInFutureOnlyBeyondIt(long offset, boolean rejected) {
    assertThat(validate(VALIDATOR, with("iat", NOW + offset)))
        .isEqualTo(rejected ? Optional.of(ClaimsViolation.ISSUED_IN_FUTURE) : Optional.empty());
  }

  @Test
  void validateWhenExpIsFarFutureMaximumThenNoOverflow() {
    assertThat(validate(VALIDATOR, with("exp", Long.MAX_VALUE))).isEmpty();
    assertThat(validate(VALIDATOR, with("nbf", Long.MAX_VALUE)))
        .contains(ClaimsViolation.NOT_YET_VALID);
  }

  @Test
  void validateWhenExpMissingThenRejectedUnlessNotRequired() {
    Map<String, Object> claims = valid();
    claims.remove("exp");
    assertThat(validate(VALIDATOR, claims)).contains(ClaimsViolation.EXPIRATION_MISSING);
    ClaimsValidator lenient =
        ClaimsValidator.builder().issuers(ISSUER).clock(CLOCK).requireExpiration(false).build();
    assertThat(validate(lenient, claims)).isEmpty();
  }

  @Test
  void validateWhenIssuerMissingOrDifferentThenRejected() {
    Map<String, Object> claims = valid();
    claims.remove("iss");
    assertThat(validate(VALIDATOR, claims)).contains(ClaimsViolation.ISSUER_MISSING);
    assertThat(validate(VALIDATOR, with("iss", ISSUER + "/")))
        .contains(ClaimsViolation.ISSUER_NOT_ACCEPTED);
    assertThat(validate(VALIDATOR, with("iss", "https://AUTH.example.com")))
        .contains(ClaimsViolation.ISSUER_NOT_ACCEPTED);
  }

  @Test
  void validateWhenSeveralViolationsThenIssuerComesFirst() {
    Map<String, Object> claims = with("iss", "https://evil.example.com");
    claims.put("exp", 1);
    assertThat(validate(VALIDATOR, claims)).contains(ClaimsViolation.ISSUER_NOT_ACCEPTED);
  }

  @ParameterizedTest(name = "configured {0}, token {1} -> accepted: {2}")
  @CsvSource({
    "example_service, example_service, true",
    "https://example_service2/, example_service2, true",
    "example_service2, https://example_service2/, true",
    "http://orders, https://orders/, true",
    "orders, orders//, false",
    "orders, ORDERS, false",
    "orders, billing, false",
  })
  void validateWhenAudiencesConfiguredThenComparedAsEnvoyDoes(
      String configured, String token, boolean accepted) {
    // google/jwt_verify_lib src/check_audience.cc: scheme prefix and one trailing slash ignored
    ClaimsValidator validator =
        ClaimsValidator.builder().issuers(ISSUER).audiences(configured).clock(CLOCK).build();
    assertThat(validate(validator, with("aud", List.of("other", token))).isEmpty())
        .isEqualTo(accepted);
  }

  @Test
  void validateWhenAudienceConfiguredAndTokenHasNoneThenRejected() {
    ClaimsValidator validator =
        ClaimsValidator.builder().issuers(ISSUER).audiences("orders").clock(CLOCK).build();
    assertThat(validate(validator, valid())).contains(ClaimsViolation.AUDIENCE_NOT_ACCEPTED);
  }

  @Test
  void validateWhenNoAudienceConfiguredThenAnyAudAccepted() {
    assertThat(validate(VALIDATOR, with("aud", "whatever"))).isEmpty();
  }

  @Test
  void buildWhenNoIssuerThenFailsClosed() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> ClaimsValidator.builder().build())
        .withMessage("At least one accepted issuer is required");
  }

  @Test
  void builderWhenBadSettingsThenRejects() {
    assertThatIllegalArgumentException().isThrownBy(() -> ClaimsValidator.builder().issuers(""));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClaimsValidator.builder().audiences("https://"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClaimsValidator.builder().clockSkew(Duration.ofSeconds(-1)));
  }

  @Test
  void descriptionsWhenRenderedThenStayInTheRfc6750Charset() {
    for (ClaimsViolation violation : ClaimsViolation.values()) {
      assertThat(violation.description()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    }
  }
}
