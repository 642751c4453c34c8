package io.meshguard.quarkus.deployment;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** By default no subject reaches the MDC; the peer does. */
class LogIdentityOffTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(LogIdentityTests.MdcResource.class, LogIdentityTests.class);

  @Test
  void mdcWhenLogIdentityOffThenPeerButNoSubject() {
    LogIdentityTests.callAndExpect("subject=null peer=" + GATEWAY);
  }
}
