package io.meshguard.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import io.quarkus.security.identity.SecurityIdentity;
import io.spiffe.spiffeid.SpiffeId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link io.quarkus.security.identity.SecurityIdentity} is reused only for an identity of the
 * very same claims and peer (the instances core's caches hand out again), roles and name.
 */
class MeshIdentityProviderTests {

  private static Claims claims(String json) {
    return ((PayloadResult.Decoded)
            PayloadDecoder.builder().acceptRawJson(true).build().decode(json))
        .claims();
  }

  private static PeerResult peer(String id) {
    return new PeerResult.Present(new PeerIdentity(SpiffeId.parse(id), PeerIdentity.Source.XFCC));
  }

  private final MeshIdentityProvider provider = new MeshIdentityProvider();
  private final Claims alice = claims("{\"sub\":\"alice\",\"scope\":\"orders:read\"}");
  private final PeerResult gateway = peer("spiffe://cluster.local/ns/api-system/sa/gateway");

  @Test
  void securityIdentityWhenSameClaimsAndPeerThenReused() {
    SecurityIdentity first =
        provider.cachedSecurityIdentity(new MeshIdentity(alice, gateway, List.of(), "alice"));
    SecurityIdentity second =
        provider.cachedSecurityIdentity(new MeshIdentity(alice, gateway, List.of(), "alice"));
    assertThat(second).isSameAs(first);
    assertThat(second.getRoles()).containsExactly("orders:read");
    assertThat(MeshIdentityProvider.meshIdentity(second).orElseThrow().peer())
        .map(PeerIdentity::toString)
        .hasValue("spiffe://cluster.local/ns/api-system/sa/gateway");
  }

  @Test
  void securityIdentityWhenAnythingDiffersThenMadeAfresh() {
    SecurityIdentity made =
        provider.cachedSecurityIdentity(new MeshIdentity(alice, gateway, List.of(), "alice"));
    PeerResult other = peer("spiffe://cluster.local/ns/api-system/sa/batch");
    SecurityIdentity otherPeer =
        provider.cachedSecurityIdentity(new MeshIdentity(alice, other, List.of(), "alice"));
    assertThat(otherPeer).isNotSameAs(made);
    assertThat(MeshIdentityProvider.meshIdentity(otherPeer).orElseThrow().peer())
        .map(PeerIdentity::toString)
        .hasValue("spiffe://cluster.local/ns/api-system/sa/batch");
    SecurityIdentity noPeer =
        provider.cachedSecurityIdentity(
            new MeshIdentity(alice, PeerResult.Absent.of(PeerAbsence.values()[0]), List.of(), "a"));
    assertThat(MeshIdentityProvider.meshIdentity(noPeer).orElseThrow().peer()).isEmpty();
    SecurityIdentity withRole =
        provider.cachedSecurityIdentity(
            new MeshIdentity(alice, gateway, List.of("admin"), "alice"));
    assertThat(withRole.getRoles()).containsExactlyInAnyOrder("orders:read", "admin");
    Claims sameText = claims("{\"sub\":\"alice\",\"scope\":\"orders:read\"}");
    assertThat(
            provider.cachedSecurityIdentity(
                new MeshIdentity(sameText, gateway, List.of(), "alice")))
        .isNotSameAs(made);
  }
}
