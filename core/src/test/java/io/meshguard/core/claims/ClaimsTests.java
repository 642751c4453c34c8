package io.meshguard.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimsTests {

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> scopeForms() {
    return Stream.of(
        Arguments.of(
            map("scope", "orders:read orders:write"), List.of("orders:read", "orders:write")),
        Arguments.of(
            map("scope", List.of("orders:read", "orders:write")),
            List.of("orders:read", "orders:write")),
        Arguments.of(map("scp", List.of("a", "b")), List.of("a", "b")),
        Arguments.of(map("scp", "a b"), List.of("a", "b")),
        Arguments.of(map("scope", "a b", "scp", List.of("b", "c")), List.of("a", "b", "c")),
        Arguments.of(map("scp", List.of("c", "a"), "scope", "a b"), List.of("a", "b", "c")),
        Arguments.of(map("scope", "  a   b  "), List.of("a", "b")),
        Arguments.of(map("scope", "a a a"), List.of("a")),
        Arguments.of(map("scope", ""), List.of()),
        Arguments.of(map("scope", List.of("", "a")), List.of("a")),
        Arguments.of(map("scope", "a\tb"), List.of("a\tb")),
        Arguments.of(map("scope", "Orders:Read"), List.of("Orders:Read")),
        Arguments.of(map(), List.of()));
  }

  @ParameterizedTest
  @MethodSource("scopeForms")
  void scopesWhenScopeAndScpInAnyFormThenUnionInOrderOfFirstAppearance(
      Map<String, Object> members, List<String> expected) {
    assertThat(Claims.of(members).scopes()).containsExactlyElementsOf(expected);
  }

  @Test
  void scopesWhenSpaceDelimitedThenComparedInPlaceExactly() {
    List<String> scopes = Claims.of(map("scope", " openid  orders:read orders:write ")).scopes();
    assertThat(scopes.contains("orders:read")).isTrue();
    assertThat(scopes.contains("orders")).isFalse();
    assertThat(scopes.contains("orders:read ")).isFalse();
    assertThat(scopes.contains("Orders:Read")).isFalse();
    assertThat(scopes.indexOf("orders:write")).isEqualTo(2);
    assertThat(scopes).isEqualTo(List.of("openid", "orders:read", "orders:write"));
    assertThat(scopes.hashCode())
        .isEqualTo(List.of("openid", "orders:read", "orders:write").hashCode());
    assertThat(scopes.get(1)).isSameAs(scopes.get(1));
  }

  @Test
  void scopesWhenManyThenDeduplicated() {
    String many = String.join(" ", java.util.Collections.nCopies(50, "x y z"));
    assertThat(Claims.of(map("scope", many, "scp", List.of("z", "w"))).scopes())
        .containsExactly("x", "y", "z", "w");
  }

  @Test
  void hasScopeWhenCaseDiffersThenFalse() {
    Claims claims = Claims.of(map("scope", "orders:read"));
    assertThat(claims.hasScope("orders:read")).isTrue();
    assertThat(claims.hasScope("ORDERS:READ")).isFalse();
    assertThat(claims.hasScope("orders")).isFalse();
  }

  @Test
  void audiencesWhenStringOrArrayThenList() {
    assertThat(Claims.of(map("aud", "a")).audiences()).containsExactly("a");
    assertThat(Claims.of(map("aud", List.of("a", "b"))).audiences()).containsExactly("a", "b");
    assertThat(Claims.of(map()).audiences()).isEmpty();
  }

  @Test
  void getWhenNestedPathThenFollowsObjects() {
    Claims claims =
        Claims.of(map("realm_access", map("roles", List.of("admin")), "foo.com/name", "x"));
    assertThat(claims.get(List.of("realm_access", "roles"))).contains(List.of("admin"));
    assertThat(claims.get(List.of("realm_access", "missing"))).isEmpty();
    assertThat(claims.get(List.of("foo.com/name"))).contains("x");
    assertThat(claims.get(List.of("foo.com/name", "deeper"))).isEmpty();
  }

  @Test
  void ofWhenGivenJavaNumbersThenNormalisesThem() {
    Claims claims = Claims.of(map("i", 3, "d", 1.5, "exp", 1700000000));
    assertThat(claims.get("i")).contains(3L);
    assertThat(claims.get("d")).contains(new BigDecimal("1.5"));
    assertThat(claims.expiresAt()).contains(NumericDate.ofEpochSecond(1700000000));
  }

  @Test
  void ofWhenValueIsNotJsonThenThrowsNamingTheClaim() {
    assertThatExceptionOfType(InvalidClaimsException.class)
        .isThrownBy(() -> Claims.of(map("when", new Object())))
        .withMessageContaining("'when'")
        .satisfies(e -> assertThat(e.isRangeError()).isFalse());
    assertThatExceptionOfType(InvalidClaimsException.class)
        .isThrownBy(() -> Claims.of(map("d", Double.NaN)));
  }

  @Test
  void ofWhenRegisteredClaimHasWrongTypeThenThrows() {
    assertThatExceptionOfType(InvalidClaimsException.class)
        .isThrownBy(() -> Claims.of(map("exp", "soon")))
        .withMessage("Claim 'exp' has a type that RFC 7519 does not allow");
    assertThatExceptionOfType(InvalidClaimsException.class)
        .isThrownBy(() -> Claims.of(map("exp", -1)))
        .withMessage("Claim 'exp' is out of range")
        .satisfies(e -> assertThat(e.isRangeError()).isTrue());
  }

  @Test
  void ofWhenSourceChangesLaterThenClaimsDoNot() {
    List<Object> roles = new java.util.ArrayList<>(Arrays.asList("a"));
    Map<String, Object> source = map("roles", roles);
    Claims claims = Claims.of(source);
    roles.add("b");
    source.put("extra", 1);
    assertThat(claims.get("roles")).contains(List.of("a"));
    assertThat(claims.contains("extra")).isFalse();
  }

  @Test
  void toStringWhenCalledThenListsNamesButNoValues() {
    Claims claims = Claims.of(map("sub", "alice-secret", "scope", "orders:read"));
    assertThat(claims.toString()).isEqualTo("Claims[sub, scope]");
  }

  @Test
  void asMapWhenMutatedThenRefuses() {
    Claims claims = Claims.of(map("sub", "a"));
    org.assertj.core.api.Assertions.assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> claims.asMap().put("x", 1));
  }
}
