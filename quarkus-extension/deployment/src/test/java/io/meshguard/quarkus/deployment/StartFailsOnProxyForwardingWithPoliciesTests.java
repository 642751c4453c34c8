package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus' {@code enable-forwarded-host} rewrites {@code Host} from a client-sent {@code
 * X-Forwarded-Host} before meshguard runs, so with a policy file it stops the start rather than let
 * policy {@code hosts} match a value the client chose.
 */
class StartFailsOnProxyForwardingWithPoliciesTests {

  static final String HOSTS_POLICY =
      "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: h}\n"
          + "spec:\n  action: DENY\n  rules:\n  - to: [{operation: {hosts: [evil.example]}}]\n";

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey(
              "quarkus.meshguard.policy-file",
              Fixtures.tempFile("hosts-policy", HOSTS_POLICY).toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
          .assertException(
              Fixtures.startFailureSaying(
                  "meshguard policies (quarkus.meshguard.policy-file) cannot be used with"
                      + " quarkus.http.proxy.proxy-address-forwarding=true",
                  "Switch quarkus.http.proxy.proxy-address-forwarding off"));

  @Test
  void proxyForwardingWhenPoliciesAreLoadedThenTheStartFails() {}
}
