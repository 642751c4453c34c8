package io.meshguard.core.requirement;

import io.meshguard.core.internal.HeaderText;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Scopes a route needs: any one of them, or all of them. Scopes are compared exactly and
 * case-sensitively. A denial names all of them in the {@code scope} attribute of the RFC 6750
 * challenge. Immutable.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @since 0.1.0
 */
public final class ScopeRequirement {

  /** How the scopes combine. */
  public enum Match {
    /** Any one of the scopes suffices. */
    ANY_OF,
    /** Every scope is needed. */
    ALL_OF
  }

  private final Match match;
  private final List<String> scopes;
  private final String scopeAttribute;
  private final String description;

  private ScopeRequirement(Match match, Collection<String> scopes) {
    this.match = Objects.requireNonNull(match, "match");
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String scope : scopes) {
      if (!HeaderText.isScopeToken(Objects.requireNonNull(scope, "scope"))) {
        throw new IllegalArgumentException(
            "A scope must be a non-empty RFC 6749 scope-token (printable ASCII without space, '\"'"
                + " or '\\')");
      }
      unique.add(scope);
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("A scope requirement needs at least one scope");
    }
    this.scopes = List.copyOf(unique);
    this.scopeAttribute = String.join(" ", this.scopes);
    this.description = (match == Match.ANY_OF ? "scopes any of " : "scopes all of ") + this.scopes;
  }

  /**
   * Any one of {@code scopes}.
   *
   * @throws IllegalArgumentException when empty or a scope is not a scope-token
   */
  public static ScopeRequirement anyOf(String... scopes) {
    return new ScopeRequirement(Match.ANY_OF, Arrays.asList(scopes));
  }

  /**
   * All of {@code scopes}.
   *
   * @throws IllegalArgumentException when empty or a scope is not a scope-token
   */
  public static ScopeRequirement allOf(String... scopes) {
    return new ScopeRequirement(Match.ALL_OF, Arrays.asList(scopes));
  }

  /**
   * {@code scopes} combined by {@code match}.
   *
   * @throws IllegalArgumentException when empty or a scope is not a scope-token
   */
  public static ScopeRequirement of(Match match, Collection<String> scopes) {
    return new ScopeRequirement(match, scopes);
  }

  /** Whether {@code granted} satisfies this requirement. */
  public boolean isSatisfiedBy(Collection<String> granted) {
    if (match == Match.ANY_OF) {
      for (String scope : scopes) {
        if (granted.contains(scope)) {
          return true;
        }
      }
      return false;
    }
    return granted.containsAll(scopes);
  }

  /** How the scopes combine. */
  public Match match() {
    return match;
  }

  /** The scopes, in the order given, without duplicates. */
  public List<String> scopes() {
    return scopes;
  }

  /** The scopes space-separated, as the RFC 6750 {@code scope} attribute carries them. */
  public String scopeAttribute() {
    return scopeAttribute;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object other) {
    return other instanceof ScopeRequirement
        && ((ScopeRequirement) other).match == match
        && ((ScopeRequirement) other).scopes.equals(scopes);
  }

  @Override
  public int hashCode() {
    return match.hashCode() * 31 + scopes.hashCode();
  }

  /** For example {@code scopes any of [orders:read, orders:admin]}; computed once. */
  @Override
  public String toString() {
    return description;
  }
}
