package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy file that cannot be loaded stops the start, naming the key, document and field. */
class StartFailsOnBadPolicyFileTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.meshguard.policy-file", badPolicy().toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .assertException(
              Fixtures.startFailureSaying(
                  "Setting quarkus.meshguard.policy-file",
                  "document 1 (AuthorizationPolicy api-system/ips), line 6,",
                  "spec.rules[0].from[0].source.ipBlocks"));

  private static Path badPolicy() {
    return Fixtures.tempFile(
        "bad-policy",
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ips}\n"
            + "spec:\n  rules:\n  - from: [{source: {ipBlocks: [10.0.0.0/8]}}]\n");
  }

  @Test
  void badPolicyFileWhenStartingThenFailsNamingDocumentAndField() {}
}
