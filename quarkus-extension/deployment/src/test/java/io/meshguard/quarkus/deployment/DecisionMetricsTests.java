package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With quarkus-micrometer, every decision counts in {@code meshguard.decisions}. */
class DecisionMetricsTests {

  @RegisterExtension static final QuarkusUnitTest APP = Fixtures.app(OrdersResource.class);

  @Inject MeterRegistry registry;

  private double count(String outcome, String code) {
    var counter =
        registry.find("meshguard.decisions").tag("outcome", outcome).tag("code", code).counter();
    return counter == null ? -1 : counter.count();
  }

  @Test
  void decisionsWhenMadeThenCountedByOutcomeAndCode() {
    double allowed = count("allowed", "none");
    double missing = count("denied", "missing_credentials");
    double scope = count("denied", "insufficient_scope");

    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice().scope("orders:read")))
        .get("/api/v1/orders")
        .then()
        .statusCode(200);
    given().get("/api/v1/orders").then().statusCode(401);
    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice()))
        .get("/api/v1/orders")
        .then()
        .statusCode(403);

    assertThat(count("allowed", "none")).isEqualTo(allowed + 1);
    assertThat(count("denied", "missing_credentials")).isEqualTo(missing + 1);
    assertThat(count("denied", "insufficient_scope")).isEqualTo(scope + 1);
  }
}
