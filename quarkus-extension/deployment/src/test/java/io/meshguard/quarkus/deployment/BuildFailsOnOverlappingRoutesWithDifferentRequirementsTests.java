package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.RequirePeer;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two resource methods whose paths overlap and that need different things: meshguard cannot tell
 * which one Quarkus picks, so the build fails naming both.
 */
class BuildFailsOnOverlappingRoutesWithDifferentRequirementsTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(
          Resource.class,
          "meshguard cannot tell which of",
          "Resource#byId",
          "Resource#byKey",
          "they need different things");

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
    @RequirePeer(namespaces = "other")
    public String byKey(@PathParam("key") String key) {
      return "key";
    }
  }

  @Test
  void overlappingMethodsWhenDifferentRequirePeerThenBuildFails() {}
}
