package io.meshguard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Equality, ordering, hashing and accessors of the claims package's values. */
class ClaimsValueContractsTests {

  @Test
  void claimsWhenSameMembersThenEqualWithEqualHashes() {
    Claims claims = Claims.of(Map.of("sub", "a", "jti", "id-1"));
    assertThat(claims)
        .isEqualTo(Claims.of(Map.of("jti", "id-1", "sub", "a")))
        .hasSameHashCodeAs(Claims.of(Map.of("sub", "a", "jti", "id-1")))
        .isNotEqualTo(Claims.of(Map.of("sub", "b", "jti", "id-1")))
        .isNotEqualTo("Claims[sub, jti]");
    assertThat(claims.jwtId()).contains("id-1");
    assertThat(claims.asMap()).containsEntry("sub", "a").hasSize(2);
  }

  @Test
  void numericDateWhenComparedThenBySecondsThenNanos() {
    NumericDate a = NumericDate.of(new BigDecimal("10.25"));
    NumericDate b = NumericDate.of(new BigDecimal("10.5"));
    NumericDate c = NumericDate.ofEpochSecond(11);
    assertThat(a).isLessThan(b).isLessThan(c);
    assertThat(c).isGreaterThan(b);
    assertThat(a.compareTo(NumericDate.of(new BigDecimal("10.250")))).isZero();
    assertThat(a)
        .isEqualTo(NumericDate.of(new BigDecimal("10.25")))
        .hasSameHashCodeAs(NumericDate.of(new BigDecimal("10.25")))
        .isNotEqualTo(b)
        .isNotEqualTo(NumericDate.ofEpochSecond(10))
        .isNotEqualTo("10.25");
    assertThat(a.hashCode()).isNotEqualTo(b.hashCode());
    assertThat(NumericDate.of(new BigDecimal("1.999999999")).nano()).isEqualTo(999_999_999);
    assertThat(NumericDate.of(new BigDecimal("0.000000001")).nano()).isEqualTo(1);
    assertThat(NumericDate.of(Double.valueOf(2.5)).nano()).isEqualTo(500_000_000);
  }

  @Test
  void validatorWhenBuiltThenReportsItsConfiguration() {
    ClaimsValidator validator =
        ClaimsValidator.builder()
            .issuers("https://a")
            .audiences("https://orders/")
            .requireExpiration(false)
            .clock(Clock.systemUTC())
            .build();
    assertThat(validator.requiresExpiration()).isFalse();
    assertThat(ClaimsValidator.builder().issuers("https://a").build().requiresExpiration())
        .isTrue();
    assertThat(validator.audiences()).containsExactly("orders");
    assertThat(validator.clock()).isEqualTo(Clock.systemUTC());
    assertThat(
            ClaimsValidator.builder()
                .issuers("https://a")
                .clockSkew(java.time.Duration.ZERO)
                .build()
                .clockSkew())
        .isZero();
    assertThat(ClaimsValidator.normalizeAudience("http://x/")).isEqualTo("x");
    assertThat(ClaimsValidator.normalizeAudience("x//")).isEqualTo("x/");
    assertThat(ClaimsValidator.normalizeAudience("httpx://y")).isEqualTo("httpx://y");
  }
}
