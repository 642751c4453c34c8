package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainIT {

  private static final String GATEWAY = "spiffe://cluster.local/ns/api-system/sa/gateway";
  private static final String NOW = "2026-12-02T12:00:00Z";
  // 2030-01-01T00:00:00Z: valid at NOW
  private static final String ALICE =
      "{\"iss\":\"https://auth.example.com\",\"sub\":\"alice\",\"scope\":\"orders:read\","
          + "\"exp\":1893456000}";

  private static List<String> explain(String method, String path) {
    List<String> args = new ArrayList<>(List.of("explain", method, path));
    args.addAll(Cli.ORDERS);
    args.addAll(List.of("--now", NOW));
    return args;
  }

  @Test
  void explainWhenThePolicyAllowsThenAllowedWithTheRuleAndIdentityExit0() {
    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--claims", ALICE, "--peer", GATEWAY);

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "GET /api/v1/orders",
                "ALLOWED",
                "  payload: passed",
                "  claims: passed",
                "  peer: noted (" + GATEWAY + ")",
                "  policy: passed (allowed: ALLOW api-system/orders-api rule 1 matched)",
                "identity: subject alice, issuer https://auth.example.com, scopes [orders:read],"
                    + " peer "
                    + GATEWAY,
                ""));
  }

  @Test
  void explainWhenNoAllowRuleMatchesThenDeniedWithEachRulesMismatchAndTheResponseExit3() {
    Cli.Run run =
        Cli.run(
            explain("DELETE", "/api/v1/orders/7"),
            "--claims",
            "{\"iss\":\"https://auth.example.com\",\"sub\":\"bob\",\"role\":\"user\","
                + "\"exp\":1893456000}",
            "--peer",
            GATEWAY);

    assertThat(run.exit()).as("%s", run).isEqualTo(3);
    assertThat(run.out())
        .contains("DENIED POLICY_DENIED (403 Forbidden): Denied by mesh authorization policy")
        .contains("  policy: failed (denied: no ALLOW policy rule matched)")
        .contains("    ALLOW api-system/orders-api rule 0: to did not match")
        .contains(
            "    ALLOW api-system/orders-api rule 2: when request.auth.claims[role] did not match")
        .contains("  status: 403")
        .contains(
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Denied by mesh authorization policy\"}")
        .doesNotContain("bob", "WWW-Authenticate");
  }

  @Test
  void explainWhenAScopeIsRequiredAndMissingThenTheRfc6750Challenge() {
    Cli.Run run =
        Cli.run(
            explain("GET", "/api/v1/orders"),
            "--claims",
            ALICE,
            "--require",
            "scopes=orders:write");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out())
        .contains("DENIED INSUFFICIENT_SCOPE (403 Forbidden)")
        .contains("needs one of the scopes [orders:write]")
        .contains(
            "  WWW-Authenticate: Bearer error=\"insufficient_scope\", error_description=\"Insufficient"
                + " scope for mesh routing\", scope=\"orders:write\"");
  }

  @Test
  void explainWhenJsonThenDecisionStepsAndResponseAsFields() {
    Cli.Run run =
        Cli.run(
            explain("GET", "/api/v1/orders"),
            "--claims",
            ALICE,
            "--peer",
            "spiffe://cluster.local/ns/sandbox/sa/gateway",
            "--format",
            "json");

    assertThat(run.exit()).as("%s", run).isEqualTo(3);
    JsonNode json = run.json();
    assertThat(json.get("request").get("method").textValue()).isEqualTo("GET");
    assertThat(json.get("allowed").booleanValue()).isFalse();
    assertThat(json.get("code").textValue()).isEqualTo("POLICY_DENIED");
    assertThat(json.get("steps").findValuesAsText("check"))
        .containsExactly("payload", "claims", "peer", "policy");
    JsonNode policy = json.get("steps").get(3);
    assertThat(policy.get("outcome").textValue()).isEqualTo("failed");
    assertThat(policy.get("detail").textValue())
        .isEqualTo("denied: DENY api-system/no-sandbox rule 0 matched");
    assertThat(json.get("response").get("status").intValue()).isEqualTo(403);
    assertThat(json.get("response").get("wwwAuthenticate").isNull()).isTrue();
    assertThat(json.get("response").get("contentType").textValue())
        .isEqualTo("application/problem+json");
  }

  @Test
  void explainWhenThePayloadHeaderValueIsGivenThenItIsDecodedAsTheSidecarSendsIt() {
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(ALICE.getBytes());

    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--payload", payload);

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("identity: subject alice");
  }

  @Test
  void explainWhenClaimsComeFromAFileThenReadFromIt(@TempDir Path dir) throws Exception {
    Path claims = dir.resolve("claims.json");
    Files.writeString(claims, ALICE);

    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--claims", "@" + claims);

    assertThat(run.exit()).as("%s", run).isZero();
  }

  @Test
  void explainWhenTheTokenHasExpiredAtNowThenInvalidToken() {
    Cli.Run run =
        Cli.run(
            "explain",
            "GET",
            "/api/v1/orders",
            "--mesh-manifests",
            Cli.EXAMPLES_MESH,
            "--workload-namespace",
            "api-system",
            "--workload-label",
            "app=orders",
            "--claims",
            ALICE,
            "--now",
            "2031-01-01T00:00:00Z");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).contains("DENIED INVALID_TOKEN (401 Unauthorized)", "claims: failed");
  }

  @Test
  void explainWhenThePayloadIsNotBase64urlThenMeshguardsInvalidRequestExit3() {
    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--payload", "not base64!");

    assertThat(run.exit()).as("%s", run).isEqualTo(3);
    assertThat(run.out())
        .contains("DENIED INVALID_REQUEST (400 Bad Request): Malformed mesh identity payload")
        .contains("  payload: failed (the header value is not strict base64url)")
        .contains(
            "  WWW-Authenticate: Bearer error=\"invalid_request\","
                + " error_description=\"Malformed mesh identity payload\"");
  }

  @Test
  void explainWhenTheClaimsFileIsMissingThenInputErrorExit4() {
    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--claims", "@no/such.json");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err())
        .isEqualTo(
            "meshguard explain: cannot read the claims: no such file: no/such.json"
                + System.lineSeparator());
  }

  @Test
  void explainWhenClaimsAndPayloadTogetherThenUsageErrorExit2() {
    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--claims", ALICE, "--payload", "e30");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void explainWhenARequirementWordIsUnknownThenUsageErrorNamingIt() {
    Cli.Run run = Cli.run(explain("GET", "/api/v1/orders"), "--require", "scope=orders:read");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--require: Unknown route requirement key 'scope'" + System.lineSeparator());
  }

  @Test
  void explainWhenTheManifestsHoldAPolicyMeshguardRefusesThenInputErrorNamingIt(@TempDir Path dir)
      throws Exception {
    Path policy = dir.resolve("custom.yaml");
    Files.writeString(
        policy,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ext\n"
            + "spec:\n  action: CUSTOM\n  provider:\n    name: opa\n");

    Cli.Run run =
        Cli.run(
            "explain",
            "GET",
            "/",
            "--mesh-manifests",
            policy.toString(),
            "--workload-namespace",
            "api-system",
            "--issuers",
            "https://auth.example.com");

    assertThat(run.exit()).as("%s", run).isEqualTo(4);
    assertThat(run.err())
        .startsWith(
            "meshguard explain: the mesh manifests cannot be loaded: " + policy + ": document 1")
        .contains("spec.action: CUSTOM needs an external authorizer");
  }

  @Test
  void explainWhenNoIssuerAnywhereThenUsageErrorNamingTheOption(@TempDir Path dir)
      throws Exception {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "# nothing\n");

    Cli.Run run =
        Cli.run(
            "explain",
            "GET",
            "/",
            "--mesh-manifests",
            empty.toString(),
            "--workload-namespace",
            "ns");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--issuers is required");
  }
}
