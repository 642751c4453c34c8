package io.meshguard.examples.springorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.examples.contract.OrdersContract;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The shared contract suite against spring-orders on a real port, with the suite's fixed clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringOrdersContractTests extends OrdersContract {

  @TestConfiguration(proxyBeanMethods = false)
  static class FixedClock {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @LocalServerPort int port;

  @Override
  protected int port() {
    return port;
  }

  /**
   * Boot's error path is where errors are forwarded, not an endpoint: an unknown path to callers.
   */
  @Test
  void errorPathWhenRequestedWithAValidIdentityThen404Problem() throws Exception {
    String payload =
        MeshHeaders.payload(
            Payload.issuedBy(ISSUER).clock(CLOCK).subject("alice").expiresIn(Duration.ofHours(1)));
    String response =
        rawRequest(
            "GET /error HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + MeshHeaders.PAYLOAD_HEADER
                + ": "
                + payload
                + "\r\n\r\n");
    assertThat(response)
        .startsWith("HTTP/1.1 404 ")
        .containsIgnoringCase("Content-Type: application/problem+json")
        .doesNotContainIgnoringCase("WWW-Authenticate")
        .endsWith(
            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"No such resource\"}");
  }
}
