package io.meshguard.examples.quarkusorders;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.testkit.quarkus.WithMeshIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test kit's {@code @WithMeshIdentity} in a {@code @QuarkusTest}: RestAssured requests carry
 * real headers minted from the application's configuration (here a non-default issuer and payload
 * header), meshguard still checks them, and {@code @RolesAllowed} reads the mesh identity's roles
 * (its scopes and role claims), as in production.
 */
@QuarkusTest
@TestProfile(WithMeshIdentityTests.ShopIssuer.class)
@WithMeshIdentity(subject = "class-user", scopes = "orders:read")
class WithMeshIdentityTests {

  /** Another issuer and payload header than the examples' defaults. */
  public static class ShopIssuer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.meshguard.issuers", "https://login.shop.test/realms/shop",
          "quarkus.meshguard.payload-header", "x-shop-claims");
    }
  }

  @Test
  void classAnnotationWhenRequestSentThenMintedFromTheApplicationsConfiguration() {
    given()
        .get("/api/v1/whoami")
        .then()
        .statusCode(200)
        .body("sub", equalTo("class-user"))
        .body("iss", equalTo("https://login.shop.test/realms/shop"));
  }

  @Test
  @WithMeshIdentity(claims = "role=api-admin", peer = "ns/api-system/sa/gateway")
  void methodAnnotationWhenClaimAndPeerThenRequirementsMet() {
    given().delete("/api/v1/orders/7").then().statusCode(204);
  }

  @Test
  @WithMeshIdentity(claims = "role=api-admin")
  void methodAnnotationWhenPeerMissingThenStillChecked403() {
    given().delete("/api/v1/orders/7").then().statusCode(403);
  }

  @Test
  @WithMeshIdentity(subject = "no-scopes")
  void methodAnnotationWhenScopeMissingThenStillChecked403() {
    given().get("/api/v1/orders").then().statusCode(403);
  }

  @Test
  @WithMeshIdentity(
      subject = "mesh-admin",
      scopes = {"orders:read", "admin"})
  void rolesAllowedWhenScopeIsTheRoleThen200() {
    given().get("/test-kit/roles-checked").then().statusCode(200).body(equalTo("mesh-admin"));
  }
}
