package io.meshguard.examples.quarkusorders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code QUARKUS_ORDERS_BENCH_ROUTES=true} (property {@code quarkus-orders.bench-routes}, read
 * at start-up) the route pair answers alike, and only the guarded one needs an identity.
 */
@QuarkusTest
@TestProfile(QuarkusBenchRoutesOnTests.BenchRoutesOn.class)
class QuarkusBenchRoutesOnTests {

  /** The switch on, as the environment variable sets it. */
  public static class BenchRoutesOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus-orders.bench-routes", "true");
    }
  }

  @Test
  void benchRoutesWhenEnabledThenSameAnswerAndOnlyTheGuardedOneNeedsIdentity() {
    String open = given().get("/bench/public").then().statusCode(200).extract().asString();
    String guarded =
        given()
            .header("x-jwt-payload", QuarkusBenchRoutesTests.reader())
            .get("/bench/guarded")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(guarded).isEqualTo(open).isEqualTo("{\"status\":\"UP\"}");
    given()
        .get("/bench/guarded")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer"));
  }
}
