package io.meshguard.examples.quarkusorders;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kubelet-style probe (no identity headers, arbitrary others, as the sidecar's agent copies
 * whatever its caller sent) gets SmallRye Health, and nothing else.
 */
@QuarkusTest
class QuarkusProbeTests {

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/q/health, 200",
    "/q/health/live, 200",
    "/q/health/ready, 200",
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
      assertThat(response.body()).contains("\"status\": \"UP\"");
    }
  }
}
