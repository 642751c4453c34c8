package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.PublicEndpoint;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnPublicWithRolesAllowedTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(
          Resource.class, "@PublicEndpoint on", "Resource#open", "Quarkus security annotation");

  @Path("/open")
  @RolesAllowed("admin")
  public static class Resource {
    @GET
    @PublicEndpoint
    public String open() {
      return "";
    }
  }

  @Test
  void publicUnderClassRolesAllowedWhenBuildingThenFails() {}
}
