package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Equality, hashing and accessors of the peer package's values and resolvers. */
class PeerValueContractsTests {

  private static PeerIdentity peer(String id, PeerIdentity.Source source) {
    return new PeerIdentity(SpiffeIds.parse(id), source);
  }

  @Test
  void peerIdentityWhenSameIdAndSourceThenEqualWithEqualHashes() {
    PeerIdentity a = peer("spiffe://td/ns/a/sa/b", PeerIdentity.Source.XFCC);
    assertThat(a)
        .isEqualTo(peer("spiffe://td/ns/a/sa/b", PeerIdentity.Source.XFCC))
        .hasSameHashCodeAs(peer("spiffe://td/ns/a/sa/b", PeerIdentity.Source.XFCC))
        .isNotEqualTo(peer("spiffe://td/ns/a/sa/c", PeerIdentity.Source.XFCC))
        .isNotEqualTo(peer("spiffe://td/ns/a/sa/b", PeerIdentity.Source.CLIENT_CERTIFICATE))
        .isNotEqualTo("spiffe://td/ns/a/sa/b");
    assertThat(a.hashCode())
        .isNotEqualTo(peer("spiffe://td/ns/a/sa/c", PeerIdentity.Source.XFCC).hashCode());
    assertThat(a.id()).isEqualTo("spiffe://td/ns/a/sa/b");
    assertThat(a.isInNamespace("a")).isTrue();
    assertThat(a.isInNamespace("b")).isFalse();
    assertThat(peer("spiffe://td/ns/a", PeerIdentity.Source.XFCC).isInNamespace("a")).isFalse();
    assertThat(peer("spiffe://td/ns/a/sa", PeerIdentity.Source.XFCC).namespace()).isEmpty();
    assertThat(peer("spiffe://td/ns/a/sb/x", PeerIdentity.Source.XFCC).namespace()).isEmpty();
  }

  @Test
  void xfccElementWhenSamePairsThenEqualWithEqualHashesElseNot() {
    XfccElement element = XfccElement.of("By", "a", "URI", "b");
    assertThat(element)
        .isEqualTo(XfccElement.of("by", "a", "uri", "b"))
        .hasSameHashCodeAs(XfccElement.of("by", "a", "uri", "b"))
        .isNotEqualTo(XfccElement.of("By", "a", "URI", "c"))
        .isNotEqualTo(XfccElement.of("By", "a", "DNS", "b"))
        .isNotEqualTo("By=a;URI=b");
    assertThat(element.hashCode()).isNotEqualTo(XfccElement.of("By", "a", "URI", "c").hashCode());
    assertThat(XfccElement.of("Subject", "").toString()).isEqualTo("Subject=\"\"");
    assertThat(XfccElement.of("x", "a b").toString()).isEqualTo("x=\"a b\"");
    assertThat(XfccElement.of("x", "plain").toString()).isEqualTo("x=plain");
    assertThat(XfccElement.of("k-1_2.3", "v").keys()).containsExactly("k-1_2.3");
  }

  @Test
  void resolversWhenBuiltThenReportTheirConfiguration() {
    XfccPeerResolver xfcc =
        XfccPeerResolver.builder()
            .trustDomains("cluster.local")
            .expectedBy("spiffe://cluster.local/ns/a/sa/self")
            .build();
    assertThat(xfcc.trustDomains()).containsExactly("cluster.local");
    assertThat(xfcc.expectedBy()).contains("spiffe://cluster.local/ns/a/sa/self");
    assertThat(CertificatePeerResolver.builder().trustDomains("example.org").build().trustDomains())
        .containsExactly("example.org");
  }

  @Test
  void xfccFormatExceptionWhenThrownThenCarriesTheOffset() {
    try {
      XfccParser.parse("By=a;;URI=b");
    } catch (XfccFormatException e) {
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e.getStackTrace()).isEmpty();
      return;
    }
    throw new AssertionError("expected a format exception");
  }
}
