package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.restassured.RestAssured.given;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.QuarkusUnitTest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.meshguard.issuer-rules}: tenant A's issuer is not accepted with B's audience. */
class IssuerRulesTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(
              jar -> jar.addClasses(OrdersResource.class, FixedClock.class, Fixtures.class))
          .overrideConfigKey("quarkus.meshguard.trust-domains", "cluster.local")
          .overrideConfigKey("quarkus.meshguard.issuer-rules[0].issuer", "https://a.example.com")
          .overrideConfigKey("quarkus.meshguard.issuer-rules[0].audiences", "orders-a")
          .overrideConfigKey("quarkus.meshguard.issuer-rules[1].issuer", "https://b.example.com")
          .overrideConfigKey("quarkus.meshguard.issuer-rules[1].audiences", "orders-b");

  private static int whoami(String issuer, String audience) {
    Payload payload =
        Payload.issuedBy(issuer)
            .clock(Clock.fixed(FixedClock.NOW, ZoneOffset.UTC))
            .subject("alice")
            .audience(audience)
            .expiresIn(Duration.ofHours(1));
    return given()
        .header(PAYLOAD, MeshHeaders.payload(payload))
        .get("/api/v1/whoami")
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void whoamiWhenEachIssuerWithItsOwnAudienceThen200ElseInvalidToken() {
    org.assertj.core.api.Assertions.assertThat(whoami("https://a.example.com", "orders-a"))
        .isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(whoami("https://b.example.com", "orders-b"))
        .isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(whoami("https://a.example.com", "orders-b"))
        .isEqualTo(401);
    org.assertj.core.api.Assertions.assertThat(whoami("https://b.example.com", "orders-a"))
        .isEqualTo(401);
  }
}
