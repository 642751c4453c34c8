package io.meshguard.core.route;

import java.util.Objects;

/**
 * The outcome of looking a request up in a {@link RouteTable}.
 *
 * @since 0.1.0
 */
public sealed interface RouteMatch {

  /**
   * The first route whose method and pattern match.
   *
   * @param route the route
   */
  record Found(Route route) implements RouteMatch {
    /** Checks the route is present. */
    public Found {
      Objects.requireNonNull(route, "route");
    }
  }

  /** A route matches the path, but none for this method. */
  record MethodNotAllowed() implements RouteMatch {}

  /** No route matches the path. */
  record NotFound() implements RouteMatch {}
}
