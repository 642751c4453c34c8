package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus' {@code allow-forwarded} rewrites {@code Host} from the host of a client-sent {@code
 * Forwarded} header before meshguard runs, so with a policy file it stops the start.
 */
class StartFailsOnForwardedHeaderWithPoliciesTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey(
              "quarkus.meshguard.policy-file",
              Fixtures.tempFile(
                      "hosts-policy", StartFailsOnForwardedHostWithPoliciesTests.HOSTS_POLICY)
                  .toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
          .overrideConfigKey("quarkus.http.proxy.allow-forwarded", "true")
          .assertException(
              Fixtures.startFailureSaying(
                  "quarkus.meshguard.policy-file cannot be used with"
                      + " quarkus.http.proxy.allow-forwarded=true"));

  @Test
  void forwardedHeaderWhenPoliciesAreLoadedThenTheStartFails() {}
}
