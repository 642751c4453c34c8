package io.meshguard.core.route;

import io.meshguard.core.requirement.Requirement;
import java.util.Objects;

/**
 * The outcome of looking a request up in a {@link RouteTable}.
 *
 * @since 0.1.0
 */
public sealed interface RouteMatch {

  /**
   * A matching route.
   *
   * @param requirement what the route needs
   * @param description how explanations name the route, such as {@code GET /api/v1/orders}; empty
   *     when the route has no name of its own
   */
  record Found(Requirement requirement, String description) implements RouteMatch {
    /** Checks both parts are present. */
    public Found {
      Objects.requireNonNull(requirement, "requirement");
      Objects.requireNonNull(description, "description");
    }

    /** The match of a route-table entry. */
    public static Found of(Route route) {
      return new Found(route.requirement(), route.method() + " " + route.pattern());
    }
  }

  /** A route matches the path, but none for this method. */
  record MethodNotAllowed() implements RouteMatch {}

  /** No route matches the path. */
  record NotFound() implements RouteMatch {}
}
