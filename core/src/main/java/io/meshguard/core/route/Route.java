package io.meshguard.core.route;

import io.meshguard.core.requirement.Requirement;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a {@link RouteTable}: requests with this method (or any, {@code *}) whose path
 * matches the pattern need the requirement.
 *
 * @param method an upper-case HTTP method, or {@code *} for any
 * @param pattern the path pattern
 * @param requirement what matching requests need
 * @since 0.1.0
 */
public record Route(String method, PathPattern pattern, Requirement requirement) {

  /** Any method. */
  public static final String ANY_METHOD = "*";

  /** Checks the parts; the method must be an upper-case token or {@code *}. */
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(requirement, "requirement");
    if (method.isEmpty()
        || !(method.equals(ANY_METHOD) || method.chars().allMatch(c -> c >= 'A' && c <= 'Z'))) {
      throw new IllegalArgumentException(
          "A route method is an upper-case HTTP method or '*': " + method);
    }
  }

  /**
   * Whether this route's method accepts {@code method} (case-sensitive, as HTTP methods are). A
   * {@code GET} route also accepts {@code HEAD}, which is GET without a body (RFC 9110 §9.3.2).
   */
  public boolean acceptsMethod(String method) {
    return this.method.equals(ANY_METHOD)
        || this.method.equals(method)
        || (this.method.equals("GET") && method.equals("HEAD"));
  }

  /** For example {@code GET /api/v1/orders -> Requirement[scopes any of [orders:read]]}. */
  @Override
  public String toString() {
    return method + " " + pattern + " -> " + requirement;
  }

  static String normalizeMethod(String method) {
    return method.equals(ANY_METHOD) ? method : method.toUpperCase(Locale.ROOT);
  }
}
