package io.meshguard.quarkus.runtime;

import io.meshguard.core.Decision;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.Meshguard;
import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.LogContext;
import io.meshguard.core.http.Outcome;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.route.RouteResolver;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The Vert.x route filter meshguard installs in front of every route: it asks {@link
 * Meshguard#decide(MeshRequest, RouteResolver)} once per request and either writes the denial
 * (status, {@code WWW-Authenticate}, problem+json) or stores the decision and identity in the
 * routing context and continues. It runs after Quarkus' CORS filter and before its authentication,
 * where {@link MeshguardAuthenticationMechanism} turns the stored identity into the {@code
 * SecurityIdentity}. An unexpected failure denies the request with a 500 problem (logged with its
 * stack trace), never lets it through.
 *
 * @since 0.1.0
 */
public final class MeshguardFilter implements Handler<RoutingContext> {

  /** The filter's priority: after CORS (300), before authentication (200). */
  public static final int PRIORITY = 250;

  /** The routing-context key of the {@link Decision}, set once per request. */
  public static final String DECISION_KEY = "io.meshguard.decision";

  private static final Logger LOG = Logger.getLogger(MeshguardFilter.class);

  private final Meshguard guard;
  private final RouteResolver<MeshRequest> routes;

  /**
   * A filter.
   *
   * @param guard the guard
   * @param routes the requirements of the application's routes
   */
  public MeshguardFilter(Meshguard guard, RouteResolver<MeshRequest> routes) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.routes = Objects.requireNonNull(routes, "routes");
  }

  @Override
  public void handle(RoutingContext context) {
    if (context.get(DECISION_KEY) != null) {
      // Re-routed (reroute() or a failure handler): the request was decided on its way in.
      context.next();
      return;
    }
    Outcome outcome = Outcome.of(() -> guard.decide(new VertxMeshRequest(context), routes));
    if (outcome.decision() != null) {
      context.put(DECISION_KEY, outcome.decision());
    }
    if (outcome instanceof Outcome.Respond respond) {
      write(context.response(), respond.response());
      return;
    }
    MeshIdentity identity = ((Outcome.Proceed) outcome).identity();
    if (identity != null) {
      context.put(MeshIdentity.ATTRIBUTE, identity);
      Map<String, String> logged = LogContext.of(identity, guard.logIdentity());
      if (!logged.isEmpty()) {
        logged.forEach(MDC::put);
        context.addEndHandler(done -> LogContext.KEYS.forEach(MDC::remove));
      }
    }
    context.next();
  }

  /** Writes {@code error} unless the response has already started. */
  static void write(HttpServerResponse response, ErrorResponse error) {
    if (response.headWritten()) {
      LOG.warnf("Response already started; cannot write the %d problem response", error.status());
      return;
    }
    response.setStatusCode(error.status());
    response.putHeader("Content-Type", ErrorResponse.CONTENT_TYPE);
    if (error.wwwAuthenticate() != null) {
      response.putHeader("WWW-Authenticate", error.wwwAuthenticate());
    }
    response.end(error.body());
  }
}
