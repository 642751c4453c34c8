package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one Istio vocabulary policies and requirements share (WIRE-FORMATS.md D.2, D.3, D.5). */
class IstioMatchTests {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "abc, abc, true",
    "abc, abcd, false",
    "abc*, abcd, true",
    "*bcd, abcd, true",
    "*a*, xa*, true",
    "*a*, xab, false",
    "a*b, a*b, true",
    "a*b, axb, false",
    "*, x, true",
    "*, '', false",
  })
  void stringWhenPatternThenExactPrefixSuffixOrPresence(
      String pattern, String value, boolean matches) {
    assertThat(IstioMatch.string(pattern, false, false).matches(value)).isEqualTo(matches);
  }

  @Test
  void stringWhenAbsentOrHeaderStyleThenAsIstio() {
    assertThat(IstioMatch.string("*", false, false).matches(null)).isFalse();
    assertThat(IstioMatch.string("*", true, false).matches("")).isTrue();
    assertThat(IstioMatch.string("Example.COM", false, true).matches("example.com")).isTrue();
    assertThat(IstioMatch.string("k", false, true).matches("\u212a")).isFalse();
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "principal:td/ns/a/sa/b, spiffe://td/ns/a/sa/b, true",
    "principal:td/ns/a/*, spiffe://td/ns/a/sa/b, true",
    "principal:*/sa/b, spiffe://td/ns/a/sa/b, true",
    "principal:*//td/x, spiffe://td/x, false",
    "namespace:a, spiffe://td/ns/a/sa/b, true",
    "namespace:a, spiffe://td/x/ns/a/sa/b/c, true",
    "namespace:a, spiffe://td/ns/ab/sa/b, false",
    "namespace:a*, spiffe://td/ns/ab/sa/b, true",
    "trustDomain:td, spiffe://td/ns/a/sa/b, true",
    "trustDomain:td, spiffe://tdx/ns/a/sa/b, false",
    "trustDomain:*.local, spiffe://cluster.local/ns/a/sa/b, true",
    "trustDomain:*, spiffe://any/x, true",
  })
  void peerFieldsWhenIstioValueThenMatchThePrincipalAsIstio(
      String field, String principal, boolean matches) {
    String value = field.substring(field.indexOf(':') + 1);
    IstioMatch.ValueMatch match =
        field.startsWith("principal:")
            ? IstioMatch.principal(value)
            : field.startsWith("namespace:")
                ? IstioMatch.namespace(value)
                : IstioMatch.trustDomain(value);
    assertThat(match.matches(principal)).isEqualTo(matches);
  }

  @Test
  void claimMatchesWhenStringOrListElementThenAnyValueMatches() {
    List<IstioMatch.ValueMatch> admin = List.of(IstioMatch.string("admin", false, false));
    assertThat(IstioMatch.claimMatches("admin", admin)).isTrue();
    assertThat(IstioMatch.claimMatches(List.of(1, "admin"), admin)).isTrue();
    assertThat(IstioMatch.claimMatches(List.of(List.of("admin")), admin)).isFalse();
    assertThat(IstioMatch.claimMatches(Map.of("admin", "admin"), admin)).isFalse();
    assertThat(IstioMatch.claimMatches(true, admin)).isFalse();
    assertThat(IstioMatch.claimMatches(null, admin)).isFalse();
  }

  @Test
  void splitSpaceDelimitedWhenSpacesThenNonEmptyPartsElseTheString() {
    assertThat(IstioMatch.splitSpaceDelimited(" a  b ")).isEqualTo(List.of("a", "b"));
    assertThat(IstioMatch.splitSpaceDelimited("a")).isEqualTo(List.of("a"));
    assertThat(IstioMatch.splitSpaceDelimited("  ")).isEqualTo("  ");
    assertThat(IstioMatch.SPACE_DELIMITED_BY_DEFAULT)
        .containsExactlyInAnyOrder("scope", "permission");
  }
}
