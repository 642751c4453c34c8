package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnPublicWithRequireTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Resource.class, "@PublicEndpoint on", "conflicts with its @Require");

  @Path("/both")
  public static class Resource {
    @GET
    @PublicEndpoint
    @RequireScopes("a")
    public String both() {
      return "";
    }
  }

  @Test
  void publicAndRequireOnOneMethodWhenBuildingThenFails() {}
}
