package io.meshguard.core.route;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of {@link Route}s, first match wins, plus what to do with unmatched requests
 * ({@link Unmatched#DENY} unless said otherwise). Immutable and thread-safe.
 *
 * <pre>{@code
 * RouteTable routes = RouteTable.builder()
 *     .route("GET", "/api/v1/health", Requirement.publicEndpoint())
 *     .route("GET", "/api/v1/orders", Requirement.builder().anyScope("orders:read").build())
 *     .route("DELETE /api/v1/orders/{id} claim.role=api-admin peer.exact-namespace=api-system")
 *     .unmatched(Unmatched.NOT_FOUND)
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RouteTable implements RouteResolver<MeshRequest> {

  private static final RouteMatch METHOD_NOT_ALLOWED = new RouteMatch.MethodNotAllowed();
  private static final RouteMatch NOT_FOUND = new RouteMatch.NotFound();

  private final List<Route> routes;
  private final List<RouteMatch.Found> found;
  private final Unmatched unmatched;

  private RouteTable(List<Route> routes, Unmatched unmatched) {
    this.routes = List.copyOf(routes);
    List<RouteMatch.Found> matches = new ArrayList<>(routes.size());
    for (Route route : this.routes) {
      matches.add(RouteMatch.Found.of(route));
    }
    this.found = List.copyOf(matches);
    this.unmatched = unmatched;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Looks a request up.
   *
   * @param method the request method, as sent
   * @param path the container's decoded, normalised path
   */
  public RouteMatch match(String method, String path) {
    boolean pathMatched = false;
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (route.pattern().matches(path)) {
        if (route.acceptsMethod(method)) {
          return found.get(i);
        }
        pathMatched = true;
      }
    }
    return pathMatched ? METHOD_NOT_ALLOWED : NOT_FOUND;
  }

  /** Looks up the request's method and decoded {@link MeshRequest#path()}. */
  @Override
  public RouteMatch resolve(MeshRequest request) {
    return match(request.method(), request.path());
  }

  /** The routes, in order. */
  public List<Route> routes() {
    return routes;
  }

  /** What happens to unmatched requests. */
  @Override
  public Unmatched unmatched() {
    return unmatched;
  }

  @Override
  public String toString() {
    return "RouteTable" + routes + ", unmatched " + unmatched;
  }

  /**
   * Builds a {@link RouteTable}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private Unmatched unmatched = Unmatched.DENY;

    private Builder() {}

    /** Adds a route. */
    public Builder route(Route route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /**
     * Adds a route.
     *
     * @param method an HTTP method (upper-cased here) or {@code *}
     * @param pattern a {@link PathPattern}
     * @param requirement what matching requests need
     */
    public Builder route(String method, String pattern, Requirement requirement) {
      return route(
          new Route(Route.normalizeMethod(method), PathPattern.parse(pattern), requirement));
    }

    /**
     * Adds a route written as text; see {@link RouteText#parse(String)}.
     *
     * @throws IllegalArgumentException when the text is not a valid route
     */
    public Builder route(String text) {
      return route(RouteText.parse(text));
    }

    /** What happens to unmatched requests (default {@link Unmatched#DENY}). */
    public Builder unmatched(Unmatched unmatched) {
      this.unmatched = Objects.requireNonNull(unmatched, "unmatched");
      return this;
    }

    /** The table (it may be empty: then every request is unmatched). */
    public RouteTable build() {
      return new RouteTable(routes, unmatched);
    }
  }
}
