package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.RequirePeer;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnMalformedPeerIdTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Resource.class, "Invalid @RequirePeer on", "Resource#peer");

  @Path("/peer")
  public static class Resource {
    @GET
    @RequirePeer(ids = "spiffe://Cluster.Local/ns/a/sa/b")
    public String peer() {
      return "";
    }
  }

  @Test
  void malformedSpiffeIdWhenBuildingThenFailsNamingTheMethod() {}
}
