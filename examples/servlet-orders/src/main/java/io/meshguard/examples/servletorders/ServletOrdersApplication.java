package io.meshguard.examples.servletorders;

import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import io.meshguard.servlet.MeshguardFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The orders API of the example contract on embedded Jetty 12, guarded by {@link MeshguardFilter}.
 *
 * <p>Run it with {@code java -jar examples/servlet-orders/target/servlet-orders.jar}; it listens on
 * 127.0.0.1, port {@code PORT} (default 8080), evaluates the Istio AuthorizationPolicy documents of
 * {@code MESHGUARD_POLICY_FILE} when set (refusing to start when they cannot be loaded), and stops
 * on SIGTERM. With {@code SERVLET_ORDERS_VIRTUAL_THREADS=true} (Java 21 or newer) every request is
 * handled on a virtual thread of its own.
 */
public final class ServletOrdersApplication {

  static final String ISSUER = "https://auth.example.com";
  static final String TRUST_DOMAIN = "cluster.local";

  /** Far above meshguard's 8 KiB payload limit, so that meshguard, not Jetty, answers. */
  private static final int REQUEST_HEADER_SIZE = 64 * 1024;

  private ServletOrdersApplication() {}

  /** The workload the examples run as (CONTRACT.md, "Policy file"). */
  static final Workload WORKLOAD =
      new Workload(
          "api-system",
          Map.of("app", "orders"),
          Workload.DEFAULT_ROOT_NAMESPACE,
          Workload.DEFAULT_TRUST_DOMAIN,
          List.of());

  /**
   * The environment variable that adds the benchmark's route pair ({@code true}); off by default.
   */
  static final String BENCH_ROUTES = "SERVLET_ORDERS_BENCH_ROUTES";

  /**
   * The environment variable that makes Jetty handle requests on virtual threads ({@code true},
   * Java 21 or newer); off by default.
   */
  static final String VIRTUAL_THREADS = "SERVLET_ORDERS_VIRTUAL_THREADS";

  /** Starts the service and waits until it stops. */
  public static void main(String[] args) throws Exception {
    Supplier<PolicySet> policies;
    try {
      policies = policies(System.getenv("MESHGUARD_POLICY_FILE"));
    } catch (IOException | PolicyLoadException e) {
      // Fail closed: a service must not run without the policy it was given.
      System.err.println("servlet-orders: cannot load MESHGUARD_POLICY_FILE: " + e.getMessage());
      System.exit(1);
      return;
    }
    int port = port(System.getenv("PORT"));
    boolean benchRoutes = "true".equals(System.getenv(BENCH_ROUTES));
    boolean virtualThreads = "true".equals(System.getenv(VIRTUAL_THREADS));
    Server server =
        start("127.0.0.1", port, Clock.systemUTC(), policies, benchRoutes, virtualThreads, h -> {});
    server.join();
  }

  /**
   * The Istio AuthorizationPolicy documents of {@code file} for this workload, reloaded when the
   * file changes (in place or by a Kubernetes {@code ..data} symlink swap); none when unset.
   */
  static Supplier<PolicySet> policies(String file) throws IOException {
    return policies(file, PolicyFileWatcher.DEFAULT_INTERVAL);
  }

  static Supplier<PolicySet> policies(String file, Duration interval) throws IOException {
    if (file == null || file.isBlank()) {
      return PolicySet::empty;
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IOException(file + " is not a readable file");
    }
    return PolicyFileWatcher.watch(path, WORKLOAD, interval);
  }

