package io.meshguard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.Meshguard;
import io.meshguard.core.config.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code meshguard.trust-from-mesh}: the issuers, their audiences and the payload header come from
 * the RequestAuthentications in {@code meshguard.mesh-manifests} that select the workload.
 */
class TrustFromMeshTests {

  private static final String MESH =
      """
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: tenants, namespace: api-system}
      spec:
        selector:
          matchLabels: {app: orders}
        jwtRules:
        - issuer: https://a.example.com
          audiences: [orders-a]
          outputPayloadToHeader: x-istio-jwt
        - issuer: https://b.example.com
          outputPayloadToHeader: x-istio-jwt
      """;

  @TempDir Path dir;

  private WebApplicationContextRunner runner() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, MESH);
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
        .withPropertyValues(
            "meshguard.trust-from-mesh=true",
            "meshguard.mesh-manifests=" + mesh,
            "meshguard.peer-source=none",
            "meshguard.workload.namespace=api-system",
            "meshguard.workload.labels.app=orders");
  }

  @Test
  void trustFromMeshWhenSetThenTheGuardReadsTheMeshsHeaderWithItsIssuersAndAudiences()
      throws Exception {
    runner()
        .run(
            context -> {
              Meshguard guard = context.getBean(Meshguard.class);
              assertThat(guard.payloadHeader()).isEqualTo("x-istio-jwt");
              assertThat(guard.claimsValidator().audiences("https://a.example.com"))
                  .containsExactly("orders-a");
              // no audiences in the mesh: any aud, as at the sidecar
              assertThat(guard.claimsValidator().audiences("https://b.example.com")).isEmpty();
              assertThat(guard.claimsValidator().issuers())
                  .containsExactly("https://a.example.com", "https://b.example.com");
            });
  }

  @Test
  void trustFromMeshWhenIssuersAlsoSetThenStartFailsNamingTheKey() throws Exception {
    runner()
        .withPropertyValues("meshguard.issuers=https://a.example.com")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("Setting meshguard.trust-from-mesh takes the issuers"));
  }
}
