package io.meshguard.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.core.Meshguard;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.testkit.MeshIdentityHeaders;
import io.meshguard.testkit.quarkus.MeshIdentityFilter;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit mints real headers from the application's own configuration (a non-default issuer,
 * payload header, XFCC header and trust domain), and the application checks them as it checks the
 * sidecar's: through the test kit's RestAssured filter.
 */
class MeshIdentityHeadersTests {

  static final String ISSUER = "https://login.shop.test/realms/shop";
  static final String SELF = "spiffe://shop.internal/ns/shop/sa/orders";

  /** A resource with scope, claim and peer requirements. */
  @Path("/orders")
  public static class OrdersResource {
    @Inject JsonWebToken jwt;

    @GET
    @RequireScopes("orders:read")
    @RequireClaim(claim = "tenant", values = "acme")
    @RequirePeer(ids = "spiffe://shop.internal/ns/shop/sa/gateway")
    public String list() {
      return jwt.getName() + " " + jwt.getIssuer() + " " + jwt.getAudience();
    }
  }

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(jar -> jar.addClasses(OrdersResource.class))
          .overrideConfigKey("quarkus.meshguard.issuers", ISSUER + ",https://other.test")
          .overrideConfigKey("quarkus.meshguard.audiences", "orders-api")
          .overrideConfigKey("quarkus.meshguard.payload-header", "x-shop-claims")
          .overrideConfigKey("quarkus.meshguard.xfcc-header", "x-shop-client-cert")
          .overrideConfigKey("quarkus.meshguard.trust-domains", "shop.internal")
          .overrideConfigKey("quarkus.meshguard.expected-by", SELF);

  @Inject Meshguard guard;

  @Test
  void filterWhenMintedFromConfigThenAllowed() {
    MeshIdentityHeaders alice =
        MeshIdentityHeaders.of(guard)
            .subject("alice")
            .scopes("orders:read")
            .claim("tenant", "acme")
            .peer("ns/shop/sa/gateway");
    given()
        .filter(MeshIdentityFilter.of(alice))
        .get("/orders")
        .then()
        .statusCode(200)
        .body(equalTo("alice " + ISSUER + " [orders-api]"));
  }

  @Test
  void filterWhenScopeMissingThenStillChecked403() {
    MeshIdentityHeaders alice =
        MeshIdentityHeaders.of(guard).claim("tenant", "acme").peer("ns/shop/sa/gateway");
    given().filter(MeshIdentityFilter.of(alice)).get("/orders").then().statusCode(403);
  }

  @Test
  void filterWhenPeerMissingThenStillChecked403() {
    MeshIdentityHeaders alice =
        MeshIdentityHeaders.of(guard).scopes("orders:read").claim("tenant", "acme");
    given().filter(MeshIdentityFilter.of(alice)).get("/orders").then().statusCode(403);
  }

  @Test
  void ofWhenConfiguredThenHeadersAreTheApplications() {
    MeshIdentityHeaders headers = MeshIdentityHeaders.of(guard).peer("ns/shop/sa/gateway");
    assertThat(headers.headerNames()).containsExactly("x-shop-claims", "x-shop-client-cert");
    assertThat(headers.claims()).containsEntry("iss", ISSUER).containsEntry("aud", "orders-api");
    assertThat(headers.toMap().get("x-shop-client-cert"))
        .startsWith("By=" + SELF + ";")
        .endsWith("URI=spiffe://shop.internal/ns/shop/sa/gateway");
    assertThat(headers.claimFromText("teams", "[\"blue\"]").claims())
        .containsEntry("teams", List.of("blue"));
    assertThat(headers.claimFromText("tier", "gold").claims()).containsEntry("tier", "gold");
  }

  @Test
  void ofWhenDefaultHeaderNameOrInvalidPeerThenRefused() {
    given()
        .header("x-jwt-payload", MeshIdentityHeaders.of(guard).payload())
        .get("/orders")
        .then()
        .statusCode(401);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshIdentityHeaders.of(guard).peer("spiffe://shop.internal/x/../y"));
  }
}
