package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.Meshguard;
import io.meshguard.core.config.InvalidSettingException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code meshguard.mesh-manifests} with {@code alignment-check}: a mesh whose
 * RequestAuthentications forward the payload in another header than the one the application reads
 * stops the start ({@code error}, the default), or is only logged ({@code warn}).
 */
class AlignmentCheckStartTests {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MeshguardAutoConfiguration.class))
          .withPropertyValues(
              "meshguard.issuers=" + ISSUER,
              "meshguard.trust-domains=" + TRUST_DOMAIN,
              "meshguard.workload.namespace=api-system",
              "meshguard.workload.labels.app=orders");

  private static String misaligned() throws Exception {
    return Path.of(AlignmentCheckStartTests.class.getResource("/mesh/misaligned.yaml").toURI())
        .toString();
  }

  @Test
  void startWhenTheMeshForwardsAnotherHeaderThenFailsNamingTheFinding() throws Exception {
    runner
        .withPropertyValues("meshguard.mesh-manifests=" + misaligned())
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("Setting meshguard.mesh-manifests")
                    .hasMessageContaining("x-istio-jwt"));
  }

  @Test
  void startWhenAlignmentCheckWarnsThenStarts() throws Exception {
    runner
        .withPropertyValues(
            "meshguard.mesh-manifests=" + misaligned(), "meshguard.alignment-check=warn")
        .run(context -> assertThat(context).hasSingleBean(Meshguard.class));
  }
}
