package io.meshguard.examples.springorders;

import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireScopes;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The route pair {@code benchmarks/http.sh} drives, outside the contract and present only with
 * {@code SPRING_ORDERS_BENCH_ROUTES=true} ({@code spring-orders.bench-routes}): both answer with
 * the same code, one is public and one needs the scope {@code orders:read}, so the difference
 * between them is what meshguard does.
 */
@RestController
@ConditionalOnProperty(name = "spring-orders.bench-routes", havingValue = "true")
class BenchController {

  private static final Map<String, String> UP = Map.of("status", "UP");

  @PublicEndpoint
  @GetMapping("/bench/public")
  Map<String, String> open() {
    return status();
  }

  @RequireScopes("orders:read")
  @GetMapping("/bench/guarded")
  Map<String, String> guarded() {
    return status();
  }

  private static Map<String, String> status() {
    return UP;
  }
}
