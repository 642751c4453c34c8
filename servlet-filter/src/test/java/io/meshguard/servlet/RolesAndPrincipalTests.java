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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code meshguard.roles.claims} and {@code meshguard.principal-claim} as init-parameters: role
 * claims drive {@code isUserInRole} beside the scopes, and the principal claim names the user.
 */
class RolesAndPrincipalTests {

  private static TestServer server;

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
    server =
        TestServer.start(
            context -> {
              FilterHolder filter = new FilterHolder(new MeshguardFilter());
              filter.setInitParameter(MeshguardSettings.PREFIX + "issuers", ISSUER);
              filter.setInitParameter(MeshguardSettings.PREFIX + "trust-domains", TRUST_DOMAIN);
              filter.setInitParameter(
                  MeshguardSettings.PREFIX + "roles.claims", "[realm_access][roles],groups");
              filter.setInitParameter(
                  MeshguardSettings.PREFIX + "principal-claim", "preferred_username");
              filter.setInitParameter(
                  MeshguardSettings.PREFIX + "routes[0]", "GET /who authenticated");
              context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
              context.addServlet(new ServletHolder(new WhoServlet()), "/who");
            });
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static String who(Payload payload) throws Exception {
    HttpResponse<String> response =
        server.get("/who", MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload));
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
