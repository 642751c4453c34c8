package io.meshguard.core.requirement;

import io.meshguard.core.claims.Claims;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A claim a route needs: the claim at a path equals one of the values, as a string or as a string
 * element of an array. Numbers, booleans and objects never match. Immutable.
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
    this.description = "claim " + String.join(".", this.path) + " in " + this.values;
  }

  /**
   * The top-level claim {@code name} equals one of {@code values}.
   *
   * @throws IllegalArgumentException when the name or the values are empty
   */
  public static ClaimCondition of(String name, String... values) {
    return new ClaimCondition(List.of(name), Arrays.asList(values));
  }

  /**
   * The claim at {@code path} (member names, outermost first, taken literally) equals one of {@code
   * values}.
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
    if (found instanceof String) {
      return values.contains(found);
    }
    if (found instanceof List) {
      for (Object item : (List<?>) found) {
        if (item instanceof String && values.contains(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The claim path, outermost name first. */
  public List<String> path() {
    return path;
  }

  /** The accepted values. */
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
