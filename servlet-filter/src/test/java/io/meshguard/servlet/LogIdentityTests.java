package io.meshguard.servlet;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.config.MeshguardSettings;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code meshguard.log-identity=true}, set as a filter init-parameter: the subject is in the MDC
 * while the chain runs, and gone afterwards. (Off, the default, is in {@link
 * MeshguardFilterTests}.)
 */
class LogIdentityTests {

  private static Server server;
  private static URI base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void startServer() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(new MeshguardFilter());
    filter.setInitParameter(MeshguardSettings.PREFIX + "issuers", ISSUER);
    filter.setInitParameter(MeshguardSettings.PREFIX + "trust-domains", TRUST_DOMAIN);
    filter.setInitParameter(MeshguardSettings.PREFIX + "log-identity", "true");
    filter.setInitParameter(MeshguardSettings.PREFIX + "routes[0]", "GET /public public");
    filter.setInitParameter(MeshguardSettings.PREFIX + "routes[1]", "GET /echo authenticated");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/echo");
    context.addServlet(new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/public");
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

  @Test
  void allowedRequestWhenLogIdentityOnThenTheMdcHoldsTheSubjectOnlyWhileTheChainRuns()
      throws Exception {
    String payload =
        MeshHeaders.payload(
            Payload.issuedBy(ISSUER).subject("alice").expiresIn(Duration.ofHours(1)));
    HttpResponse<String> response =
        get(
            "/echo",
            "x-jwt-payload",
            payload,
            "x-forwarded-client-cert",
            MeshHeaders.xfcc(SELF, GATEWAY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(" mdcSubject=alice mdcPeer=" + GATEWAY + " ");
    for (int i = 0; i < 5; i++) {
      // The same server threads serve these: nothing is left behind.
      assertThat(get("/public").body()).contains(" mdcSubject=null mdcPeer=null ");
    }
  }
}
