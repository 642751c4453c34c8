package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.testkit.MeshHeaders;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Roles from Keycloak's {@code realm_access.roles} drive {@code @RolesAllowed}, and {@code
 * preferred_username} names the principal.
 */
class RolesAndPrincipalTests {

  /** A resource that needs the {@code admin} role. */
  @Path("/admin")
  public static class AdminResource {
    @Inject SecurityIdentity identity;

    @GET
    @RolesAllowed("admin")
    public String admin() {
      return identity.getPrincipal().getName();
    }
  }

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(AdminResource.class)
          .overrideConfigKey("quarkus.meshguard.roles.claims", "[realm_access][roles]")
          .overrideConfigKey("quarkus.meshguard.principal-claim", "preferred_username");

  @Test
  void rolesAllowedWhenTheRoleClaimCarriesTheRoleThenAllowedAndNamed() {
    given()
        .header(
            PAYLOAD,
            MeshHeaders.payload(
                Fixtures.alice()
                    .claim("preferred_username", "alice.smith")
                    .claim("realm_access", Map.of("roles", List.of("admin")))))
        .get("/admin")
        .then()
        .statusCode(200)
        .body(equalTo("alice.smith"));
  }

  @Test
  void rolesAllowedWhenNoRoleClaimThen403() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice().claim("roles", List.of("admin"))))
        .get("/admin")
        .then()
        .statusCode(403);
  }
}
