package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnEmptyScopesTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Resource.class, "Invalid @RequireScopes on", "Resource#scopes");

  @Path("/scopes")
  public static class Resource {
    @GET
    @RequireScopes({})
    public String scopes() {
      return "";
    }
  }

  @Test
  void emptyScopeListWhenBuildingThenFailsNamingTheMethod() {}
}
