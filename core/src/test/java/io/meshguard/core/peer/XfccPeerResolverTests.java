package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XfccPeerResolverTests {

  private static final String SELF = "spiffe://cluster.local/ns/api-system/sa/orders";
  private static final String CALLER = "spiffe://cluster.local/ns/api-system/sa/gateway";
  private static final XfccPeerResolver RESOLVER =
      XfccPeerResolver.builder().trustDomains("cluster.local").build();

  private static PeerResult resolve(XfccPeerResolver resolver, String... lines) {
    return resolver.resolve(List.of(lines));
  }

  private static void assertPeer(PeerResult result, String id) {
    assertThat(result)
        .isInstanceOfSatisfying(
            PeerResult.Present.class,
            p -> {
              assertThat(p.peer().spiffeId()).hasToString(id);
              assertThat(p.peer().source()).isEqualTo(PeerIdentity.Source.XFCC);
            });
  }

  private static void assertAbsent(PeerResult result, PeerAbsence reason) {
    assertThat(result).isEqualTo(PeerResult.Absent.of(reason));
  }

  @Test
  void resolveWhenTypicalIstioInboundValueThenPeerIsTheUri() {
    // WIRE-FORMATS.md C10: one hop as Istio's inbound sidecar appends it
    assertPeer(
        resolve(RESOLVER, "By=" + SELF + ";Hash=" + "a".repeat(64) + ";Subject=\"\";URI=" + CALLER),
        CALLER);
  }

  @Test
  void resolveWhenSpoofedEarlierElementThenOnlyTheLastCounts() {
    // envoyproxy/envoy#6038: the caller can send any XFCC; APPEND_FORWARD puts the sidecar's last
    String spoofed = "By=" + SELF + ";URI=spiffe://cluster.local/ns/kube-system/sa/admin";
    assertPeer(resolve(RESOLVER, spoofed + ",By=" + SELF + ";URI=" + CALLER), CALLER);
    assertPeer(resolve(RESOLVER, spoofed, "By=" + SELF + ";URI=" + CALLER), CALLER);
  }

  @Test
  void resolveWhenAmbientWaypointShapeThenPeerIsTheUri() {
    // WIRE-FORMATS.md C9: By=<local>;URI=<peer>
    assertPeer(resolve(RESOLVER, "By=" + SELF + ";URI=" + CALLER), CALLER);
  }

  @Test
  void resolveWhenNoHeaderThenAbsent() {
    assertAbsent(RESOLVER.resolve(List.of()), PeerAbsence.NO_HEADER);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "By=a;Hash=b|NO_URI",
        "By=a;URI=" + CALLER + ";URI=" + CALLER + "|MULTIPLE_URIS",
        "By=a;URI=|EMPTY_URI",
        "By=a;URI=\"\"|EMPTY_URI",
        "URI=http://testclient.lyft.com|INVALID_SPIFFE_ID",
        "URI=spiffe://Cluster.local/ns/a/sa/b|INVALID_SPIFFE_ID",
        "URI=SPIFFE://cluster.local/ns/a/sa/b|INVALID_SPIFFE_ID",
        "URI=spiffe://cluster.local/ns/a/sa/b/|INVALID_SPIFFE_ID",
        "URI=spiffe://cluster.local/ns/a/./b|INVALID_SPIFFE_ID",
        "URI=spiffe://cluster.local/ns/a%2fb|INVALID_SPIFFE_ID",
        "URI=spiffe://cluster.local|NOT_A_WORKLOAD",
        "URI=spiffe://evil.example/ns/a/sa/b|UNTRUSTED_DOMAIN",
        "URI=spiffe://cluster.local.evil/ns/a/sa/b|UNTRUSTED_DOMAIN",
        "By=a;URI=\"unterminated|MALFORMED_HEADER",
        "junk xfcc header|MALFORMED_HEADER",
        "URI=" + CALLER + ",|MALFORMED_HEADER",
        "URI=" + CALLER + ",By=a;Hash=b|NO_URI",
      })
  void resolveWhenLastElementDoesNotNameAValidPeerThenAbsent(String header, PeerAbsence reason) {
    assertAbsent(resolve(RESOLVER, header), reason);
  }

  @Test
  void resolveWhenQuotedUriThenUnquoted() {
    assertPeer(resolve(RESOLVER, "URI=\"" + CALLER + "\""), CALLER);
  }

  @Test
  void resolveWhenUriTooLongThenInvalid() {
    String longId = "spiffe://cluster.local/" + "a".repeat(2048);
    assertAbsent(resolve(RESOLVER, "URI=" + longId), PeerAbsence.INVALID_SPIFFE_ID);
  }

  @Test
  void resolveWhenExpectedByConfiguredThenLastElementMustBeForThisWorkload() {
    XfccPeerResolver strict =
        XfccPeerResolver.builder().trustDomains("cluster.local").expectedBy(SELF).build();

    assertPeer(resolve(strict, "By=" + SELF + ";URI=" + CALLER), CALLER);
    assertAbsent(resolve(strict, "URI=" + CALLER), PeerAbsence.UNEXPECTED_BY);
    assertAbsent(
        resolve(strict, "By=spiffe://cluster.local/ns/other/sa/x;URI=" + CALLER),
        PeerAbsence.UNEXPECTED_BY);
    assertAbsent(
        resolve(strict, "By=" + SELF + ";By=" + SELF + ";URI=" + CALLER),
        PeerAbsence.UNEXPECTED_BY);
  }

  @Test
  void resolveWhenSeveralTrustDomainsThenEachAccepted() {
    XfccPeerResolver resolver =
        XfccPeerResolver.builder().trustDomains("cluster.local", "mesh.example.com").build();
    assertPeer(
        resolve(resolver, "URI=spiffe://mesh.example.com/ns/otherns/sa/othersa"),
        "spiffe://mesh.example.com/ns/otherns/sa/othersa");
  }

  @Test
  void buildWhenNoTrustDomainThenFailsClosed() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> XfccPeerResolver.builder().build())
        .withMessage("At least one accepted trust domain is required");
  }

  @Test
  void builderWhenTrustDomainOrOwnIdInvalidThenRejects() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> XfccPeerResolver.builder().trustDomains("Cluster.Local"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> XfccPeerResolver.builder().trustDomains("cluster.local/ns"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> XfccPeerResolver.builder().expectedBy("spiffe://cluster.local/x/"));
  }
}
