package io.meshguard.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.meshguard.mesh-manifests}: a mesh whose RequestAuthentications forward the payload
 * in another header than the one the application reads stops the start (alignment-check=error).
 */
class StartFailsOnMisalignedMeshTests {

  private static final String MISALIGNED =
      "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\n"
          + "metadata: {name: jwt, namespace: api-system}\n"
          + "spec:\n  selector: {matchLabels: {app: orders}}\n"
          + "  jwtRules:\n  - issuer: https://auth.example.com\n"
          + "    outputPayloadToHeader: x-istio-jwt\n";

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey(
              "quarkus.meshguard.mesh-manifests",
              Fixtures.tempFile("misaligned", MISALIGNED).toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.meshguard.workload.labels.app", "orders")
          .assertException(
              Fixtures.startFailureSaying(
                  "Setting quarkus.meshguard.mesh-manifests", "x-istio-jwt"));

  @Test
  void meshWhenItForwardsAnotherHeaderThenTheStartFails() {}
}
