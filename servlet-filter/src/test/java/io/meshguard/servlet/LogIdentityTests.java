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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code meshguard.log-identity=true}, set as a filter init-parameter: the subject is in the MDC
 * while the chain runs, and gone afterwards. (Off, the default, is in {@link
 * MeshguardFilterTests}.)
 */
class LogIdentityTests {

  private static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        TestServer.start(
            context -> {
              FilterHolder filter = new FilterHolder(new MeshguardFilter());
              filter.setInitParameter(MeshguardSettings.PREFIX + "issuers", ISSUER);
              filter.setInitParameter(MeshguardSettings.PREFIX + "trust-domains", TRUST_DOMAIN);
              filter.setInitParameter(MeshguardSettings.PREFIX + "log-identity", "true");
              filter.setInitParameter(MeshguardSettings.PREFIX + "routes[0]", "GET /public public");
              filter.setInitParameter(
                  MeshguardSettings.PREFIX + "routes[1]", "GET /echo authenticated");
              context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
              context.addServlet(
                  new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/echo");
              context.addServlet(
                  new ServletHolder(new MeshguardFilterTests.EchoServlet()), "/public");
            });
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Test
  void allowedRequestWhenLogIdentityOnThenTheMdcHoldsTheSubjectOnlyWhileTheChainRuns()
      throws Exception {
    String payload =
        MeshHeaders.payload(
            Payload.issuedBy(ISSUER).subject("alice").expiresIn(Duration.ofHours(1)));
    HttpResponse<String> response =
        server.get(
            "/echo",
            "x-jwt-payload",
            payload,
            "x-forwarded-client-cert",
            MeshHeaders.xfcc(SELF, GATEWAY));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(" mdcSubject=alice mdcPeer=" + GATEWAY + " ");
    for (int i = 0; i < 5; i++) {
      // The same server threads serve these: nothing is left behind.
      assertThat(server.get("/public").body()).contains(" mdcSubject=null mdcPeer=null ");
    }
  }
}
