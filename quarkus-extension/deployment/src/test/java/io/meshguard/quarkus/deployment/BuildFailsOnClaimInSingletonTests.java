package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @Claim String} in a resource without a scope (a singleton in Quarkus REST) would keep
 * the first caller's claim for every caller: the build fails, naming it.
 */
class BuildFailsOnClaimInSingletonTests {

  /** A singleton resource holding a claim read once. */
  @Path("/leaky")
  public static class LeakyResource {
    @Inject
    @Claim("tenant")
    String tenant;

    @GET
    public String tenant() {
      return tenant;
    }
  }

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(LeakyResource.class)
          .assertException(
              Fixtures.startFailureSaying(
                  "@Claim java.lang.String", "LeakyResource", "make the bean @RequestScoped"));

  @Test
  void claimWhenInjectedIntoASingletonResourceThenTheBuildFails() {}
}
