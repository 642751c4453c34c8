package io.meshguard.core.route;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Paths served without reading any identity ({@code public-paths}), such as health endpoints that
 * kubelet probes reach without identity headers. Exempt by path only: never by user agent, source
 * address or port, since the sidecar's probe rewriting copies every header of whoever calls it.
 * Matched against the decoded, normalised path after the ambiguous-path check, like every route.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class PublicPaths {

  private static final PublicPaths NONE = new PublicPaths(List.of());
  private static final RouteMatch.Found PUBLIC_PATH =
      new RouteMatch.Found(Requirement.publicEndpoint(), "public path");

  private final List<PathPattern> patterns;

  private PublicPaths(List<PathPattern> patterns) {
    this.patterns = patterns;
  }

  /** No public paths. */
  public static PublicPaths none() {
    return NONE;
  }

  /**
   * Public paths from {@link PathPattern} text ({@code /actuator/health/**}).
   *
   * @throws IllegalArgumentException for an invalid pattern
   */
  public static PublicPaths of(List<String> patterns) {
    List<PathPattern> parsed = new ArrayList<>(patterns.size());
    for (String pattern : patterns) {
      parsed.add(PathPattern.parse(pattern));
    }
    return parsed.isEmpty() ? NONE : new PublicPaths(List.copyOf(parsed));
  }

  /** The patterns. */
  public List<PathPattern> patterns() {
    return patterns;
  }

  /** Whether there is none. */
  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether {@code path} (decoded, normalised) is public. */
  public boolean matches(String path) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matches(path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a route that is not public and that one of the public patterns also matches: the public
   * path would silently lift what it needs, a valid identity included.
   *
   * @param name how to name the route in the error, such as its handler method
   * @param pattern the route's path pattern
   * @param requirement what the route needs
   * @throws IllegalArgumentException naming the public pattern and the route
   */
  public void checkNoOverlap(String name, PathPattern pattern, Requirement requirement) {
    if (requirement.isPublic()) {
      return;
    }
    for (PathPattern open : patterns) {
      if (open.overlaps(pattern)) {
        throw new IllegalArgumentException(
            "The public path "
                + open
                + " also matches "
                + name
                + " ("
                + pattern
                + "), which needs "
                + requirement
                + ": narrow the public path or move the handler");
      }
    }
  }

  /**
   * {@code routes} with these paths first: every method, public. Each route of the table is checked
   * with {@link #checkNoOverlap}.
   *
   * @throws IllegalArgumentException when a public path overlaps a route with requirements
   */
  public RouteTable prependTo(RouteTable routes) {
    if (patterns.isEmpty()) {
      return routes;
    }
    RouteTable.Builder table = RouteTable.builder().unmatched(routes.unmatched());
    for (PathPattern pattern : patterns) {
      table.route(new Route(Route.ANY_METHOD, pattern, Requirement.publicEndpoint()));
    }
    for (Route route : routes.routes()) {
      checkNoOverlap(route.method() + " " + route.pattern(), route.pattern(), route.requirement());
      table.route(route);
    }
    return table.build();
  }

  /**
   * A resolver that answers public for these paths and asks {@code routes} for every other path.
   *
   * @param routes the application's routing
   * @param <R> the request type
   */
  public <R extends MeshRequest> RouteResolver<R> before(RouteResolver<R> routes) {
    Objects.requireNonNull(routes, "routes");
    if (patterns.isEmpty()) {
      return routes;
    }
    return new RouteResolver<>() {
      @Override
      public RouteMatch resolve(R request) {
        return matches(request.path()) ? PUBLIC_PATH : routes.resolve(request);
      }

      @Override
      public Unmatched unmatched() {
        return routes.unmatched();
      }
    };
  }

  @Override
  public String toString() {
    return patterns.toString();
  }
}
