package io.meshguard.spring;

import io.meshguard.core.annotation.AnnotatedRequirements;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.PathPattern;
import io.meshguard.core.route.PublicPaths;
import io.meshguard.core.route.RouteMatch;
import io.meshguard.core.route.RouteResolver;
import io.meshguard.core.route.Unmatched;
import io.meshguard.servlet.ServletMeshRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.condition.AbstractRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Routes with Spring MVC itself: asks the application's {@link RequestMappingInfoHandlerMapping}s
 * which handler method a request would reach, and reads that method's meshguard annotations (class
 * and method, see {@link AnnotatedRequirements}) for what it needs. A handler without annotations
 * needs any valid identity. A path that matches only for other methods is {@link
 * RouteMatch.MethodNotAllowed}; no handler at all is {@link RouteMatch.NotFound}, handled as {@code
 * meshguard.unmatched} says.
 *
 * <p>Only the application's handlers are routes. Spring MVC's own answer to an {@code OPTIONS}
 * request that no handler of the path declares (200 with {@code Allow}) is a method mismatch; a
 * CORS preflight never gets here. A mapping that throws a 4xx {@link ErrorResponse} (media type,
 * parameters, API version) has matched a handler, and Spring answers once the identity is checked;
 * any other exception fails the request closed (a 500 problem), logged with its stack trace once
 * per exception type.
 *
 * <p>Every handler method's annotations are checked when the application starts, so an invalid one
 * stops it rather than fail a request. Requirements are cached per method. Thread-safe.
 *
 * <p>Asking every handler mapping costs about as much as the {@code DispatcherServlet}'s own lookup
 * after it, so the answer is also kept per method and exact request URI ({@value #ROUTE_CACHE_SIZE}
 * at most, forgotten all at once when full), but only where it cannot depend on anything else: no
 * handler mapping is of the application's own class, matches without case or with the legacy path
 * matcher, or has an API version strategy, the request is not an {@code OPTIONS}, and no handler
 * whose answer depends on headers or parameters (a {@code params}, {@code headers}, {@code
 * consumes}, {@code produces}, version or custom condition) has a pattern that could match the
 * path. Every other request asks the mappings each time, as before. (A handler registered while the
 * application runs, with {@code registerMapping}, is seen by request URIs not kept yet.)
 *
 * @since 0.1.0
 */
public class HandlerRouteResolver
    implements RouteResolver<ServletMeshRequest>, SmartInitializingSingleton {

  private static final RouteMatch METHOD_NOT_ALLOWED = new RouteMatch.MethodNotAllowed();
  private static final RouteMatch NOT_FOUND = new RouteMatch.NotFound();
  private static final RuntimeException ROUTING_FAILED = new RoutingFailedException();
  private static final Logger LOG = LoggerFactory.getLogger(HandlerRouteResolver.class);

  private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;
  private final Unmatched unmatched;
  private final PublicPaths publicPaths;
  private final String servletPath;
  private final Map<Method, RouteMatch.Found> found = new ConcurrentHashMap<>();
  private final Set<Class<?>> loggedFailures = ConcurrentHashMap.newKeySet();
  private volatile List<RequestMappingInfoHandlerMapping> ordered = List.of();

  /** The most routes kept per method and request URI. */
  static final int ROUTE_CACHE_SIZE = 1024;

  /** Longer request URIs are not kept (memory stays bounded by the size times this). */
  static final int ROUTE_CACHE_MAX_URI = 256;

  private final Map<String, RouteMatch> routeCache = new ConcurrentHashMap<>();

  /**
   * Patterns (widened with {@link #coveringPattern}) of the handlers whose answer depends on more
   * than method and path; {@code null} when no answer may be kept at all.
   */
  private volatile @Nullable List<PathPattern> conditional;

  /**
   * A resolver over the application's handler mappings.
   *
   * @param mappings the handler mappings (read once the application has started)
   * @param unmatched what happens to requests no handler serves
   */
  public HandlerRouteResolver(
      ObjectProvider<RequestMappingInfoHandlerMapping> mappings, Unmatched unmatched) {
    this(mappings, unmatched, PublicPaths.none(), "");
  }

  /**
   * A resolver over the application's handler mappings, with paths served without identity.
   *
   * @param mappings the handler mappings (read once the application has started)
   * @param unmatched what happens to requests no handler serves
   * @param publicPaths paths public whatever handler serves them ({@code meshguard.public-paths}),
   *     matched against the whole path below the context path (servlet path included)
   * @param servletPath the dispatcher servlet's path ({@code spring.mvc.servlet.path}) without a
   *     trailing slash, which handler patterns do not include: {@code ""} for the default
   */
  public HandlerRouteResolver(
      ObjectProvider<RequestMappingInfoHandlerMapping> mappings,
      Unmatched unmatched,
      PublicPaths publicPaths,
      String servletPath) {
    this.mappings = Objects.requireNonNull(mappings, "mappings");
    this.unmatched = Objects.requireNonNull(unmatched, "unmatched");
    this.publicPaths = Objects.requireNonNull(publicPaths, "publicPaths");
    this.servletPath = Objects.requireNonNull(servletPath, "servletPath");
  }

  /**
   * Checks every handler method's annotations, refuses a public path that also matches one of the
   * application's handlers that is not public itself (naming both: a public path would silently
   * lift what it needs, a valid identity included), and remembers the mappings, in order.
   */
  @Override
  public void afterSingletonsInstantiated() {
    List<RequestMappingInfoHandlerMapping> all = mappings.orderedStream().toList();
    List<PathPattern> dependent = new ArrayList<>();
    boolean cacheable = true;
    for (RequestMappingInfoHandlerMapping mapping : all) {
      // A mapping of the application's own class may route by anything; Spring's route by the
      // conditions of their handlers.
      // So may one matching without case or with the legacy path matcher (suffixes, trailing
      // slashes), which the widened patterns below would not follow.
      cacheable &=
          mapping.getClass().getName().startsWith("org.springframework.")
              && mapping.usesPathPatterns()
              && mapping.getPatternParser() != null
              && mapping.getPatternParser().isCaseSensitive()
              && !hasApiVersionStrategy(mapping);
      for (Map.Entry<RequestMappingInfo, HandlerMethod> handler :
          mapping.getHandlerMethods().entrySet()) {
        if (dependsOnMoreThanMethodAndPath(handler.getKey())) {
          Set<String> patterns = handler.getKey().getPatternValues();
          if (patterns.isEmpty()) {
            dependent.add(PathPattern.parse("/**"));
          }
          for (String pattern : patterns) {
            dependent.add(coveringPattern(servletPath + pattern));
          }
        }
        RouteMatch.Found route = found(handler.getValue());
        if (!publicPaths.isEmpty() && !isFrameworks(handler.getValue())) {
          for (String pattern : handler.getKey().getPatternValues()) {
            publicPaths.checkNoOverlap(
                route.description(), coveringPattern(servletPath + pattern), route.requirement());
          }
        }
      }
    }
    conditional = cacheable ? List.copyOf(dependent) : null;
    ordered = all;
  }

  /** Whether {@code info} matches on anything but its patterns and methods. */
  private static boolean dependsOnMoreThanMethodAndPath(RequestMappingInfo info) {
    return !info.getParamsCondition().isEmpty()
        || !info.getHeadersCondition().isEmpty()
        || !info.getConsumesCondition().isEmpty()
        || !info.getProducesCondition().isEmpty()
        || info.getCustomCondition() != null
        || hasVersionCondition(info);
  }

  /**
   * Spring Framework 7's {@code RequestMappingInfo.getVersionCondition()} and {@code
   * AbstractHandlerMapping.getApiVersionStrategy()}, looked up by name: the starter also runs on
   * Spring Framework 6.2 (Boot 3.5), which has no API versions and so nothing that depends on them.
   */
  private static final @Nullable Method VERSION_CONDITION =
      method(RequestMappingInfo.class, "getVersionCondition");

  private static final @Nullable Method API_VERSION_STRATEGY =
      method(AbstractHandlerMapping.class, "getApiVersionStrategy");

  private static @Nullable Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException springFramework6) {
      return null;
    }
  }

  private static boolean hasVersionCondition(RequestMappingInfo info) {
    Object condition = invoke(VERSION_CONDITION, info);
    return condition instanceof AbstractRequestCondition
        && !((AbstractRequestCondition<?>) condition).isEmpty();
  }

  private static boolean hasApiVersionStrategy(RequestMappingInfoHandlerMapping mapping) {
    return invoke(API_VERSION_STRATEGY, mapping) != null;
  }

  private static @Nullable Object invoke(@Nullable Method method, Object target) {
    if (method == null) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + method.getName(), e);
    }
  }

  /**
   * The key under which the route of {@code request} may be kept, or {@code null} when its route
   * could depend on more than its method and path.
   */
  private @Nullable String cacheKey(ServletMeshRequest request, HttpServletRequest servletRequest) {
    List<PathPattern> dependent = conditional;
    String uri = servletRequest.getRequestURI();
    String method = servletRequest.getMethod();
    if (dependent == null
        || uri == null
        || uri.length() > ROUTE_CACHE_MAX_URI
        || "OPTIONS".equals(method)) {
      return null;
    }
    if (!dependent.isEmpty()) {
      String path = request.path();
      // Spring 6's deprecated trailing-slash match lets "/x/" reach a handler of "/x".
      String trimmed =
          path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      for (PathPattern pattern : dependent) {
        if (pattern.matches(path) || pattern.matches(trimmed)) {
          return null;
        }
      }
    }
    return method + " " + uri;
  }

  /**
   * Whether {@code handler} is Spring's own (Actuator's endpoints, Boot's error controller), which
   * a public path may cover; an application's handler it may not.
   */
  private static boolean isFrameworks(HandlerMethod handler) {
    return handler.getBeanType().getName().startsWith("org.springframework.");
  }

  /**
   * A {@link PathPattern} matching at least every path Spring's {@code pattern} does: a segment
   * with a variable or wildcard becomes {@code *}, and {@code **} or a capture-the-rest variable
   * ends it with {@code **}. Wider is safe here: it can only find more overlaps.
   */
  static PathPattern coveringPattern(String pattern) {
    StringBuilder covering = new StringBuilder();
    for (String segment : pattern.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("**") || segment.startsWith("{*")) {
        return PathPattern.parse(covering + "/**");
      }
      covering
          .append('/')
          .append(
              segment.contains("{") || segment.contains("*") || segment.contains("?")
                  ? "*"
                  : segment);
    }
    return PathPattern.parse(covering.length() == 0 ? "/" : covering.toString());
  }

  @Override
  public RouteMatch resolve(ServletMeshRequest request) {
    HttpServletRequest servletRequest = request.servletRequest();
    String key = cacheKey(request, servletRequest);
    if (key == null) {
      return lookUp(servletRequest);
    }
    RouteMatch cached = routeCache.get(key);
    if (cached != null) {
      return cached;
    }
    RouteMatch match = lookUp(servletRequest);
    if (routeCache.size() >= ROUTE_CACHE_SIZE) {
      routeCache.clear(); // many distinct URIs (path variables): start over rather than grow
    }
    routeCache.put(key, match);
    return match;
  }

  /** How many routes are kept now (for tests). */
  int cachedRoutes() {
    return routeCache.size();
  }

  /** Asks the handler mappings, in order. */
  private RouteMatch lookUp(HttpServletRequest servletRequest) {
    boolean methodMismatch = false;
    for (RequestMappingInfoHandlerMapping mapping : ordered) {
      boolean parsed = false;
      try {
        if (mapping.usesPathPatterns()
            && !ServletRequestPathUtils.hasParsedRequestPath(servletRequest)) {
          ServletRequestPathUtils.parseAndCache(servletRequest);
          parsed = true;
        }
        HandlerExecutionChain chain = mapping.getHandler(servletRequest);
        if (chain != null && chain.getHandler() instanceof HandlerMethod) {
          HandlerMethod handler = (HandlerMethod) chain.getHandler();
          if (!isSpringsOwnOptionsHandler(handler)) {
            return found(handler);
          }
          methodMismatch = true;
        }
      } catch (HttpRequestMethodNotSupportedException e) {
        methodMismatch = true;
      } catch (Exception e) {
        if (e instanceof ErrorResponse && ((ErrorResponse) e).getStatusCode().is4xxClientError()) {
          // A handler matched the path and method but not, say, the media type, the parameters or
          // the API version: Spring answers that once the identity is checked.
          return new RouteMatch.Found(
              Requirement.authenticated(), "handler (" + e.getClass().getSimpleName() + ")");
        }
        throw failed(e);
      } finally {
        if (parsed) {
          ServletRequestPathUtils.clearParsedRequestPath(servletRequest);
        }
      }
    }
    return methodMismatch ? METHOD_NOT_ALLOWED : NOT_FOUND;
  }

  @Override
  public Unmatched unmatched() {
    return unmatched;
  }

  /**
   * The public paths this resolver's handlers were checked against; put them in front of it with
   * {@link PublicPaths#before}, as the starter's filter does.
   */
  public PublicPaths publicPaths() {
    return publicPaths;
  }

  /**
   * Whether {@code handler} is the one Spring MVC makes up for an {@code OPTIONS} request that no
   * handler of the path declares (it answers 200 with {@code Allow}): a nested class of {@link
   * RequestMappingInfoHandlerMapping}, in Spring Framework 6 and 7 alike. Not an application route.
   */
  private static boolean isSpringsOwnOptionsHandler(HandlerMethod handler) {
    return handler.getBeanType().getEnclosingClass() == RequestMappingInfoHandlerMapping.class;
  }

  /**
   * Logs a routing failure with its stack trace the first time its type occurs, and returns the
   * exception that makes the filter deny the request with a 500 problem. That exception has no
   * cause and no stack trace, so a mapping that fails on every request does not log one per
   * request.
   */
  private RuntimeException failed(Exception e) {
    if (loggedFailures.add(e.getClass())) {
      LOG.error(
          "A Spring MVC handler mapping failed while routing; such requests are denied with 500"
              + " (logged once per exception type)",
          e);
    } else {
      LOG.debug("A Spring MVC handler mapping failed again while routing: {}", e.toString());
    }
    return ROUTING_FAILED;
  }

  /** A routing failure already logged by {@link #failed}. */
  private static final class RoutingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RoutingFailedException() {
      super(
          "Spring MVC could not route the request; see the first failure logged",
          null,
          false,
          false);
    }
  }

  private RouteMatch.Found found(HandlerMethod handler) {
    return found.computeIfAbsent(
        handler.getMethod(),
        method -> {
          // getBeanType() is the user class, not a CGLIB proxy's.
          Class<?> type = handler.getBeanType();
          Requirement requirement =
              AnnotatedRequirements.resolve(type, method).orElse(Requirement.authenticated());
          return new RouteMatch.Found(
              requirement, "handler " + type.getSimpleName() + "#" + method.getName());
        });
  }
}
