package io.meshguard.servlet;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.PROBLEM_JSON;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.http.LogContext;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The filter in a real embedded Jetty 12 (ee10), driven over loopback HTTP. */
class MeshguardFilterTests {

  private static Server server;
  private static URI base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Reports what the application sees of the request. */
  static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      MeshIdentity identity = (MeshIdentity) request.getAttribute(MeshIdentity.ATTRIBUTE);
      response.setContentType("text/plain");
      response
          .getWriter()
          .print(
              "principal="
                  + (request.getUserPrincipal() == null
                      ? null
                      : request.getUserPrincipal().getName())
                  + " remoteUser="
                  + request.getRemoteUser()
                  + " read="
                  + request.isUserInRole("orders:read")
                  + " write="
                  + request.isUserInRole("orders:write")
                  + " authType="
                  + request.getAuthType()
                  + " attribute="
                  + (identity == null ? null : identity.getName())
                  + " mdcSubject="
                  + MDC.get(LogContext.SUBJECT)
                  + " mdcPeer="
                  + MDC.get(LogContext.PEER)
                  + " dispatch="
                  + request.getDispatcherType());
    }
  }

  /** Starts async work that dispatches back to the echo servlet. */
  static final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      AsyncContext async = request.startAsync();
      async.start(() -> async.dispatch("/echo"));
    }
  }

  /** Fails, so the container makes an error dispatch. */
  static final class FailingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      throw new IllegalStateException("application failure");
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    Meshguard guard =
        Meshguard.builder()
            .claimsValidator(ClaimsValidator.builder().issuers(ISSUER).build())
            .xfcc(XfccPeerResolver.builder().trustDomains(TRUST_DOMAIN).build())
            .build();
    RouteTable routes =
        RouteTable.builder()
            .route("GET /public public")
            .route("* /echo scopes=orders:read")
            .route("GET /async scopes=orders:read")
            .route("GET /boom authenticated")
            .route("GET /error-page public")
            .route(
                "GET",
                "/broken",
                Requirement.builder()
                    .peer(
                        peer -> {
                          throw new IllegalStateException("a failing component");
                        })
                    .build())
            .unmatched(Unmatched.NOT_FOUND)
            .build();

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(
        new FilterHolder(new MeshguardFilter(guard, routes)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    ServletHolder echo = new ServletHolder(new EchoServlet());
    context.addServlet(echo, "/echo");
    context.addServlet(new ServletHolder(new EchoServlet()), "/public");
    context.addServlet(new ServletHolder(new EchoServlet()), "/broken");
    context.addServlet(new ServletHolder(new EchoServlet()), "/error-page");
    ServletHolder async = new ServletHolder(new AsyncServlet());
    async.setAsyncSupported(true);
    context.addServlet(async, "/async");
    context.addServlet(new ServletHolder(new FailingServlet()), "/boom");
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(500, "/error-page");
    context.setErrorHandler(errors);
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String payload(String... scopes) {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER).subject("alice").scope(scopes).expiresIn(Duration.ofHours(1)));
  }

  @Test
  void allowedRequestWhenForwardedThenApplicationSeesTheMeshIdentityButNoSubjectInTheMdc()
      throws Exception {
    HttpResponse<String> response =
        get(
            "/echo",
            "x-jwt-payload",
            payload("orders:read"),
            "x-forwarded-client-cert",
            MeshHeaders.xfcc(SELF, GATEWAY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "principal=alice remoteUser=alice read=true write=false authType=MESHGUARD"
                + " attribute=alice mdcSubject=null mdcPeer="
                + GATEWAY
                + " dispatch=REQUEST");
  }

  @Test
  void deniedRequestWhenNoPayloadThenFilterWritesTheProblemAndTheAppNeverRuns() throws Exception {
    HttpResponse<String> response = get("/echo");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Missing mesh identity payload\"}");
  }

  @Test
  void publicRouteWhenCalledThenNoIdentityAndNoMdcLeftFromEarlierRequests() throws Exception {
    for (int i = 0; i < 5; i++) {
      get(
          "/echo",
          "x-jwt-payload",
          payload("orders:read"),
          "x-forwarded-client-cert",
          MeshHeaders.xfcc(SELF, GATEWAY));
      HttpResponse<String> response = get("/public", "x-jwt-payload", "not even base64!");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo(
              "principal=null remoteUser=null read=false write=false authType=null attribute=null"
                  + " mdcSubject=null mdcPeer=null dispatch=REQUEST");
    }
  }

  @Test
  void asyncDispatchWhenAllowedThenSameIdentityWithoutASecondCheck() throws Exception {
    HttpResponse<String> response = get("/async", "x-jwt-payload", payload("orders:read"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("principal=alice remoteUser=alice read=true")
        .endsWith("mdcSubject=null mdcPeer=null dispatch=ASYNC");
  }

  @Test
  void errorDispatchWhenApplicationFailsThenErrorPageSeesTheIdentity() throws Exception {
    HttpResponse<String> response = get("/boom", "x-jwt-payload", payload());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).startsWith("principal=alice").endsWith("dispatch=ERROR");
  }

  @Test
  void failingComponentWhenDecidingThenDeniedWith500ProblemAndNoDetail() throws Exception {
    HttpResponse<String> response =
        get(
            "/broken",
            "x-jwt-payload",
            payload(),
            "x-forwarded-client-cert",
            MeshHeaders.xfcc(SELF, GATEWAY));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"detail\":\"Internal error\"}");
  }

  @Test
  void unknownRouteWhenAuthenticatedThen404Problem() throws Exception {
    HttpResponse<String> response = get("/nowhere", "x-jwt-payload", payload());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"status\":404");
  }
}
