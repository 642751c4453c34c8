package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.PROBLEM_JSON;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.DecisionListener;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A component inside meshguard that fails denies with a bare 500 problem, never lets through. */
@SpringBootTest(
    classes = MeshguardSpringIntegrationTests.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"meshguard.issuers=" + ISSUER, "meshguard.trust-domains=" + TRUST_DOMAIN})
@Import(FailClosedTests.FailingComponent.class)
class FailClosedTests {

  @TestConfiguration(proxyBeanMethods = false)
  static class FailingComponent {
    @Bean
    DecisionListener failingListener() {
      return decision -> {
        throw new IllegalStateException("a failing component with secret details");
      };
    }
  }

  @LocalServerPort int port;

  @Test
  void failingComponentWhenDecidingThen500ProblemWithoutDetail() throws Exception {
    String payload =
        MeshHeaders.payload(
            Payload.issuedBy(ISSUER).scope("orders:read").expiresIn(Duration.ofHours(1)));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
                    .header("x-jwt-payload", payload)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"detail\":\"Internal error\"}")
        .doesNotContain("secret");
  }
}
