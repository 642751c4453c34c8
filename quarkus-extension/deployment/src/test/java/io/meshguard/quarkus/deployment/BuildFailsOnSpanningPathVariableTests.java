package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnSpanningPathVariableTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Resource.class, "may match '/' in the middle of the path");

  @Path("/files")
  public static class Resource {
    @GET
    @Path("{path: .+}/meta")
    public String meta() {
      return "";
    }
  }

  @Test
  void variableThatMaySpanSegmentsWhenBuildingThenFails() {}
}
