package io.meshguard.examples.springorders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A kubelet-style probe (no identity headers, arbitrary others, as the sidecar's agent copies
 * whatever its caller sent) gets Actuator's health and its groups, and nothing else.
 */
class SpringProbeTests {

  private static ConfigurableApplicationContext context;
  private static int port;

  @BeforeAll
  static void start() {
    context = new SpringApplicationBuilder(SpringOrdersApplication.class).run("--server.port=0");
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/actuator/health, 200",
    "/actuator/health/liveness, 200",
    "/actuator/health/readiness, 200",
    "/actuator, 401",
    "/actuator/info, 401",
    "/api/v1/orders, 401",
    "/api/v1/whoami, 401",
  })
  void probeWhenNoIdentityThenHealthOnly(String path, int status) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("User-Agent", "kube-probe/1.31")
                    .header("X-Forwarded-For", "10.0.0.1")
                    .header("X-Probe", "anything")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(status);
    if (status == 200) {
      assertThat(response.body()).contains("\"status\":\"UP\"");
    }
  }
}
