package io.meshguard.core;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the end-user claims the mesh verified and forwarded, and the calling workload
 * when one was authenticated. Immutable and thread-safe. It is a {@link Principal} whose name is
 * the subject ({@code sub}), or empty when the payload has none.
 *
 * @since 0.1.0
 */
public final class MeshIdentity implements Principal {

  /**
   * The name under which every adapter stores the identity of an allowed request: servlet request
   * attribute, Vert.x routing-context key, Quarkus {@code SecurityIdentity} attribute: {@value}.
   */
  public static final String ATTRIBUTE = "io.meshguard.identity";

  /**
   * The principal's name when the token has neither the principal claim nor {@code sub}: {@value}.
   */
  public static final String UNNAMED = "(unnamed)";

  private final Claims claims;
  private final PeerResult peer;
  private final List<String> roles;
  private final String name;

  /**
   * An identity of validated claims and the result of the peer lookup.
   *
   * @param claims the validated claims
   * @param peer the peer, or why there is none
   */
  public MeshIdentity(Claims claims, PeerResult peer) {
    this(claims, peer, List.of(), IdentityMapping.DEFAULT.name(claims));
  }

  /**
   * An identity with the roles and principal name an {@link IdentityMapping} found.
   *
   * @param claims the validated claims
   * @param peer the peer, or why there is none
   * @param roles the values of the role claims
   * @param name the principal's name
   */
  public MeshIdentity(Claims claims, PeerResult peer, List<String> roles, String name) {
    this.claims = Objects.requireNonNull(claims, "claims");
    this.peer = Objects.requireNonNull(peer, "peer");
    this.roles = List.copyOf(roles);
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * The roles the token's role claims carry ({@code roles.claims}); empty unless configured.
   * Adapters add them to the scopes as the framework's roles.
   */
  public List<String> roles() {
    return roles;
  }

  /** Whether {@code role} is one of {@link #roles()}. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** The validated claims. */
  public Claims claims() {
    return claims;
  }

  /** {@code sub}, if present. */
  public Optional<String> subject() {
    return claims.subject();
  }

  /** {@code iss}. */
  public Optional<String> issuer() {
    return claims.issuer();
  }

  /** The granted scopes; see {@link Claims#scopes()}. */
  public List<String> scopes() {
    return claims.scopes();
  }

  /** Whether {@code scope} was granted. */
  public boolean hasScope(String scope) {
    return claims.hasScope(scope);
  }

  /** The authenticated calling workload, if any. */
  public Optional<PeerIdentity> peer() {
    return peer instanceof PeerResult.Present
        ? Optional.of(((PeerResult.Present) peer).peer())
        : Optional.empty();
  }

  /** Why there is no peer; empty when there is one. */
  public Optional<PeerAbsence> peerAbsence() {
    return peer instanceof PeerResult.Absent
        ? Optional.of(((PeerResult.Absent) peer).reason())
        : Optional.empty();
  }

  /**
   * Istio's request principal, {@code <iss>/<sub>}, when both are present.
   *
   * @see <a
   *     href="https://istio.io/latest/docs/reference/config/security/authorization-policy/">Istio
   *     AuthorizationPolicy, requestPrincipals</a>
   */
  public Optional<String> requestPrincipal() {
    return claims.issuer().flatMap(iss -> claims.subject().map(sub -> iss + "/" + sub));
  }

  /**
   * The principal's name: the principal claim ({@code principal-claim}, default {@code sub}), else
   * {@code sub}, else {@link #UNNAMED}. Never empty. It names; it does not identify: {@link
   * #subject()} and {@link #requestPrincipal()} are what checks read.
   */
  @Override
  public String getName() {
    return name;
  }

  /** Claim names and the peer's SPIFFE ID; never claim values. */
  @Override
  public String toString() {
    return "MeshIdentity[claims="
        + claims.names()
        + ", peer="
        + peer().map(Object::toString).orElse("none")
        + "]";
  }
}
