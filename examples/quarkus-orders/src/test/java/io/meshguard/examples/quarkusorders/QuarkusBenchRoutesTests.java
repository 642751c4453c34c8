package io.meshguard.examples.quarkusorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.examples.contract.OrdersContract;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Without {@code QUARKUS_ORDERS_BENCH_ROUTES=true} the route pair benchmarks/http.sh drives is not
 * served, and not a meshguard route either: an unknown path like any other.
 */
@QuarkusTest
class QuarkusBenchRoutesTests {

  static String reader() {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER)
            .clock(OrdersContract.CLOCK) // the clock SuiteClock gives the app
            .scope("orders:read")
            .expiresIn(Duration.ofHours(1)));
  }

  @Test
  void benchRoutesWhenNotEnabledThenOutsideTheContract404() {
    given().header("x-jwt-payload", reader()).get("/bench/public").then().statusCode(404);
    given().header("x-jwt-payload", reader()).get("/bench/guarded").then().statusCode(404);
  }

  @Test
  void benchPublicWhenNotEnabledThenNotPublicEither() {
    given()
        .get("/bench/public")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer"));
  }
}
