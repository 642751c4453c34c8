package io.meshguard.core.requirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a route needs from the caller, checked in this order: scopes, then claims, then the peer.
 * All parts must hold. A route either needs something, is explicitly satisfied by any valid
 * identity ({@link #authenticated()}), or is public ({@link #publicEndpoint()}: its identity
 * headers are not even read). An empty builder is refused, so nothing grants by accident. Immutable
 * and thread-safe.
 *
 * @since 0.1.0
 */
public final class Requirement {

  private static final Requirement PUBLIC = new Requirement(true, List.of(), List.of(), List.of());
  private static final Requirement AUTHENTICATED =
      new Requirement(false, List.of(), List.of(), List.of());

  private final boolean isPublic;
  private final List<ScopeRequirement> scopes;
  private final List<ClaimCondition> claims;
  private final List<PeerMatcher> peers;

  private Requirement(
      boolean isPublic,
      List<ScopeRequirement> scopes,
      List<ClaimCondition> claims,
      List<PeerMatcher> peers) {
    this.isPublic = isPublic;
    this.scopes = List.copyOf(scopes);
    this.claims = List.copyOf(claims);
    this.peers = List.copyOf(peers);
  }

  /** A public endpoint: no identity is decoded and any identity headers are ignored. */
  public static Requirement publicEndpoint() {
    return PUBLIC;
  }

  /** Any valid identity, with no further condition. */
  public static Requirement authenticated() {
    return AUTHENTICATED;
  }

  /** A builder for a requirement with at least one condition. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this is {@link #publicEndpoint()}. */
  public boolean isPublic() {
    return isPublic;
  }

  /** The scope requirements, all of which must hold. */
  public List<ScopeRequirement> scopes() {
    return scopes;
  }

  /** The claim conditions, all of which must hold. */
  public List<ClaimCondition> claims() {
    return claims;
  }

  /** The peer matchers, all of which must match; non-empty means a peer is required. */
  public List<PeerMatcher> peers() {
    return peers;
  }

  /**
   * Both this and {@code other}: public only when both are public; otherwise the union of their
   * conditions.
   */
  public Requirement and(Requirement other) {
    Objects.requireNonNull(other, "other");
    if (isPublic && other.isPublic) {
      return PUBLIC;
    }
    List<ScopeRequirement> allScopes = new ArrayList<>(scopes);
    allScopes.addAll(other.scopes);
    List<ClaimCondition> allClaims = new ArrayList<>(claims);
    allClaims.addAll(other.claims);
    List<PeerMatcher> allPeers = new ArrayList<>(peers);
    allPeers.addAll(other.peers);
    if (allScopes.isEmpty() && allClaims.isEmpty() && allPeers.isEmpty()) {
      return AUTHENTICATED;
    }
    return new Requirement(false, allScopes, allClaims, allPeers);
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof Requirement
        && ((Requirement) other).isPublic == isPublic
        && ((Requirement) other).scopes.equals(scopes)
        && ((Requirement) other).claims.equals(claims)
        && ((Requirement) other).peers.equals(peers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(isPublic, scopes, claims, peers);
  }

  /** For example {@code Requirement[scopes any of [orders:read]]}. */
  @Override
  public String toString() {
    if (isPublic) {
      return "Requirement[public]";
    }
    if (this == AUTHENTICATED || (scopes.isEmpty() && claims.isEmpty() && peers.isEmpty())) {
      return "Requirement[authenticated]";
    }
    List<String> parts = new ArrayList<>();
    scopes.forEach(s -> parts.add(s.toString()));
    claims.forEach(c -> parts.add(c.toString()));
    peers.forEach(p -> parts.add(p.toString()));
    return "Requirement" + parts;
  }

  /**
   * Builds a {@link Requirement}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<ScopeRequirement> scopes = new ArrayList<>();
    private final List<ClaimCondition> claims = new ArrayList<>();
    private final List<PeerMatcher> peers = new ArrayList<>();

    private Builder() {}

    /** Adds a scope requirement. */
    public Builder scopes(ScopeRequirement requirement) {
      scopes.add(Objects.requireNonNull(requirement, "requirement"));
      return this;
    }

    /** Adds: any one of {@code scopes}. */
    public Builder anyScope(String... scopes) {
      return scopes(ScopeRequirement.anyOf(scopes));
    }

    /** Adds: all of {@code scopes}. */
    public Builder allScopes(String... scopes) {
      return scopes(ScopeRequirement.allOf(scopes));
    }

    /** Adds a claim condition. */
    public Builder claim(ClaimCondition condition) {
      claims.add(Objects.requireNonNull(condition, "condition"));
      return this;
    }

    /** Adds: the top-level claim {@code name} equals one of {@code values}. */
    public Builder claim(String name, String... values) {
      return claim(ClaimCondition.of(name, values));
    }

    /** Adds a peer matcher; a request without an authenticated peer then fails. */
    public Builder peer(PeerMatcher matcher) {
      peers.add(Objects.requireNonNull(matcher, "matcher"));
      return this;
    }

    /**
     * The requirement.
     *
     * @throws IllegalStateException when no condition was added: say {@link
     *     Requirement#authenticated()} or {@link Requirement#publicEndpoint()} instead
     */
    public Requirement build() {
      if (scopes.isEmpty() && claims.isEmpty() && peers.isEmpty()) {
        throw new IllegalStateException(
            "A requirement needs at least one condition; use Requirement.authenticated() for any"
                + " valid identity or Requirement.publicEndpoint() for none");
      }
      return new Requirement(false, scopes, claims, peers);
    }
  }
}
