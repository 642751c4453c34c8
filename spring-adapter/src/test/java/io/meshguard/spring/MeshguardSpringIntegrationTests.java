package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.PROBLEM_JSON;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The starter in a real Spring Boot application on Tomcat, driven over loopback HTTP. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "meshguard.issuers=" + ISSUER,
      "meshguard.trust-domains=" + TRUST_DOMAIN,
      "meshguard.unmatched=not-found"
    })
class MeshguardSpringIntegrationTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableMethodSecurity
  static class App {
    @Bean
    OrdersController ordersController() {
      return new OrdersController();
    }
  }

  @RestController
  @RequestMapping("/api/v1")
  static class OrdersController {
    @PublicEndpoint
    @GetMapping("/health")
    Map<String, String> health() {
      return Map.of("status", "UP");
    }

    @GetMapping("/whoami")
    Map<String, Object> whoami(MeshIdentity identity) {
      return Map.of("sub", identity.subject().orElse(""), "scopes", identity.scopes());
    }

    @RequireScopes("orders:read")
    @GetMapping("/orders")
    Map<String, Object> orders(MeshIdentity identity) {
      return Map.of("subject", identity.subject().orElse(""));
    }

    @RequireScopes("orders:write")
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create() {
      return Map.of("id", "ord-1");
    }

    @PreAuthorize("hasAuthority('SCOPE_orders:admin')")
    @GetMapping("/admin")
    Map<String, Object> admin() {
      return Map.of("name", SecurityContextHolder.getContext().getAuthentication().getName());
    }

    @RequireClaim(claim = "role", values = "api-admin")
    @RequirePeer(exactNamespaces = "api-system")
    @DeleteMapping("/orders/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {}
  }

  @LocalServerPort int port;

  private HttpResponse<String> send(String method, String path, Payload payload, String xfcc)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (payload != null) {
      request.header("x-jwt-payload", MeshHeaders.payload(payload));
    }
    if (xfcc != null) {
      request.header("x-forwarded-client-cert", xfcc);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Payload alice() {
    return Payload.issuedBy(ISSUER).subject("alice").expiresIn(Duration.ofHours(1));
  }

  @Test
  void publicEndpointWhenNoIdentityThenServed() throws Exception {
    assertThat(send("GET", "/api/v1/health", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void unannotatedHandlerWhenValidIdentityThenServedWithTheIdentityArgument() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/whoami", alice().scope("a", "b"), null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"sub\":\"alice\"").contains("\"scopes\":[\"a\",\"b\"]");
    assertThat(send("GET", "/api/v1/whoami", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void scopeAnnotationWhenScopeMissingThen403NamingIt() throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/v1/orders", alice().scope("orders:read"), null);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains(
            "Bearer error=\"insufficient_scope\", error_description=\"Insufficient scope for mesh"
                + " routing\", scope=\"orders:write\"");
    assertThat(send("POST", "/api/v1/orders", alice().scope("orders:write"), null).statusCode())
        .isEqualTo(201);
    assertThat(send("GET", "/api/v1/orders", alice().scope("orders:read"), null).body())
        .contains("alice");
  }

  @Test
  void claimAndPeerAnnotationsWhenBothHoldThen204Else403() throws Exception {
    Payload admin = alice().claim("role", "api-admin");
    assertThat(
            send("DELETE", "/api/v1/orders/7", admin, MeshHeaders.xfcc(SELF, GATEWAY)).statusCode())
        .isEqualTo(204);
    HttpResponse<String> noPeer = send("DELETE", "/api/v1/orders/7", admin, null);
    assertThat(noPeer.statusCode()).isEqualTo(403);
    assertThat(noPeer.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(
            send("DELETE", "/api/v1/orders/7", alice(), MeshHeaders.xfcc(SELF, GATEWAY))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void routingWhenUnknownPathOrMethodThenIdentityFirstThen404Or405() throws Exception {
    assertThat(send("GET", "/api/v1/nothing", null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> notFound = send("GET", "/api/v1/nothing", alice(), null);
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
    assertThat(send("PUT", "/api/v1/orders", alice(), null).statusCode()).isEqualTo(405);
  }

  @Test
  void springSecurityWhenPresentThenTheMeshIdentityIsTheAuthenticationWithScopeAuthorities()
      throws Exception {
    HttpResponse<String> allowed =
        send("GET", "/api/v1/admin", alice().scope("orders:admin"), null);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("{\"name\":\"alice\"}");

    HttpResponse<String> denied = send("GET", "/api/v1/admin", alice().scope("orders:read"), null);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(denied.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Access denied\"}");
  }

  @Test
  void ambiguousPathWhenSentThen400() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/orders;jsessionid=x", alice(), null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Ambiguous request path");
  }
}
