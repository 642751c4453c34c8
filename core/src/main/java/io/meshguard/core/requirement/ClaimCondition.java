package io.meshguard.core.requirement;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.internal.IstioMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A claim a route needs, matched as an Istio AuthorizationPolicy {@code when} condition on {@code
 * request.auth.claims[...]} matches it (the same implementation, WIRE-FORMATS D.5): the claim at a
 * path is a string that matches one of the values, or an array with a string element that does.
 * Numbers, booleans and objects never match. Each value is an Istio string pattern: {@code abc}
 * exact (case-sensitive), {@code abc*} prefix, {@code *abc} suffix, {@code *} any non-empty string;
 * a {@code *} anywhere else is the character itself. A top-level {@code scope} or {@code
 * permission} string is split on spaces first, as the sidecar does for every token, so {@code
 * "scope": "openid orders:read"} matches the value {@code orders:read} (a RequestAuthentication's
 * extra {@code spaceDelimitedClaims} apply to policies only). Immutable.
 *
 * <p>{@code ClaimCondition.of("role", "api-admin")} accepts {@code "role": "api-admin"} and {@code
 * "role": ["user", "api-admin"]}; {@code ClaimCondition.ofPath(List.of("realm_access", "roles"),
 * "admin")} reads a nested claim.
 *
 * @since 0.1.0
 */
public final class ClaimCondition {

  private final List<String> path;
  private final Set<String> values;
  private final List<IstioMatch.ValueMatch> matches;
  private final boolean spaceDelimited;
  private final String description;

  private ClaimCondition(List<String> path, Collection<String> values) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("A claim condition needs a claim name");
    }
    for (String name : path) {
      if (Objects.requireNonNull(name, "claim name").isEmpty()) {
        throw new IllegalArgumentException("A claim name cannot be empty");
      }
    }
    this.path = List.copyOf(path);
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String value : values) {
      unique.add(Objects.requireNonNull(value, "value"));
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("A claim condition needs at least one accepted value");
    }
    this.values = java.util.Collections.unmodifiableSet(unique);
    List<IstioMatch.ValueMatch> compiled = new ArrayList<>(unique.size());
    for (String value : unique) {
      compiled.add(IstioMatch.string(value, false, false));
    }
    this.matches = List.copyOf(compiled);
    this.spaceDelimited =
        this.path.size() == 1 && IstioMatch.SPACE_DELIMITED_BY_DEFAULT.contains(this.path.get(0));
    this.description = "claim " + String.join(".", this.path) + " in " + this.values;
  }

  /**
   * The top-level claim {@code name} matches one of {@code values} (Istio string patterns).
   *
   * @throws IllegalArgumentException when the name or the values are empty
   */
  public static ClaimCondition of(String name, String... values) {
    return new ClaimCondition(List.of(name), Arrays.asList(values));
  }

  /**
   * The claim at {@code path} (member names, outermost first, taken literally) matches one of
   * {@code values} (Istio string patterns).
   *
   * @throws IllegalArgumentException when the path, a name or the values are empty
   */
  public static ClaimCondition ofPath(List<String> path, Collection<String> values) {
    return new ClaimCondition(path, values);
  }

  /** Whether {@code claims} satisfy this condition. */
  public boolean isSatisfiedBy(Claims claims) {
    Optional<Object> value = path.size() == 1 ? claims.get(path.get(0)) : claims.get(path);
    if (value.isEmpty()) {
      return false;
    }
    Object found = value.get();
    if (spaceDelimited && found instanceof String) {
      found = IstioMatch.splitSpaceDelimited((String) found);
    }
    return IstioMatch.claimMatches(found, matches);
  }

  /** The claim path, outermost name first. */
  public List<String> path() {
    return path;
  }

  /** The accepted values, as given (Istio string patterns). */
  public Set<String> values() {
    return values;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof ClaimCondition
        && ((ClaimCondition) other).path.equals(path)
        && ((ClaimCondition) other).values.equals(values);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + values.hashCode();
  }

  /**
   * For example {@code claim role in [api-admin]}. Names the claim and the configured values, never
   * what a token held.
   */
  @Override
  public String toString() {
    return description;
  }
}
