package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A variable whose expression matches '/' without spelling it ({@code [!-0]} is a range that holds
 * it) fails the build too, naming the class that matches.
 */
class BuildFailsOnPunctuationPathVariableTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(
          Resource.class,
          "the path variable {name: [!-0]+} may match '/' in the middle of the path",
          "'[!-0]' matches '/'");

  @Path("/files")
  public static class Resource {
    @GET
    @Path("{name: [!-0]+}/meta")
    public String meta() {
      return "";
    }
  }

  @Test
  void variableWhoseRangeHoldsSlashWhenBuildingThenFails() {}
}
