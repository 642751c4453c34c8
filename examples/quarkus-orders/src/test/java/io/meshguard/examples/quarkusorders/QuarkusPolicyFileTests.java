package io.meshguard.examples.quarkusorders;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.meshguard.examples.contract.OrdersContract;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MESHGUARD_POLICY_FILE ({@code quarkus.meshguard.policy-file}) in the Quarkus example. */
@QuarkusTest
@TestProfile(QuarkusPolicyFileTests.OnlyGateway.class)
class QuarkusPolicyFileTests {

  /** A policy that allows only the gateway workload. */
  public static class OnlyGateway implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path file = Files.createTempFile("only-gateway", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(
            file,
            "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
                + "metadata: {name: only-gateway, namespace: api-system}\n"
                + "spec:\n  selector: {matchLabels: {app: orders}}\n"
                + "  rules:\n"
                + "  - from: [{source: {principals: [cluster.local/ns/api-system/sa/gateway]}}]\n");
        return Map.of("quarkus.meshguard.policy-file", file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String payload() {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER)
            .clock(OrdersContract.CLOCK) // the clock QuarkusOrdersContractTests gives the app
            .scope("orders:read")
            .expiresIn(Duration.ofHours(1)));
  }

  @Test
  void policyWhenItDeniesThen403WithoutBearerError() {
    given()
        .header("x-jwt-payload", payload())
        .get("/api/v1/orders")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .body(containsString("Denied by mesh authorization policy"));
  }

  @Test
  void policyWhenItAllowsThePeerThen200() {
    given()
        .header("x-jwt-payload", payload())
        .header("x-forwarded-client-cert", MeshHeaders.xfcc(SELF, GATEWAY))
        .get("/api/v1/orders")
        .then()
        .statusCode(200);
  }
}
