package io.meshguard.testkit;

import io.meshguard.core.mesh.AlignmentCheck;
import io.meshguard.core.mesh.ApplicationTrust;
import io.meshguard.core.mesh.Finding;
import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.policy.Workload;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a team's mesh manifests: that they protect the headers an application trusts.
 *
 * <pre>{@code
 * MeshManifests mesh = MeshManifests.read(Path.of("mesh"));
 * assertThat(mesh)
 *     .isAlignedWith(
 *         Workload.of("api-system", Map.of("app", "orders")),
 *         8080,
 *         ApplicationTrust.of(List.of("https://auth.example.com"), List.of(), "x-jwt-payload", true, true));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshManifestsAssert extends AbstractAssert<MeshManifestsAssert, MeshManifests> {

  MeshManifestsAssert(MeshManifests actual) {
    super(actual, MeshManifestsAssert.class);
  }

  /**
   * Fails, listing every finding, when the manifests give an error finding for this workload and
   * trust (the start would fail with {@code alignment-check=error}).
   *
   * @param workload the workload (namespace, labels)
   * @param port the application's port, or 0 when unknown
   * @param trust what the application accepts
   */
  public MeshManifestsAssert isAlignedWith(Workload workload, int port, ApplicationTrust trust) {
    return check(workload, port, trust, false);
  }

  /** As {@link #isAlignedWith}, and fails on warnings too. */
  public MeshManifestsAssert isStrictlyAlignedWith(
      Workload workload, int port, ApplicationTrust trust) {
    return check(workload, port, trust, true);
  }

  private MeshManifestsAssert check(
      Workload workload, int port, ApplicationTrust trust, boolean warningsFail) {
    isNotNull();
    List<Finding> findings = new AlignmentCheck(workload, port, trust).check(actual);
    boolean failed = warningsFail ? !findings.isEmpty() : AlignmentCheck.hasErrors(findings);
    if (failed) {
      failWithMessage(
          "Expected the mesh manifests to protect the headers the application trusts, but:%n  %s",
          findings.stream().map(Finding::format).collect(Collectors.joining("%n  ")));
    }
    return this;
  }
}
