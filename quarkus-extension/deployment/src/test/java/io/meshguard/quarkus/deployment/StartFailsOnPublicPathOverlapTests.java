package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A public path that also matches a resource method with requirements stops the start. */
class StartFailsOnPublicPathOverlapTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.meshguard.public-paths", "/api/v1/**")
          .assertException(
              Fixtures.startFailureSaying(
                  "The public path /api/v1/** also matches", "OrdersResource"));

  @Test
  void publicPathWhenItMatchesAResourceMethodWithRequirementsThenTheStartFails() {}
}
