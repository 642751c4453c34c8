package io.meshguard.quarkus.runtime;

import io.meshguard.core.annotation.AnnotatedRequirements;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.PathPattern;
import io.meshguard.core.route.PathTemplates;
import io.meshguard.core.route.PublicPaths;
import io.meshguard.core.route.Route;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.SpecificRoutes;
import io.meshguard.core.route.Unmatched;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Translates the resource methods the build found into a {@link RouteTable}: each method's
 * requirement is read from its meshguard annotations with {@link AnnotatedRequirements} (a method
 * without any needs a valid identity), its JAX-RS path template becomes a route pattern with {@link
 * PathTemplates} (which refuses a variable that could match {@code /} in the middle of the path),
 * and {@link SpecificRoutes} orders the routes as JAX-RS matches them and refuses two it could not
 * tell apart. Only the JAX-RS metadata is read here; what it means is core's.
 *
 * @since 0.1.0
 */
public final class EndpointRoutes {

  private EndpointRoutes() {}

  /**
   * The route table of {@code endpoints}.
   *
   * @param endpoints the resource methods
   * @param unmatched what happens to requests no resource method serves
   * @param loader the class loader of the resource classes
   * @throws IllegalArgumentException naming the resource method, for an invalid annotation, a path
   *     template meshguard cannot route, or two methods that share a method and path but not a
   *     requirement
   */
  public static RouteTable table(
      List<EndpointRoute> endpoints, Unmatched unmatched, ClassLoader loader) {
    return table(endpoints, unmatched, loader, PublicPaths.none());
  }

  /**
   * The route table of {@code endpoints}, after {@code publicPaths}.
   *
   * @param endpoints the resource methods
   * @param unmatched what happens to requests no resource method serves
   * @param loader the class loader of the resource classes
   * @param publicPaths paths served without identity ({@code quarkus.meshguard.public-paths})
   * @throws IllegalArgumentException as {@link #table(List, Unmatched, ClassLoader)}, and naming
   *     the public path and the resource method when one matches a method with requirements
   */
  public static RouteTable table(
      List<EndpointRoute> endpoints,
      Unmatched unmatched,
      ClassLoader loader,
      PublicPaths publicPaths) {
    Objects.requireNonNull(unmatched, "unmatched");
    SpecificRoutes.Builder routes = SpecificRoutes.builder();
    for (EndpointRoute endpoint : endpoints) {
      Route route =
          new Route(
              endpoint.getHttpMethod().toUpperCase(Locale.ROOT),
              PathPattern.parse(pattern(endpoint)),
              requirement(endpoint, loader));
      publicPaths.checkNoOverlap(endpoint.toString(), route.pattern(), route.requirement());
      routes.route(endpoint.toString(), route);
    }
    return publicPaths.prependTo(routes.table(unmatched));
  }

  private static Requirement requirement(EndpointRoute endpoint, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(endpoint.getDeclaringClass(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Cannot load the resource class of " + endpoint, e);
    }
    return AnnotatedRequirements.resolve(type, method(type, endpoint))
        .orElse(Requirement.authenticated());
  }

  private static Method method(Class<?> type, EndpointRoute endpoint) {
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(endpoint.getMethodName())
          && Arrays.stream(method.getParameterTypes())
              .map(Class::getName)
              .toList()
              .equals(endpoint.getParameterTypes())) {
        return method;
      }
    }
    throw new IllegalArgumentException("Cannot find the resource method " + endpoint);
  }

  /** The {@link PathPattern} text of the endpoint's JAX-RS path template. */
  static String pattern(EndpointRoute endpoint) {
    try {
      return PathTemplates.toPattern(endpoint.getPathTemplate());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "meshguard cannot route " + endpoint + ": " + e.getMessage(), e);
    }
  }
}
