package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.meshguard.quarkus.deployment.Fixtures.XFCC;
import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.testkit.MeshHeaders;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two resource methods whose paths overlap but that need the same thing (equal requirements, each
 * built from its own annotation) are not a conflict: the build succeeds and both are guarded.
 */
class OverlappingRoutesWithEqualRequirementsTests {

  @RegisterExtension static final QuarkusUnitTest APP = Fixtures.app(Resource.class);

  @Path("/items")
  public static class Resource {
    @GET
    @Path("{id}")
    @RequirePeer(namespaces = "api-system")
    public String byId(@PathParam("id") String id) {
      return "id";
    }

    @GET
    @Path("{key: [a-z]+}")
    @RequirePeer(namespaces = "api-system")
    public String byKey(@PathParam("key") String key) {
      return "key";
    }
  }

  private static String payload() {
    return MeshHeaders.payload(Fixtures.alice());
  }

  @Test
  void overlappingMethodsWhenSameRequirePeerThenBuildSucceedsAndBothAreGuarded() {
    given()
        .header(PAYLOAD, payload())
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .get("/items/abc")
        .then()
        .statusCode(200)
        .body(equalTo("key"));
    given()
        .header(PAYLOAD, payload())
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .get("/items/7")
        .then()
        .statusCode(200)
        .body(equalTo("id"));
    given()
        .header(PAYLOAD, payload())
        .header(XFCC, MeshHeaders.xfcc(SELF, "spiffe://cluster.local/ns/other/sa/gateway"))
        .get("/items/abc")
        .then()
        .statusCode(403);
    given()
        .header(PAYLOAD, payload())
        .header(XFCC, MeshHeaders.xfcc(SELF, "spiffe://cluster.local/ns/other/sa/gateway"))
        .get("/items/7")
        .then()
        .statusCode(403);
  }
}