  static int port(String value) {
    if (value == null || value.isBlank()) {
      return 8080;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("PORT must be a number from 0 to 65535");
  }

  /** The guard with the examples' trust configuration (CONTRACT.md). */
  static Meshguard guard(Clock clock, Supplier<PolicySet> policies) {
    return Meshguard.builder()
        .policies(policies)
        .payloadHeader("x-jwt-payload")
        .payloadDecoder(
            // The examples also accept the seed's raw and percent-encoded JSON (off by default).
            PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build())
        .claimsValidator(ClaimsValidator.builder().issuers(ISSUER).clock(clock).build())
        .xfcc(XfccPeerResolver.builder().trustDomains(TRUST_DOMAIN).build())
        .build();
  }

  /** The endpoints and what each needs. */
  static RouteTable routes(boolean benchRoutes) {
    RouteTable.Builder routes =
        RouteTable.builder()
            .route("GET /api/v1/health public")
            .route("GET /api/v1/whoami authenticated")
            .route("GET /api/v1/orders scopes=orders:read")
            .route("POST /api/v1/orders scopes=orders:write")
            .route(
                "DELETE /api/v1/orders/{id} claim.role=api-admin peer.exact-namespace=api-system");
    if (benchRoutes) {
      routes
          .route("GET " + OrdersServlet.BENCH_PUBLIC + " public")
          .route("GET " + OrdersServlet.BENCH_GUARDED + " scopes=orders:read");
    }
    return routes.unmatched(Unmatched.NOT_FOUND).build();
  }

  /** Starts the server with the contract's endpoints only; port 0 picks a free one. */
  static Server start(String host, int port, Clock clock, Supplier<PolicySet> policies)
      throws Exception {
    return start(host, port, clock, policies, false);
  }

  /**
   * Starts the server; port 0 picks a free one. With {@code benchRoutes} (environment variable
   * {@value #BENCH_ROUTES}{@code =true}, for {@code benchmarks/http.sh} only) it also serves two
   * routes outside the contract that do the same work, one public and one needing a scope.
   */
  static Server start(
      String host, int port, Clock clock, Supplier<PolicySet> policies, boolean benchRoutes)
      throws Exception {
    return start(host, port, clock, policies, benchRoutes, false, http -> {});
  }

  /**
   * Starts the server with a last say over Jetty's {@link HttpConfiguration} (tests switch on a
   * {@code ForwardedRequestCustomizer} with it, to prove policies never see forwarded values).
   */
  static Server start(
      String host,
      int port,
      Clock clock,
      Supplier<PolicySet> policies,
      boolean benchRoutes,
      java.util.function.Consumer<HttpConfiguration> tuning)
      throws Exception {
    return start(host, port, clock, policies, benchRoutes, false, tuning);
  }

  /**
   * Jetty's thread pool; with {@code virtualThreads} it hands every request to a virtual thread of
   * its own (environment variable {@value #VIRTUAL_THREADS}{@code =true}).
   *
   * @throws IllegalStateException with {@code virtualThreads} on a Java without them (before 21)
   */
  static QueuedThreadPool threadPool(boolean virtualThreads) {
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("servlet-orders");
    if (virtualThreads) {
      Executor executor = VirtualThreads.getNamedVirtualThreadsExecutor("servlet-orders-virtual-");
      if (executor == null) {
        throw new IllegalStateException(
            VIRTUAL_THREADS
                + "=true needs Java 21 or newer; this is Java "
                + Runtime.version().feature());
      }
      pool.setVirtualThreadsExecutor(executor);
    }
    return pool;
  }

  /** Starts the server, on virtual threads when {@code virtualThreads}. */
  static Server start(
      String host,
      int port,
      Clock clock,
      Supplier<PolicySet> policies,
      boolean benchRoutes,
      boolean virtualThreads,
      java.util.function.Consumer<HttpConfiguration> tuning)
      throws Exception {
    Server server = new Server(threadPool(virtualThreads));
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
    http.setSendServerVersion(false);
    // Let exactly the ambiguous paths through to meshguard, which rejects them with a problem+json
    // 400; everything else Jetty's default compliance rejects stays rejected (as problem+json too).
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "meshguard",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
    tuning.accept(http);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(
        new MeshguardFilter(guard(clock, policies), routes(benchRoutes)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    context.addServlet(new ServletHolder(new OrdersServlet(benchRoutes)), "/");
    context.setErrorHandler(new ProblemErrorHandler());
    server.setHandler(context);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopAtShutdown(true);
    server.setStopTimeout(5_000);
    server.start();
    return server;
  }
}
