package io.meshguard.testkit;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static io.meshguard.testkit.MeshguardAssertions.assertThat;
import static io.meshguard.testkit.TestRequest.request;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.ErrorCode;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyDecision;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshguardAssertionsTests {

  private static final PolicySet POLICY =
      PolicySet.load(
          "apiVersion: security.istio.io/v1\n"
              + "kind: AuthorizationPolicy\n"
              + "metadata: {name: orders}\n"
              + "spec:\n"
              + "  rules:\n"
              + "  - from: [{source: {principals: [cluster.local/ns/api-system/sa/gateway]}}]\n"
              + "    to: [{operation: {methods: [GET], paths: [/api/v1/orders]}}]\n",
          Workload.of("api-system", Map.of()));

  @Test
  void allowsWhenPolicyAllowsThenPassesAndNamesTheRule() {
    assertThat(POLICY)
        .allows(request().get("/api/v1/orders").scopes("orders:read").peer(GATEWAY))
        .matched("ALLOW api-system/orders rule 0")
        .hasReason(PolicyDecision.Reason.ALLOW_MATCHED);
  }

  @Test
  void allowsWhenPolicyDeniesThenFailureSaysWhy() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(
            () -> assertThat(POLICY).allows(request().delete("/api/v1/orders").peer(GATEWAY)))
        .withMessageContaining("to allow")
        .withMessageContaining("DELETE /api/v1/orders")
        .withMessageContaining("denied: no ALLOW policy rule matched")
        .withMessageContaining("ALLOW api-system/orders rule 0: to did not match");
  }

  @Test
  void deniesWhenPolicyAllowsThenFails() {
    assertThat(POLICY).denies(request().get("/api/v1/orders"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(POLICY).denies(request().get("/api/v1/orders").peer(GATEWAY)))
        .withMessageContaining(
            "but they allowed it: allowed: ALLOW api-system/orders rule 0 matched");
  }

  @Test
  void guardAssertionsWhenWholeDecisionThenCodesAndExplanations() {
    Meshguard guard =
        Meshguard.builder()
            .claimsValidator(ClaimsValidator.builder().issuers(TestRequest.DEFAULT_ISSUER).build())
            .xfcc(XfccPeerResolver.builder().trustDomains(TRUST_DOMAIN).build())
            .policies(POLICY)
            .build();
    RouteTable routes =
        RouteTable.builder()
            .route("GET /api/v1/orders scopes=orders:read")
            .route("DELETE /api/v1/orders/{id} claim.role=api-admin")
            .unmatched(Unmatched.NOT_FOUND)
            .build();

    assertThat(guard, routes)
        .allows(request().get("/api/v1/orders").scopes("orders:read").peer(GATEWAY));
    assertThat(guard, routes)
        .deniesWith(ErrorCode.INSUFFICIENT_SCOPE, request().get("/api/v1/orders").peer(GATEWAY))
        .failedAt("scopes any of [orders:read]");
    assertThat(guard, routes)
        .deniesWith(ErrorCode.POLICY_DENIED, request().get("/api/v1/orders").scopes("orders:read"))
        .failedAt("policy")
        .explanationContains("no ALLOW policy rule matched");
    assertThat(guard, routes)
        .deniesWith(ErrorCode.MISSING_CREDENTIALS, request().get("/api/v1/orders").anonymous());
    assertThat(guard, routes).deniesWith(ErrorCode.NOT_FOUND, request().get("/elsewhere"));
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(
            () ->
                assertThat(guard, routes)
                    .deniesWith(ErrorCode.NOT_FOUND, request().get("/api/v1/orders")))
        .withMessageContaining(
            "to be denied with NOT_FOUND but it was denied POLICY_DENIED: payload: passed");
  }
}
