package io.meshguard.quarkus.deployment;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code quarkus.meshguard.log-identity=true} the subject is in the MDC too. */
class LogIdentityOnTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(LogIdentityTests.MdcResource.class, LogIdentityTests.class)
          .overrideConfigKey("quarkus.meshguard.log-identity", "true");

  @Test
  void mdcWhenLogIdentityOnThenSubjectAndPeer() {
    LogIdentityTests.callAndExpect("subject=alice peer=" + GATEWAY);
  }
}
