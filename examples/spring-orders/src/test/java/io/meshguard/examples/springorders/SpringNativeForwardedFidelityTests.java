package io.meshguard.examples.springorders;

import io.meshguard.examples.contract.OrdersContract;
import io.meshguard.examples.contract.RequestFidelityContract;
import java.time.Clock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Host and path fidelity with Spring's {@code ForwardedHeaderFilter} in front ({@code
 * server.forward-headers-strategy=native}), which rewrites the request URI from {@code
 * X-Forwarded-Prefix}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.forward-headers-strategy=native")
class SpringNativeForwardedFidelityTests extends RequestFidelityContract {

  @TestConfiguration(proxyBeanMethods = false)
  static class FixedClock {
    @Bean
    Clock clock() {
      return OrdersContract.CLOCK;
    }
  }

  @DynamicPropertySource
  static void policy(DynamicPropertyRegistry registry) {
    registry.add("meshguard.policy-file", () -> policyFile().toString());
  }

  @LocalServerPort int port;

  @Override
  protected int port() {
    return port;
  }
}
