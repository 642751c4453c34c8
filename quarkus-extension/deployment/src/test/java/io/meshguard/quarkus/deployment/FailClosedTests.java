package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.meshguard.quarkus.deployment.Fixtures.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.meshguard.core.DecisionListener;
import io.meshguard.testkit.MeshHeaders;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A component inside meshguard that fails denies with a bare 500 problem, never lets through. */
class FailClosedTests {

  @RegisterExtension
  static final QuarkusUnitTest APP = Fixtures.app(OrdersResource.class, FailingComponent.class);

  /** A decision listener that fails on every decision. */
  @Singleton
  public static class FailingComponent implements DecisionListener {
    @Override
    public void onDecision(io.meshguard.core.Decision decision) {
      throw new IllegalStateException("a failing component with secret details");
    }
  }

  @Test
  void failingComponentWhenDecidingThen500ProblemWithoutDetailAndHandlerNeverRuns() {
    int before = OrdersResource.CALLS.get();
    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice().scope("orders:read")))
        .get("/api/v1/orders")
        .then()
        .statusCode(500)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", nullValue())
        .body(
            equalTo(
                "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                    + "\"detail\":\"Internal error\"}"));
    assertThat(OrdersResource.CALLS.get()).isEqualTo(before);
  }
}
