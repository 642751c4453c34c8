package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.FailingBuilds.failingBuild;

import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build fails with a message naming the problem. */
class BuildFailsOnMisplacedAnnotationTests {
  @RegisterExtension
  static final QuarkusUnitTest APP =
      failingBuild(Helper.class, "@RequireScopes on", "Helper#work", "not a Quarkus REST");

  /** A bean method: meshguard only guards resource methods. */
  public static class Helper {
    @RequireScopes("a")
    public String work() {
      return "";
    }
  }

  @Test
  void annotationOffAResourceMethodWhenBuildingThenFails() {}
}
