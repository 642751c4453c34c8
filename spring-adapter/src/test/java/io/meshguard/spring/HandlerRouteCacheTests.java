package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routes HandlerRouteResolver keeps per method and request URI answer as a fresh lookup would,
 * again and again: a path whose handler depends on the {@code Accept} header is looked up every
 * time, and path variables beyond the cache's size change nothing.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "meshguard.issuers=" + ISSUER,
      "meshguard.trust-domains=" + TRUST_DOMAIN,
      "meshguard.unmatched=not-found"
    })
class HandlerRouteCacheTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ReportsController.class)
  static class App {}

  @RestController
  @RequestMapping("/api/v1")
  static class ReportsController {
    @RequireScopes("reports:text")
    @GetMapping(path = "/report", produces = "text/plain")
    String text() {
      return "report";
    }

    @RequireScopes("reports:json")
    @GetMapping(path = "/report", produces = "application/json")
    Map<String, String> json() {
      return Map.of("report", "json");
    }

    @RequireScopes("orders:read")
    @GetMapping("/orders/{id}")
    Map<String, String> order(@PathVariable String id) {
      return Map.of("id", id);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Autowired HandlerRouteResolver resolver;

  private int status(String path, String scope, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(
                MeshHeaders.PAYLOAD_HEADER,
                MeshHeaders.payload(
                    Payload.issuedBy(ISSUER).scope(scope).expiresIn(Duration.ofHours(1))));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @RepeatedTest(3)
  void handlerWhenItDependsOnAcceptThenEveryRequestGetsItsOwnRequirement() throws Exception {
    assertThat(status("/api/v1/report", "reports:json", "text/plain")).isEqualTo(403);
    assertThat(status("/api/v1/report", "reports:json", "application/json")).isEqualTo(200);
    assertThat(status("/api/v1/report", "reports:text", "text/plain")).isEqualTo(200);
    assertThat(status("/api/v1/report", "reports:text", "application/json")).isEqualTo(403);
  }

  @Test
  void routeWhenAskedAgainThenSameAnswer() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(status("/api/v1/orders/1", "orders:read", null)).isEqualTo(200);
      assertThat(status("/api/v1/orders/1", "orders:write", null)).isEqualTo(403);
      assertThat(status("/api/v1/nothing", "orders:read", null)).isEqualTo(404);
    }
    // Spring's own mappings leave such routes cacheable.
    assertThat(resolver.cachedRoutes()).isPositive();
  }

  @Test
  void routeWhenMoreUrisThanTheCacheHoldsThenStillRouted() throws Exception {
    for (int i = 0; i < HandlerRouteResolver.ROUTE_CACHE_SIZE + 5; i++) {
      assertThat(status("/api/v1/orders/" + i, "orders:read", null)).isEqualTo(200);
    }
    assertThat(status("/api/v1/orders/x", "orders:write", null)).isEqualTo(403);
  }
}
