package io.meshguard.examples.springorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The route pair benchmarks/http.sh drives exists only when asked for ({@code
 * SPRING_ORDERS_BENCH_ROUTES=true}, property {@code spring-orders.bench-routes}), answers alike on
 * both routes, and only the guarded one needs an identity.
 */
class SpringBenchRoutesTests {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path, String payload) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (payload != null) {
      request.header("x-jwt-payload", payload);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String reader() {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER).scope("orders:read").expiresIn(Duration.ofHours(1)));
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(SpringOrdersApplication.class).run(args);
  }

  private static int port(ConfigurableApplicationContext context) {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  @Test
  void benchRoutesWhenEnabledThenSameAnswerAndOnlyTheGuardedOneNeedsIdentity() throws Exception {
    try (ConfigurableApplicationContext context =
        start("--server.port=0", "--spring-orders.bench-routes=true")) {
      int port = port(context);
      HttpResponse<String> open = get(port, "/bench/public", null);
      HttpResponse<String> guarded = get(port, "/bench/guarded", reader());
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(guarded.statusCode()).isEqualTo(200);
      assertThat(guarded.body()).isEqualTo(open.body()).isEqualTo("{\"status\":\"UP\"}");
      HttpResponse<String> anonymous = get(port, "/bench/guarded", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
  }

  @Test
  void benchRoutesWhenNotEnabledThenOutsideTheContract404() throws Exception {
    try (ConfigurableApplicationContext context = start("--server.port=0")) {
      int port = port(context);
      assertThat(get(port, "/bench/public", reader()).statusCode()).isEqualTo(404);
      assertThat(get(port, "/bench/guarded", reader()).statusCode()).isEqualTo(404);
      // Not a public path either: without an identity the unknown path is 401, as any other.
      assertThat(get(port, "/bench/public", null).statusCode()).isEqualTo(401);
    }
  }
}
