package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns a checked {@link MeshIdentity} into a Quarkus {@link SecurityIdentity}: the principal is
 * the {@link MeshIdentity} (its name is the subject), every granted scope is a role (for
 * {@code @RolesAllowed}) and a permission (for {@code @PermissionsAllowed}; {@code orders:read} is
 * permission {@code orders} with action {@code read}), and the whole identity is the attribute
 * {@link MeshIdentity#ATTRIBUTE}.
 *
 * <p>A token is sent with many requests, and meshguard's core hands out the same {@link Claims} and
 * peer for the same header values (its payload and peer caches), so the {@link SecurityIdentity}
 * made for one request is kept (in {@value #CACHE_SLOTS} slots, each holding one identity, replaced
 * when another lands there) and handed out again for an identity with the very same claims, peer,
 * roles and name. Building one costs far more than the check that it may be reused: the roles, the
 * permissions parsed from every scope and the permission checker.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshIdentityProvider implements IdentityProvider<MeshAuthenticationRequest> {

  /** The number of identities kept for reuse. */
  static final int CACHE_SLOTS = 256;

  /** A {@link SecurityIdentity} and what it was made of; immutable. */
  private static final class Made {
    final Claims claims;
    final Object peer;
    final MeshIdentity identity;
    final SecurityIdentity securityIdentity;

    Made(Object peer, MeshIdentity identity, SecurityIdentity securityIdentity) {
      this.claims = identity.claims();
      this.peer = peer;
      this.identity = identity;
      this.securityIdentity = securityIdentity;
    }
  }

  private final AtomicReferenceArray<Made> made = new AtomicReferenceArray<>(CACHE_SLOTS);

  @Override
  public Class<MeshAuthenticationRequest> getRequestType() {
    return MeshAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      MeshAuthenticationRequest request, AuthenticationRequestContext context) {
    return Uni.createFrom().item(cachedSecurityIdentity(request.identity()));
  }

  /**
   * The {@link SecurityIdentity} of {@code identity}, made before for an identity of the same
   * claims and peer instances (which core's caches hand out again for the same header values) and
   * the same roles and name, or made now and kept.
   */
  SecurityIdentity cachedSecurityIdentity(MeshIdentity identity) {
    Object peer = peerOf(identity);
    int slot =
        (System.identityHashCode(identity.claims()) * 31 + System.identityHashCode(peer))
            & (CACHE_SLOTS - 1);
    Made entry = made.get(slot);
    if (entry != null
        && entry.claims == identity.claims()
        && entry.peer == peer
        && entry.identity.getName().equals(identity.getName())
        && entry.identity.roles().equals(identity.roles())) {
      return entry.securityIdentity;
    }
    SecurityIdentity built = securityIdentity(identity);
    made.set(slot, new Made(peer, identity, built));
    return built;
  }

  /** The peer (a {@link PeerIdentity}) or the reason there is none (a {@link PeerAbsence}). */
  private static Object peerOf(MeshIdentity identity) {
    Optional<PeerIdentity> peer = identity.peer();
    if (peer.isPresent()) {
      return peer.get();
    }
    Optional<PeerAbsence> absence = identity.peerAbsence();
    return absence.isPresent() ? absence.get() : PeerAbsence.class;
  }

  /**
   * The {@link SecurityIdentity} of {@code identity}. A scope that cannot be a Quarkus permission
   * (RFC 6749 allows {@code ,} in a scope token; {@code StringPermission} reads it as an action
   * separator and refuses an empty part), or that holds whitespace Quarkus would trim away, is left
   * out of the permissions and stays a scope and a role.
   */
  public static SecurityIdentity securityIdentity(MeshIdentity identity) {
    QuarkusSecurityIdentity.Builder builder =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity)
            .addRoles(new java.util.LinkedHashSet<>(identity.scopes()))
            .addRoles(new java.util.LinkedHashSet<>(identity.roles()))
            .addAttribute(MeshIdentity.ATTRIBUTE, identity);
    for (String scope : identity.scopes()) {
      if (!trimsToItself(scope)) {
        continue; // StringPermission trims: "orders:read\t" would become permission orders:read
      }
      try {
        builder.addPermissionAsString(scope);
      } catch (IllegalArgumentException notAPermissionName) {
        // Kept as a scope and a role only; the required-scope check reads the scopes themselves.
      }
    }
    return builder.build();
  }

  /** Whether {@code scope} holds no whitespace or control character, which Quarkus would trim. */
  private static boolean trimsToItself(String scope) {
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (c <= ' ' || c == 0x7F || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@link MeshIdentity} of a {@link SecurityIdentity} this provider made.
   *
   * @return the identity, or empty for an anonymous or foreign identity
   */
  public static Optional<MeshIdentity> meshIdentity(SecurityIdentity identity) {
    Object attribute = identity.getAttribute(MeshIdentity.ATTRIBUTE);
    return attribute instanceof MeshIdentity mesh ? Optional.of(mesh) : Optional.empty();
  }
}
