package io.meshguard.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.core.Meshguard;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.meshguard.enabled=false}: nothing of meshguard is installed, not even config. */
class DisabledExtensionTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      new QuarkusUnitTest()
          .withApplicationRoot(jar -> jar.addClass(OpenResource.class))
          .overrideConfigKey("quarkus.meshguard.enabled", "false");

  /** A resource with a meshguard annotation that is not enforced while disabled. */
  @Path("/open")
  public static class OpenResource {
    @GET
    @io.meshguard.core.annotation.RequireScopes("never:granted")
    public String open() {
      return "open";
    }
  }

  @Test
  void disabledWhenRequestWithoutIdentityThenPassesUnchecked() {
    given().get("/open").then().statusCode(200).body(equalTo("open"));
  }

  @Test
  void disabledWhenLookingForTheGuardThenNoneIsInstalled() {
    assertThat(Arc.container().instance(Meshguard.class).isAvailable()).isFalse();
  }
}
