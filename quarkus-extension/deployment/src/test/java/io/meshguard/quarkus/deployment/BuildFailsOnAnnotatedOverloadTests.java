package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An annotated overload of a resource method is not itself one: the build fails. */
class BuildFailsOnAnnotatedOverloadTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Resource.class, "@RequireScopes on", "Resource#work", "not a Quarkus REST");

  @Path("/work")
  public static class Resource {
    @GET
    public String work() {
      return work("");
    }

    @RequireScopes("a")
    public String work(String input) {
      return input;
    }
  }

  @Test
  void annotatedOverloadWhenBuildingThenFails() {}
}
