package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Roles from Keycloak's {@code realm_access.roles} drive {@code hasRole}, with a custom authority
 * prefix; {@code preferred_username} names the principal; scopes stay {@code SCOPE_}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "meshguard.issuers=" + ISSUER,
      "meshguard.trust-domains=" + TRUST_DOMAIN,
      "meshguard.roles.claims=[realm_access][roles]",
      "meshguard.roles.authority-prefix=GROUP_",
      "meshguard.principal-claim=preferred_username"
    })
class RolesAndPrincipalTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableMethodSecurity
  static class App {
    @Bean
    AdminController adminController() {
      return new AdminController();
    }
  }

  @RestController
  static class AdminController {
    @PreAuthorize("hasRole('admin')")
    @GetMapping("/admin")
    String admin(Authentication authentication) {
      return authentication.getName() + " " + authentication.getAuthorities();
    }

    @PreAuthorize("hasAuthority('SCOPE_orders:read')")
    @GetMapping("/orders")
    String orders(Authentication authentication) {
      return authentication.getName();
    }
  }

  @LocalServerPort int port;

  private int status(String path, Payload payload) throws Exception {
    return send(path, payload).statusCode();
  }

  private HttpResponse<String> send(String path, Payload payload) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Payload token() {
    return Payload.issuedBy(ISSUER)
        .subject("u-1")
        .scope("orders:read")
        .claim("preferred_username", "alice")
        .expiresIn(Duration.ofHours(1));
  }

  @Test
  void hasRoleWhenTheRoleClaimCarriesItThenAllowedWithTheConfiguredPrefix() throws Exception {
    HttpResponse<String> response =
        send("/admin", token().claim("realm_access", Map.of("roles", List.of("admin"))));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("alice [SCOPE_orders:read, GROUP_admin]");
  }

  @Test
  void hasRoleWhenNoRoleClaimThen403ButScopesStillWork() throws Exception {
    assertThat(status("/admin", token())).isEqualTo(403);
    assertThat(status("/admin", token().claim("roles", List.of("admin")))).isEqualTo(403);
    HttpResponse<String> orders = send("/orders", token());
    assertThat(orders.statusCode()).isEqualTo(200);
    assertThat(orders.body()).isEqualTo("alice");
  }
}
