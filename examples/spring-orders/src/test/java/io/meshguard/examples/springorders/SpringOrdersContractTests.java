package io.meshguard.examples.springorders;

import io.meshguard.examples.contract.OrdersContract;
import java.time.Clock;
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
}
