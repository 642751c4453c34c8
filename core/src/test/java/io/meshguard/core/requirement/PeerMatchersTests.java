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
  void namespaceWhenPathIsExactlyIstioFormThenMatches() {
    PeerMatcher apiSystem = PeerMatchers.namespace("api-system");
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
    assertThat(PeerMatchers.serviceAccount("api-system", "gateway").matches(gateway)).isTrue();
    assertThat(PeerMatchers.serviceAccount("api-system", "orders").matches(gateway)).isFalse();
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
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.anyOf(List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> PeerMatchers.allOf());
  }

  @Test
  void anyOfAndAllOfWhenCombinedThenShortCircuitCorrectly() {
    PeerIdentity gateway = peer("spiffe://cluster.local/ns/api-system/sa/gateway");
    PeerMatcher wrongNs = PeerMatchers.namespace("other");
    PeerMatcher rightNs = PeerMatchers.namespace("api-system");
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
  }
}
