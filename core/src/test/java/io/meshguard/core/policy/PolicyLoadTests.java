package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What fails a load (fail closed, naming document, line and field) and what is ignored. */
class PolicyLoadTests {

  private static final Workload ORDERS = Workload.of("api-system", Map.of("app", "orders"));

  private static String authz(String spec) {
    return "apiVersion: security.istio.io/v1\n"
        + "kind: AuthorizationPolicy\n"
        + "metadata:\n"
        + "  name: p\n"
        + "spec:\n"
        + spec;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CUSTOM action|  action: CUSTOM\\n  provider:\\n    name: ext-authz\\n|line 6, spec.action: CUSTOM needs an external authorizer",
        "provider without CUSTOM|  provider:\\n    name: x\\n|line 7, spec.provider: belongs to action CUSTOM",
        "unknown action|  action: PERMIT\\n|line 6, spec.action: must be ALLOW, DENY or AUDIT",
        "targetRef|  targetRef:\\n    kind: Gateway\\n|line 7, spec.targetRef: cannot be evaluated truthfully",
        "targetRefs|  targetRefs:\\n  - kind: Service\\n|line 7, spec.targetRefs: cannot be evaluated truthfully",
        "unknown spec field|  rulez: []\\n|line 6, spec.rulez: unknown field",
        "ipBlocks|  rules:\\n  - from:\\n    - source:\\n        ipBlocks: [10.0.0.0/8]\\n|line 9, spec.rules[0].from[0].source.ipBlocks: cannot be evaluated truthfully",
        "notIpBlocks|  rules:\\n  - from:\\n    - source:\\n        notIpBlocks: [10.0.0.0/8]\\n|spec.rules[0].from[0].source.notIpBlocks: cannot be evaluated truthfully",
        "remoteIpBlocks|  rules:\\n  - from:\\n    - source:\\n        remoteIpBlocks: [1.2.3.4]\\n|spec.rules[0].from[0].source.remoteIpBlocks: cannot be evaluated truthfully",
        "source.ip key|  rules:\\n  - when:\\n    - key: source.ip\\n      values: [10.0.0.1]\\n|line 8, spec.rules[0].when[0].key: source.ip cannot be evaluated truthfully",
        "remote.ip key|  rules:\\n  - when:\\n    - key: remote.ip\\n      values: [10.0.0.1]\\n|spec.rules[0].when[0].key: remote.ip cannot be evaluated truthfully",
        "unknown when key|  rules:\\n  - when:\\n    - key: request.auth.claim[x]\\n      values: [a]\\n|spec.rules[0].when[0].key: unknown key request.auth.claim[x]",
        "claims without brackets|  rules:\\n  - when:\\n    - key: request.auth.claims\\n      values: [a]\\n|spec.rules[0].when[0].key: needs claim names in brackets",
        "when without values|  rules:\\n  - when:\\n    - key: request.auth.principal\\n|spec.rules[0].when[0]: needs values or notValues",
        "unknown when field|  rules:\\n  - when:\\n    - key: request.auth.principal\\n      value: [a]\\n|spec.rules[0].when[0].value: unknown field",
        "unknown rule field|  rules:\\n  - form: []\\n|spec.rules[0].form: unknown field",
        "unknown source field|  rules:\\n  - from:\\n    - source:\\n        principal: [a]\\n|spec.rules[0].from[0].source.principal: unknown field",
        "unknown operation field|  rules:\\n  - to:\\n    - operation:\\n        path: [/a]\\n|spec.rules[0].to[0].operation.path: unknown field",
        "serviceAccounts|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: [a/b]\\n|spec.rules[0].from[0].source.serviceAccounts: is not supported",
        "from item without source|  rules:\\n  - from:\\n    - principals: [a]\\n|spec.rules[0].from[0]: must hold exactly 'source'",
        "empty source|  rules:\\n  - from:\\n    - source: {}\\n|spec.rules[0].from[0].source: must set at least one field",
        "empty values|  rules:\\n  - to:\\n    - operation:\\n        paths: []\\n|spec.rules[0].to[0].operation.paths: needs at least one value",
        "star in the middle|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a*b']\\n|spec.rules[0].to[0].operation.paths: '*' may stand only at the start or the end",
        "bad port|  rules:\\n  - to:\\n    - operation:\\n        ports: ['http']\\n|spec.rules[0].to[0].operation.ports: a port is a number from 0 to 65535",
        "path without slash|  rules:\\n  - to:\\n    - operation:\\n        paths: [api]\\n|spec.rules[0].to[0].operation.paths: a path starts with '/' or '*'",
        "rules not a list|  rules: {}\\n|spec.rules: must be a list",
        "selector beyond matchLabels|  selector:\\n    matchExpressions: []\\n|spec.selector.matchExpressions: unknown field",
      })
  void loadWhenAuthorizationPartCannotBeEvaluatedThenFailsNamingDocumentLineAndField(
      String name, String spec, String message) {
    // CsvSource trims the value, and with it the first line's indentation.
    String yaml = authz("  " + spec.replace("\\n", "\n"));
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .satisfies(
            e -> {
              assertThat(e.getMessage())
                  .startsWith("document 1 (AuthorizationPolicy api-system/p), ")
                  .contains(message);
              assertThat(e.document()).isEqualTo(1);
            });
  }

  @Test
  void loadWhenUnknownKindUnderSecurityIstioIoThenFails() {
    String yaml =
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ok}\n---\n"
            + "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicyz\nmetadata:\n  name: typo\n";
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessage(
            "document 2 (AuthorizationPolicyz api-system/typo), line 6, kind: unknown kind under"
                + " security.istio.io");
  }

  @Test
  void loadWhenUnknownVersionOrTopLevelFieldOrBadYamlThenFails() {
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(
            () ->
                PolicySet.load(
                    "apiVersion: security.istio.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: p}\n",
                    ORDERS))
        .withMessageContaining("apiVersion: only security.istio.io/v1 and v1beta1 are read");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(authz("  {}\n") + "extra: 1\n", ORDERS))
        .withMessageContaining("extra: unknown field");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(authz("  rules: [\n"), ORDERS))
        .withMessageStartingWith("document 0, line ")
        .withMessageContaining("not valid YAML");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(authz("  action: ALLOW\n  action: DENY\n"), ORDERS))
        .withMessageContaining("duplicate key 'action'");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(
            () ->
                PolicySet.load(
                    "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n", ORDERS))
        .withMessageContaining("metadata: is required");
  }

  @Test
  void loadWhenKubectlOutputWithStatusAndMetadataThenLoads() {
    String yaml =
        "apiVersion: security.istio.io/v1beta1\n"
            + "kind: AuthorizationPolicy\n"
            + "metadata:\n"
            + "  name: orders\n"
            + "  namespace: api-system\n"
            + "  uid: 0b6c9a4e-1111-2222-3333-444455556666\n"
            + "  resourceVersion: \"12345\"\n"
            + "  generation: 3\n"
            + "  creationTimestamp: \"2026-01-01T00:00:00Z\"\n"
            + "  labels: {team: payments}\n"
            + "  annotations:\n"
            + "    kubectl.kubernetes.io/last-applied-configuration: '{}'\n"
            + "spec:\n"
            + "  selector: {matchLabels: {app: orders}}\n"
            + "  rules: [{}]\n"
            + "status:\n"
            + "  conditions: [{type: Ready, status: \"True\"}]\n";
    assertThat(PolicySet.load(yaml, ORDERS).policyIds()).containsExactly("api-system/orders");
  }

  @Test
  void loadWhenOtherApiGroupsAndPeerAuthenticationThenSkipped() {
    String yaml =
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec: {hosts: [x], whatever: true}\n"
            + "---\n"
            + "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw}\n"
            + "---\n"
            + "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: strict}\nspec: {mtls: {mode: STRICT}}\n"
            + "---\n"
            + "---\n";
    PolicySet set = PolicySet.load(yaml, ORDERS);
    assertThat(set.policyIds()).isEmpty();
    assertThat(set.isEmpty()).isTrue();
  }

  @Test
  void loadWhenRequestAuthenticationThenRulesOfferedAndOtherFieldsIgnored() {
    String yaml =
        "apiVersion: security.istio.io/v1\n"
            + "kind: RequestAuthentication\n"
            + "metadata: {name: jwt}\n"
            + "spec:\n"
            + "  selector: {matchLabels: {app: orders}}\n"
            + "  jwtRules:\n"
            + "  - issuer: https://auth.example.com\n"
            + "    jwksUri: https://auth.example.com/.well-known/jwks.json\n"
            + "    audiences: [orders]\n"
            + "    outputPayloadToHeader: X-JWT-Payload\n"
            + "    fromHeaders: [{name: Authorization, prefix: 'Bearer '}]\n"
            + "    forwardOriginalToken: false\n";
    assertThat(PolicySet.load(yaml, ORDERS).requestAuthentications())
        .containsExactly(
            new RequestAuthenticationRule(
                "https://auth.example.com", List.of("orders"), "x-jwt-payload"));
  }

  @Test
  void loadWhenAnErrorIsInAPolicyForAnotherWorkloadThenStillFails() {
    String yaml =
        authz("  selector: {matchLabels: {app: billing}}\n  action: CUSTOM\n")
            .replace("  name: p", "  name: p\n  namespace: billing");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS));
  }

  @Test
  void loadWhenFileThenReadsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, authz("  rules: [{}]\n"));
    assertThat(PolicySet.load(file, ORDERS).policyIds()).containsExactly("api-system/p");
  }
}
