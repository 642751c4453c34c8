package io.meshguard.core.requirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.SpiffeIds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerMatchersTests {

  private static PeerIdentity peer(String id) {
    return new PeerIdentity(SpiffeIds.parse(id), PeerIdentity.Source.XFCC);
  }

  // Istio AuthorizationPolicy principals: spiffe:// implied; exact, prefix*, *suffix, *
  // (WIRE-FORMATS.md D.2, D.3)
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "cluster.local/ns/default/sa/sleep, spiffe://cluster.local/ns/default/sa/sleep, true",
    "cluster.local/ns/default/sa/sleep, spiffe://cluster.local/ns/default/sa/sleeper, false",
    "cluster.local/ns/default/*, spiffe://cluster.local/ns/default/sa/sleep, true",
    "cluster.local/ns/default/*, spiffe://cluster.local/ns/defaults/sa/sleep, false",
    "*/sa/sleep, spiffe://cluster.local/ns/default/sa/sleep, true",
    "*/sa/sleep, spiffe://cluster.local/ns/default/sa/sleepy, false",
    "*, spiffe://any.domain/x, true",
  })
  void principalWhenIstioPatternThenMatchesAsIstio(String pattern, String id, boolean matches) {
    assertThat(PeerMatchers.principal(pattern).matches(peer(id))).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "spiffe://cluster.local/ns/a/sa/b",
        "cluster.local/*/sa/b",
        "**",
        "*a*",
        "Cluster.local/ns/a"
      })
  void principalWhenPatternInvalidThenRejectedAtOnce(String pattern) {
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.principal(pattern));
  }

  @Test
  void exactNamespaceWhenPathIsExactlyIstioFormThenMatches() {
    PeerMatcher apiSystem = PeerMatchers.exactNamespace("api-system");
    assertThat(apiSystem.matches(peer("spiffe://cluster.local/ns/api-system/sa/gateway"))).isTrue();
    assertThat(apiSystem.matches(peer("spiffe://cluster.local/ns/api-system/sa/gateway/x")))
        .isFalse();
    assertThat(apiSystem.matches(peer("spiffe://cluster.local/ns/api-system-2/sa/gateway")))
        .isFalse();
    assertThat(apiSystem.matches(peer("spiffe://cluster.local/x/ns/api-system/sa/gateway")))
        .isFalse();
    assertThat(apiSystem.matches(peer("spiffe://cluster.local/ns/other/sa/api-system"))).isFalse();
  }

  @Test
  void idTrustDomainAndServiceAccountWhenGivenThenExact() {
    PeerIdentity gateway = peer("spiffe://cluster.local/ns/api-system/sa/gateway");
    assertThat(PeerMatchers.id("spiffe://cluster.local/ns/api-system/sa/gateway").matches(gateway))
        .isTrue();
    assertThat(PeerMatchers.id("spiffe://cluster.local/ns/api-system/sa/gate").matches(gateway))
        .isFalse();
    assertThat(PeerMatchers.trustDomain("cluster.local").matches(gateway)).isTrue();
    assertThat(PeerMatchers.trustDomain("cluster.loca").matches(gateway)).isFalse();
    assertThat(PeerMatchers.exactServiceAccount("api-system", "gateway").matches(gateway)).isTrue();
    assertThat(PeerMatchers.exactServiceAccount("api-system", "orders").matches(gateway)).isFalse();
  }

  // Istio AuthorizationPolicy namespaces: the regex .*/ns/<ns>/.* over the principal, '*' = .*
  // (WIRE-FORMATS.md D.3), the same implementation as policies
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "api-system, spiffe://cluster.local/ns/api-system/sa/gateway, true",
    "api-system, spiffe://cluster.local/ns/api-system/sa/gateway/x, true",
    "api-system, spiffe://cluster.local/x/ns/api-system/sa/gateway, true",
    "api-system, spiffe://cluster.local/ns/api-system-2/sa/gateway, false",
    "api-system, spiffe://cluster.local/ns/other/sa/api-system, false",
    "api-*, spiffe://cluster.local/ns/api-system/sa/gateway, true",
    "api-*, spiffe://cluster.local/ns/web/sa/api-x, false",
    "*, spiffe://cluster.local/ns/web/sa/gateway, true",
    "*, spiffe://cluster.local/web/gateway, false",
  })
  void namespaceWhenIstioPatternThenMatchesAsIstio(String pattern, String id, boolean matches) {
    assertThat(PeerMatchers.namespace(pattern).matches(peer(id))).isEqualTo(matches);
  }

  // Istio AuthorizationPolicy serviceAccounts and trustDomains (WIRE-FORMATS.md D.3)
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "sa:api-system/gateway, spiffe://cluster.local/ns/api-system/sa/gateway, true",
    "sa:api-system/gateway, spiffe://cluster.local/ns/api-system/sa/gateway/x, true",
    "sa:api-system/gateway, spiffe://cluster.local/ns/api-system/sa/gateway2, false",
    "td:cluster.local, spiffe://cluster.local/ns/a/sa/b, true",
    "td:cluster.local, spiffe://cluster.localx/ns/a/sa/b, false",
    "td:*.local, spiffe://cluster.local/ns/a/sa/b, true",
    "td:*.local, spiffe://cluster.example/ns/a/sa/b, false",
    "td:cluster.*, spiffe://cluster.example/ns/a/sa/b, true",
    "td:*, spiffe://any.example/x, true",
  })
  void serviceAccountAndTrustDomainWhenIstioValuesThenMatchAsIstio(
      String value, String id, boolean matches) {
    String argument = value.substring(3);
    PeerMatcher matcher =
        value.startsWith("sa:")
            ? PeerMatchers.serviceAccount(
                argument.substring(0, argument.indexOf('/')),
                argument.substring(argument.indexOf('/') + 1))
            : PeerMatchers.trustDomain(argument);
    assertThat(matcher.matches(peer(id))).isEqualTo(matches);
  }

  @Test
  void standardMatchersWhenBuiltFromEqualArgumentsThenEqual() {
    assertThat(PeerMatchers.namespace("api-system"))
        .isEqualTo(PeerMatchers.namespace("api-system"))
        .hasSameHashCodeAs(PeerMatchers.namespace("api-system"))
        .isNotEqualTo(PeerMatchers.namespace("other"))
        .isNotEqualTo(PeerMatchers.exactNamespace("api-system"));
    assertThat(PeerMatchers.id("spiffe://td/ns/a/sa/b"))
        .isEqualTo(PeerMatchers.id("spiffe://td/ns/a/sa/b"));
    assertThat(PeerMatchers.trustDomain("td")).isEqualTo(PeerMatchers.trustDomain("td"));
    assertThat(PeerMatchers.principal("td/ns/a/*")).isEqualTo(PeerMatchers.principal("td/ns/a/*"));
    assertThat(PeerMatchers.serviceAccount("a", "b"))
        .isEqualTo(PeerMatchers.serviceAccount("a", "b"))
        .isNotEqualTo(PeerMatchers.exactServiceAccount("a", "b"))
        .isNotEqualTo(PeerMatchers.serviceAccount("b", "a"));
    assertThat(
            PeerMatchers.anyOf(PeerMatchers.exactNamespace("a"), PeerMatchers.exactNamespace("b")))
        .isEqualTo(
            PeerMatchers.anyOf(PeerMatchers.exactNamespace("b"), PeerMatchers.exactNamespace("a")))
        .isNotEqualTo(
            PeerMatchers.allOf(PeerMatchers.exactNamespace("a"), PeerMatchers.exactNamespace("b")));
  }

  @Test
  void factoriesWhenArgumentInvalidThenRejectedAtOnce() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PeerMatchers.id("spiffe://cluster.local"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PeerMatchers.id("SPIFFE://cluster.local/x"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PeerMatchers.trustDomain("Cluster.local"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.namespace("a/b"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.namespace(""));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.exactNamespace("a/b"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.exactNamespace("a*"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.trustDomain("*a*"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.trustDomain("a*b"));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.anyOf(List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.allOf());
  }

  @Test
  void anyOfAndAllOfWhenCombinedThenShortCircuitCorrectly() {
    PeerIdentity gateway = peer("spiffe://cluster.local/ns/api-system/sa/gateway");
    PeerMatcher wrongNs = PeerMatchers.exactNamespace("other");
    PeerMatcher rightNs = PeerMatchers.exactNamespace("api-system");
    assertThat(PeerMatchers.anyOf(wrongNs, rightNs).matches(gateway)).isTrue();
    assertThat(PeerMatchers.allOf(wrongNs, rightNs).matches(gateway)).isFalse();
    assertThat(
            PeerMatchers.allOf(rightNs, PeerMatchers.trustDomain("cluster.local")).matches(gateway))
        .isTrue();
  }

  @Test
  void toStringWhenDescribedThenNamesTheCondition() {
    assertThat(PeerMatchers.namespace("api-system")).hasToString("peer namespace api-system");
    assertThat(PeerMatchers.anyOf(PeerMatchers.namespace("a"), PeerMatchers.namespace("b")))
        .hasToString("any of [peer namespace a, peer namespace b]");
    assertThat(PeerMatchers.exactNamespace("api-system"))
        .hasToString("peer exact namespace api-system");
  }
}
