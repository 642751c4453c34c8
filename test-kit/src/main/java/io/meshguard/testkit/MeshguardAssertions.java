package io.meshguard.testkit;

import io.meshguard.core.Meshguard;
import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.route.RouteTable;

/**
 * Entry points for AssertJ assertions on Istio policies and on a whole guard.
 *
 * <pre>{@code
 * import static io.meshguard.testkit.MeshguardAssertions.assertThat;
 * import static io.meshguard.testkit.TestRequest.request;
 *
 * PolicySet policy = PolicySet.load(Path.of("mesh/authz.yaml"), Workload.of("api-system", Map.of("app", "orders")));
 * assertThat(policy).allows(request().get("/api/v1/orders").peer("spiffe://cluster.local/ns/api-system/sa/gateway"));
 * assertThat(policy).denies(request().delete("/api/v1/orders/1")).matched("DENY api-system/no-delete rule 0");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshguardAssertions {

  private MeshguardAssertions() {}

  /** Assertions on the policies that apply to one workload. */
  public static PolicySetAssert assertThat(PolicySet policies) {
    return new PolicySetAssert(policies);
  }

  /** Assertions on mesh manifests: whether they protect what an application trusts. */
  public static MeshManifestsAssert assertThat(MeshManifests manifests) {
    return new MeshManifestsAssert(manifests);
  }

  /** Assertions on a guard and its routes: the whole decision from forwarded headers. */
  public static GuardAssert assertThat(Meshguard guard, RouteTable routes) {
    return new GuardAssert(guard, routes);
  }
}
