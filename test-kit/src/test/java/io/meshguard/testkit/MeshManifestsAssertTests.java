package io.meshguard.testkit;

import static io.meshguard.testkit.MeshguardAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.mesh.ApplicationTrust;
import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.policy.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshManifestsAssertTests {

  private static final Workload ORDERS = Workload.of("api-system", Map.of("app", "orders"));

  private static ApplicationTrust trust(String payloadHeader) {
    return ApplicationTrust.of(List.of(MeshFixtures.ISSUER), List.of(), payloadHeader, true, true);
  }

  @Test
  void isAlignedWithWhenTheExamplesMeshThenPasses() throws Exception {
    assertThat(MeshManifests.read(Path.of("../examples/mesh")))
        .isAlignedWith(ORDERS, 8080, trust("x-jwt-payload"));
  }

  @Test
  void isAlignedWithWhenAnotherPayloadHeaderThenFailsListingTheFinding() throws Exception {
    MeshManifests mesh = MeshManifests.read(Path.of("../examples/mesh"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(mesh).isAlignedWith(ORDERS, 8080, trust("x-istio-jwt")))
        .withMessageContaining("protect the headers the application trusts")
        .withMessageContaining("x-istio-jwt");
  }
}
