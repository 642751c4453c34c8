package io.meshguard.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.QuarkusUnitTest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.meshguard.trust-from-mesh}: the issuers, their audiences and the payload header
 * come from the RequestAuthentications in {@code mesh-manifests} that select the workload.
 */
class TrustFromMeshTests {

  private static final String MESH =
      "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\n"
          + "metadata: {name: tenants, namespace: api-system}\n"
          + "spec:\n  selector: {matchLabels: {app: orders}}\n"
          + "  jwtRules:\n"
          + "  - issuer: https://a.example.com\n"
          + "    audiences: [orders-a]\n"
          + "    outputPayloadToHeader: x-istio-jwt\n"
          + "  - issuer: https://b.example.com\n"
          + "    audiences: [orders-b]\n"
          + "    outputPayloadToHeader: x-istio-jwt\n";

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(
              jar -> jar.addClasses(OrdersResource.class, FixedClock.class, Fixtures.class))
          .overrideConfigKey("quarkus.meshguard.trust-domains", "cluster.local")
          .overrideConfigKey("quarkus.meshguard.trust-from-mesh", "true")
          .overrideConfigKey(
              "quarkus.meshguard.mesh-manifests", Fixtures.tempFile("mesh", MESH).toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.meshguard.workload.labels.app", "orders");

  private static int whoami(String header, String issuer, String audience) {
    Payload payload =
        Payload.issuedBy(issuer)
            .clock(Clock.fixed(FixedClock.NOW, ZoneOffset.UTC))
            .subject("alice")
            .audience(audience)
            .expiresIn(Duration.ofHours(1));
    return given()
        .header(header, MeshHeaders.payload(payload))
        .get("/api/v1/whoami")
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void whoamiWhenTheMeshsIssuerWithItsAudienceInTheMeshsHeaderThen200ElseUnauthorized() {
    assertThat(whoami("x-istio-jwt", "https://a.example.com", "orders-a")).isEqualTo(200);
    assertThat(whoami("x-istio-jwt", "https://b.example.com", "orders-b")).isEqualTo(200);
    assertThat(whoami("x-istio-jwt", "https://a.example.com", "orders-b")).isEqualTo(401);
    assertThat(whoami("x-istio-jwt", "https://c.example.com", "orders-a")).isEqualTo(401);
    assertThat(whoami("x-jwt-payload", "https://a.example.com", "orders-a")).isEqualTo(401);
  }
}
