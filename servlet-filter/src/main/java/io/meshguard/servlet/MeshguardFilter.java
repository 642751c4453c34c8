package io.meshguard.servlet;

import io.meshguard.core.Decision;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.Meshguard;
import io.meshguard.core.config.MeshguardSettings;
import io.meshguard.core.http.LogContext;
import io.meshguard.core.http.Outcome;
import io.meshguard.core.route.RouteResolver;
import io.meshguard.core.route.RouteTable;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts meshguard in front of a servlet application. For each request it collects every value of the
 * identity headers and the container's client certificate chain, asks {@link
 * Meshguard#decide(io.meshguard.core.request.MeshRequest, RouteResolver)} once, and then either
 * writes the denial (status, {@code WWW-Authenticate}, problem+json) or continues with the request
 * wrapped so that {@code getUserPrincipal()} is the {@link MeshIdentity}, {@code
 * isUserInRole(scope)} answers for granted scopes, and the identity is the request attribute {@link
 * MeshIdentity#ATTRIBUTE}. It holds no parsing or policy logic of its own.
 *
 * <p>Map it to {@code /*} for the {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatcher
 * types: a request is checked once, on its first dispatch; later async and error dispatches of the
 * same request see the same identity without a second check. While the chain runs, the MDC holds
 * the entries of {@link LogContext} (the peer; the subject only with {@code log-identity}); they
 * are removed afterwards. An unexpected failure inside meshguard denies the request with a 500
 * problem (logged with its stack trace), never lets it through.
 *
 * <p>Configure it in code ({@link #MeshguardFilter(Meshguard, RouteTable)}) or, with the
 * no-argument constructor, from filter init-parameters named as in {@link MeshguardSettings}
 * ({@code meshguard.issuers}, {@code meshguard.routes[0]}, ...), optionally with the init-parameter
 * {@code config-file} naming a properties file of the same keys (init-parameters win).
 *
 * @since 0.1.0
 */
public final class MeshguardFilter implements Filter {

  /** The request attribute holding the {@link Decision}, set once per request. */
  public static final String DECISION_ATTRIBUTE = "io.meshguard.decision";

  /** What {@code getAuthType()} returns for a request meshguard allowed. */
  public static final String AUTH_TYPE = "MESHGUARD";

  /** The init-parameter naming a properties file of {@code meshguard.*} settings. */
  public static final String CONFIG_FILE_PARAMETER = "config-file";

  private static final Logger LOG = LoggerFactory.getLogger(MeshguardFilter.class);

  private @Nullable Meshguard guard;
  private @Nullable RouteResolver<? super ServletMeshRequest> routes;
  private boolean ownsGuard;
  private @Nullable Object jettyServer;

  /** A filter configured from init-parameters in {@link #init(FilterConfig)}. */
  public MeshguardFilter() {}

  /**
   * A filter configured in code.
   *
   * @param guard the guard
   * @param routes the route requirements and what to do with unmatched requests: a {@link
   *     RouteTable}, or a resolver over a framework's own routing
   */
  public MeshguardFilter(Meshguard guard, RouteResolver<? super ServletMeshRequest> routes) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.routes = Objects.requireNonNull(routes, "routes");
  }

  /**
   * Reads the init-parameters when the filter was not configured in code.
   *
   * @throws ServletException when the settings are invalid or the config file cannot be read, so
   *     the application fails to start rather than run unguarded
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (guard != null) {
      recordReceivedAuthority(config);
      return;
    }
    try {
      Map<String, String> parameters = new TreeMap<>();
      for (String name : Collections.list(config.getInitParameterNames())) {
        if (name.startsWith(MeshguardSettings.PREFIX)) {
          parameters.put(name, config.getInitParameter(name));
        }
      }
      String file = config.getInitParameter(CONFIG_FILE_PARAMETER);
      MeshguardSettings settings =
          file == null
              ? MeshguardSettings.parse(parameters)
              : MeshguardSettings.load(Path.of(file), parameters);
      guard = settings.guard();
      routes = settings.routes();
      ownsGuard = true;
    } catch (IOException | RuntimeException e) {
      throw new ServletException("Invalid meshguard configuration: " + e.getMessage(), e);
    }
    try {
      recordReceivedAuthority(config);
    } catch (RuntimeException e) {
      // The container calls destroy() only after a successful init(): stop the watchers now.
      guard.close();
      throw e;
    }
  }

  /**
   * On Jetty 12 (ee10, ee11), records each request's authority before Jetty's forwarded-header
   * processing can rewrite it ({@link ServletMeshRequest#RECEIVED_AUTHORITY_ATTRIBUTE}). On a Jetty
   * that hides its classes from the web application (a standalone server's webapp class loader),
   * says once that it cannot.
   */
  private void recordReceivedAuthority(FilterConfig config) {
    if (config == null || config.getServletContext() == null) {
      return;
    }
    if (JettyServers.present()) {
      org.eclipse.jetty.server.Server server = JettyServers.of(config.getServletContext());
      if (server != null) {
        JettyReceivedAuthority.install(server);
        jettyServer = server;
        return;
      }
    }
    String serverInfo = config.getServletContext().getServerInfo();
    if (serverInfo != null && serverInfo.toLowerCase(java.util.Locale.ROOT).contains("jetty")) {
      LOG.warn(
          "meshguard cannot see Jetty's classes from this web application, so it cannot record"
              + " the authority requests arrive with: if Jetty's ForwardedRequestCustomizer"
              + " (module http-forwarded) is on, policy hosts would match the Host it rewrites"
              + " from client headers. Switch it off, or expose org.eclipse.jetty.server to the"
              + " web application.");
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (request.getAttribute(DECISION_ATTRIBUTE) != null) {
      // A later dispatch (async, error, forward) of a request already decided: never check twice.
      proceed(
          request, response, chain, (MeshIdentity) request.getAttribute(MeshIdentity.ATTRIBUTE));
      return;
    }
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      // An error or async dispatch of a request this filter never saw (the container rejected it
      // first): nothing to expose, nothing to check.
      chain.doFilter(request, response);
      return;
    }
    Outcome outcome =
        Outcome.of(
            () -> requireConfigured().decide(new ServletMeshRequest(request), requireRoutes()));
    if (outcome.decision() != null) {
      request.setAttribute(DECISION_ATTRIBUTE, outcome.decision());
    }
    if (outcome instanceof Outcome.Respond) {
      ProblemResponses.write(response, ((Outcome.Respond) outcome).response());
      return;
    }
    MeshIdentity identity = ((Outcome.Proceed) outcome).identity();
    if (identity != null) {
      request.setAttribute(MeshIdentity.ATTRIBUTE, identity);
    }
    proceed(request, response, chain, identity);
  }

  private void proceed(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      @Nullable MeshIdentity identity)
      throws IOException, ServletException {
    if (identity == null) {
      chain.doFilter(request, response);
      return;
    }
    LogContext.of(identity, requireConfigured().logIdentity()).forEach(MDC::put);
    try {
      chain.doFilter(new MeshIdentityRequest(request, identity), response);
    } finally {
      LogContext.KEYS.forEach(MDC::remove);
    }
  }

  /**
   * Stops the file watchers of a guard this filter built from its init-parameters; a guard passed
   * in code belongs to the caller, who closes it.
   */
  @Override
  public void destroy() {
    if (ownsGuard && guard != null) {
      guard.close();
    }
    if (jettyServer != null) {
      // A redeployed application must not leave its class loader pinned in the server.
      JettyReceivedAuthority.uninstall((org.eclipse.jetty.server.Server) jettyServer);
      jettyServer = null;
    }
  }

  private Meshguard requireConfigured() {
    if (guard == null) {
      throw new IllegalStateException("MeshguardFilter used before init()");
    }
    return guard;
  }

  private RouteResolver<? super ServletMeshRequest> requireRoutes() {
    if (routes == null) {
      throw new IllegalStateException("MeshguardFilter used before init()");
    }
    return routes;
  }
}
