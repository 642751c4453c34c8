package io.meshguard.servlet;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.config.MeshguardSettings;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
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
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code meshguard.roles.claims} and {@code meshguard.principal-claim} as init-parameters: role
 * claims drive {@code isUserInRole} beside the scopes, and the principal claim names the user.
 */
class RolesAndPrincipalTests {

  private static Server server;
  private static URI base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** Reports the name and a few role checks. */
  static final class WhoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response
          .getWriter()
          .print(
              "name="
                  + request.getUserPrincipal().getName()
                  + " remoteUser="
                  + request.getRemoteUser()
                  + " admin="
                  + request.isUserInRole("admin")
                  + " ops="
                  + request.isUserInRole("ops")
                  + " orders:read="
                  + request.isUserInRole("orders:read"));
    }
  }

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
    filter.setInitParameter(
        MeshguardSettings.PREFIX + "roles.claims", "[realm_access][roles],groups");
    filter.setInitParameter(MeshguardSettings.PREFIX + "principal-claim", "preferred_username");
    filter.setInitParameter(MeshguardSettings.PREFIX + "routes[0]", "GET /who authenticated");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new WhoServlet()), "/who");
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  private static String who(Payload payload) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/who"))
            .header(MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Payload token() {
    return Payload.issuedBy(ISSUER)
        .subject("u-1")
        .scope("orders:read")
        .expiresIn(Duration.ofHours(1));
  }

  @Test
  void isUserInRoleWhenRoleClaimsCarryTheRoleThenTrueBesideTheScopes() throws Exception {
    String body =
        who(
            token()
                .claim("preferred_username", "alice")
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .claim("groups", List.of("ops")));
    assertThat(body).isEqualTo("name=alice remoteUser=alice admin=true ops=true orders:read=true");
  }

  @Test
  void nameWhenPrincipalClaimAbsentThenSubAndNoRoles() throws Exception {
    assertThat(who(token()))
        .isEqualTo("name=u-1 remoteUser=u-1 admin=false ops=false orders:read=true");
  }
}
