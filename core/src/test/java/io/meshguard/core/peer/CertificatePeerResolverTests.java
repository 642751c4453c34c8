package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.spiffeid.TrustDomain;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificatePeerResolverTests {

  private static final String PEER = "spiffe://example.org/ns/default/sa/client";

  private static TestCertificates.Issued authority;
  private static TestCertificates.Issued otherAuthority;

  @BeforeAll
  static void makeAuthorities() throws Exception {
    authority = TestCertificates.authority("example.org");
    otherAuthority = TestCertificates.authority("example.org");
  }

  private static CertificatePeerResolver unverified() {
    return CertificatePeerResolver.builder().trustDomains("example.org").build();
  }

  private static CertificatePeerResolver verified() {
    X509Bundle bundle =
        new X509Bundle(TrustDomain.parse("example.org"), Set.of(authority.certificate()));
    return CertificatePeerResolver.builder().trustDomains("example.org").bundles(bundle).build();
  }

  @Test
  void resolveWhenLeafHasOneSpiffeUriSanThenPeer() throws Exception {
    X509Certificate leaf = TestCertificates.leaf(authority, PEER);
    assertThat(unverified().resolve(new X509Certificate[] {leaf, authority.certificate()}))
        .isInstanceOfSatisfying(
            PeerResult.Present.class,
            p -> {
              assertThat(p.peer().spiffeId()).hasToString(PEER);
              assertThat(p.peer().source()).isEqualTo(PeerIdentity.Source.CLIENT_CERTIFICATE);
            });
  }

  @Test
  void resolveWhenChainVerifiesAgainstTheBundleThenPeer() throws Exception {
    X509Certificate leaf = TestCertificates.leaf(authority, PEER);
    assertThat(verified().resolve(new X509Certificate[] {leaf}))
        .isInstanceOf(PeerResult.Present.class);
  }

  @Test
  void resolveWhenChainSignedByAnotherAuthorityThenNotTrusted() throws Exception {
    X509Certificate leaf = TestCertificates.leaf(otherAuthority, PEER);
    assertThat(verified().resolve(new X509Certificate[] {leaf}))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.CERTIFICATE_NOT_TRUSTED));
  }

  @Test
  void resolveWhenNoChainThenNoCertificate() {
    assertThat(unverified().resolve(null))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.NO_CERTIFICATE));
    assertThat(unverified().resolve(new X509Certificate[0]))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.NO_CERTIFICATE));
  }

  @Test
  void resolveWhenLeafHasNoneOrTwoUriSansThenNotOne() throws Exception {
    assertThat(unverified().resolve(new X509Certificate[] {TestCertificates.leaf(authority)}))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.NOT_ONE_URI_SAN));
    assertThat(
            unverified()
                .resolve(
                    new X509Certificate[] {
                      TestCertificates.leaf(authority, PEER, "spiffe://example.org/other")
                    }))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.NOT_ONE_URI_SAN));
  }

  @Test
  void resolveWhenUriSanIsNotAStrictWorkloadIdInTheTrustDomainThenAbsent() throws Exception {
    assertThat(
            unverified()
                .resolve(
                    new X509Certificate[] {
                      TestCertificates.leaf(authority, "spiffe://Example.org/x")
                    }))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.INVALID_SPIFFE_ID));
    assertThat(
            unverified()
                .resolve(
                    new X509Certificate[] {
                      TestCertificates.leaf(authority, "spiffe://example.org")
                    }))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.NOT_A_WORKLOAD));
    assertThat(
            unverified()
                .resolve(
                    new X509Certificate[] {
                      TestCertificates.leaf(authority, "spiffe://other.org/x")
                    }))
        .isEqualTo(PeerResult.Absent.of(PeerAbsence.UNTRUSTED_DOMAIN));
  }

  @Test
  void buildWhenNoTrustDomainThenFailsClosed() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> CertificatePeerResolver.builder().build());
  }
}
