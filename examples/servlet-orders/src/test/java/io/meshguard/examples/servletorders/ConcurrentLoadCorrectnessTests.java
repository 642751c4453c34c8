package io.meshguard.examples.servletorders;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.policy.PolicySet;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * A mix of valid and invalid identities sent concurrently (8 threads, 16,000 requests, loopback):
 * every response must be exactly what that request gets alone, so nothing leaks between concurrent
 * requests (caches, MDC, thread-locals).
 */
class ConcurrentLoadCorrectnessTests {

  /** A request and the status and body start it gets alone. */
  private record Case(
      String method, String path, String payload, String xfcc, int status, String body) {}

  private static List<Case> cases() {
    Payload reader =
        Payload.issuedBy(ISSUER)
            .subject("reader")
            .scope("orders:read")
            .expiresIn(Duration.ofHours(1));
    Payload writer =
        Payload.issuedBy(ISSUER)
            .subject("writer")
            .scope("orders:write")
            .expiresIn(Duration.ofHours(1));
    Payload admin =
        Payload.issuedBy(ISSUER)
            .subject("admin")
            .claim("role", "api-admin")
            .expiresIn(Duration.ofHours(1));
    Payload expired =
        Payload.issuedBy(ISSUER)
            .subject("old")
            .scope("orders:read")
            .expiresIn(Duration.ofHours(-1));
    return List.of(
        new Case("GET", "/api/v1/orders", MeshHeaders.payload(reader), null, 200, "{\"orders\":"),
        new Case(
            "GET",
            "/api/v1/whoami",
            MeshHeaders.payload(writer),
            MeshHeaders.xfcc(SELF, GATEWAY),
            200,
            "{\"sub\":\"writer\""),
        new Case(
            "GET", "/api/v1/whoami", MeshHeaders.payload(reader), null, 200, "{\"sub\":\"reader\""),
        new Case("GET", "/api/v1/orders", MeshHeaders.payload(writer), null, 403, "{\"type\""),
        new Case("GET", "/api/v1/orders", MeshHeaders.payload(expired), null, 401, "{\"type\""),
        new Case("GET", "/api/v1/orders", "%%%", null, 400, "{\"type\""),
        new Case("GET", "/api/v1/orders", null, null, 401, "{\"type\""),
        new Case(
            "DELETE",
            "/api/v1/orders/1",
            MeshHeaders.payload(admin),
            MeshHeaders.xfcc(SELF, GATEWAY),
            204,
            ""),
        new Case("DELETE", "/api/v1/orders/1", MeshHeaders.payload(admin), null, 403, "{\"type\""),
        new Case(
            "DELETE",
            "/api/v1/orders/1",
            MeshHeaders.payload(reader),
            MeshHeaders.xfcc(SELF, GATEWAY),
            403,
            "{\"type\""));
  }

  @Test
  void loadWhenIdentitiesMixedConcurrentlyThenEveryResponseIsWhatItGetsAlone() throws Exception {
    Server server =
        ServletOrdersApplication.start("127.0.0.1", 0, Clock.systemUTC(), PolicySet::empty);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      List<Case> cases = cases();
      List<Future<List<String>>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        workers.add(
            pool.submit(
                () -> {
                  HttpClient client = HttpClient.newHttpClient();
                  List<String> mismatches = new ArrayList<>();
                  for (int i = 0; i < 2_000; i++) {
                    Case c = cases.get((i + offset) % cases.size());
                    HttpRequest.Builder request =
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                            .timeout(Duration.ofSeconds(10))
                            .method(c.method(), HttpRequest.BodyPublishers.noBody());
                    if (c.payload() != null) {
                      request.header("x-jwt-payload", c.payload());
                    }
                    if (c.xfcc() != null) {
                      request.header("x-forwarded-client-cert", c.xfcc());
                    }
                    HttpResponse<String> response =
                        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != c.status()
                        || !response.body().startsWith(c.body())) {
                      mismatches.add(c + " -> " + response.statusCode() + " " + response.body());
                    }
                  }
                  return mismatches;
                }));
      }
      List<String> mismatches = new ArrayList<>();
      for (Future<List<String>> worker : workers) {
        mismatches.addAll(worker.get());
      }
      assertThat(mismatches).as("responses that differ from the request alone").isEmpty();
    } finally {
      pool.shutdownNow();
      server.stop();
    }
  }
}
