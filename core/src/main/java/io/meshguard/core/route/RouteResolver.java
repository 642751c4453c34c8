package io.meshguard.core.route;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;

/**
 * Finds what a request's route needs: a {@link RouteTable}, or a framework's own routing (an
 * adapter resolving the handler a request would reach). Called once per request, after the identity
 * checks that come first and before the route's requirement.
 *
 * @param <R> the request type the resolver reads (adapters pass their own view)
 * @since 0.1.0
 */
public interface RouteResolver<R extends MeshRequest> {

  /** The route of {@code request}, or why there is none. */
  RouteMatch resolve(R request);

  /** What happens to requests no route matches. */
  Unmatched unmatched();

  /**
   * A resolver for a request whose route is already known: every request finds {@code requirement},
   * under a route with no name of its own in explanations.
   *
   * @param requirement what the route needs
   * @param <R> the request type
   */
  static <R extends MeshRequest> RouteResolver<R> fixed(Requirement requirement) {
    RouteMatch.Found found = new RouteMatch.Found(requirement, "");
    return new RouteResolver<>() {
      @Override
      public RouteMatch resolve(R request) {
        return found;
      }

      @Override
      public Unmatched unmatched() {
        return Unmatched.DENY;
      }
    };
  }
}
