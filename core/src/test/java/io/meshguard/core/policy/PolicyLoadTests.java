package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

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
        "targetRef|  targetRef:\\n    kind: Gateway\\n|line 7, spec.targetRef: attaches the policy to a gateway, waypoint or service, never to the sidecar",
        "targetRefs|  targetRefs:\\n  - kind: Service\\n|line 7, spec.targetRefs: attaches the policy to a gateway, waypoint or service, never to the sidecar",
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
        "from item without source|  rules:\\n  - from:\\n    - principals: [a]\\n|spec.rules[0].from[0]: must hold exactly 'source'",
        "empty source|  rules:\\n  - from:\\n    - source: {}\\n|spec.rules[0].from[0].source: must set at least one field",
        "empty values|  rules:\\n  - to:\\n    - operation:\\n        paths: []\\n|spec.rules[0].to[0].operation: must set at least one field",
        "bad port|  rules:\\n  - to:\\n    - operation:\\n        ports: ['http']\\n|spec.rules[0].to[0].operation.ports: a port is a number from 0 to 65535",
        "path without slash|  rules:\\n  - to:\\n    - operation:\\n        paths: [api]\\n|spec.rules[0].to[0].operation.paths: a path starts with '/' or '*'",
        "operator after {**} (security.go CheckValidPathTemplate)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a/{**}/b/{*}']\\n|spec.rules[0].to[0].operation.paths: a path template may not have {*} or {**} after {**}",
        "{**} twice (security.go CheckValidPathTemplate)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/{**}/{**}']\\n|spec.rules[0].to[0].operation.paths: a path template may not have {*} or {**} after {**}",
        "literal outside pchar (security.go IsValidLiteral)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a*/{*}']\\n|spec.rules[0].to[0].operation.paths: a path template's other segments may hold only",
        "empty segment in a template (security.go IsValidLiteral)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a//{*}']\\n|spec.rules[0].to[0].operation.paths: a path template's other segments may hold only",
        "equals sign in a template (uri_template_internal.cc kLiteral)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a=b/{*}']\\n|spec.rules[0].to[0].operation.paths: Envoy refuses '=' in a path template",
        "template starting with // (uri_template_internal.cc parseURLPatternSyntax)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['//a/{*}']\\n|spec.rules[0].to[0].operation.paths: Envoy refuses empty segments in a path template",
        "template ending with // (uri_template_internal.cc parseURLPatternSyntax)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a/{*}//']\\n|spec.rules[0].to[0].operation.paths: Envoy refuses empty segments in a path template",
        "template over 256 characters (uri_template_match.proto)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/{*}/LONG']\\n|spec.rules[0].to[0].operation.paths: Envoy refuses a path template longer than 256 characters",
        "brace beyond a template (security.go CheckValidPathTemplate)|  rules:\\n  - to:\\n    - operation:\\n        paths: ['/a/{id}']\\n|spec.rules[0].to[0].operation.paths: a path template segment is {*} or {**}",
        "trustDomains with a slash (security.go CheckTrustDomainValues)|  rules:\\n  - from:\\n    - source:\\n        trustDomains: [td/ns]\\n|spec.rules[0].from[0].source.trustDomains: a trust domain has no '/'",
        "trustDomains with * inside (security.go CheckWildcardValues)|  rules:\\n  - from:\\n    - source:\\n        notTrustDomains: ['a*b']\\n|spec.rules[0].from[0].source.notTrustDomains: '*' may stand only at the start or the end",
        "trustDomains with * inside and a brace (security.go CheckWildcardValues)|  rules:\\n  - from:\\n    - source:\\n        notTrustDomains: ['a*b{']\\n|spec.rules[0].from[0].source.notTrustDomains: '*' may stand only at the start or the end",
        "source.trustDomain with two * (security.go CheckWildcardValues)|  rules:\\n  - when:\\n    - key: source.trustDomain\\n      values: ['*a*']\\n|spec.rules[0].when[0].values: '*' may stand only at the start or the end",
        "serviceAccounts with * (security.go CheckServiceAccount)|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: ['ns/*']\\n|spec.rules[0].from[0].source.serviceAccounts: a service account has no '*'",
        "serviceAccounts with two slashes (security.go CheckServiceAccount)|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: [a/b/c]\\n|spec.rules[0].from[0].source.serviceAccounts: a service account is written <account> or <namespace>/<account>",
        "serviceAccounts with an empty namespace (security.go CheckServiceAccount)|  rules:\\n  - from:\\n    - source:\\n        notServiceAccounts: [/b]\\n|spec.rules[0].from[0].source.notServiceAccounts: a service account is written <account> or <namespace>/<account>",
        "serviceAccounts over 320 characters (security.go CheckServiceAccount)|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: [ns/LONGSA]\\n|spec.rules[0].from[0].source.serviceAccounts: a service account has at most 320 characters",
        "seventeen serviceAccounts (security.go CheckServiceAccount)|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q]\\n|spec.rules[0].from[0].source.serviceAccounts: may not have more than 16 values",
        "serviceAccounts with principals (validation.go)|  rules:\\n  - from:\\n    - source:\\n        serviceAccounts: [a/b]\\n        principals: [x]\\n|spec.rules[0].from[0].source.serviceAccounts: cannot be set with namespaces or principals",
        "notServiceAccounts with notNamespaces (validation.go)|  rules:\\n  - from:\\n    - source:\\n        notNamespaces: [x]\\n        notServiceAccounts: [a/b]\\n|spec.rules[0].from[0].source.notServiceAccounts: cannot be set with namespaces or principals",
        "source.serviceAccount with * (security.go ValidateAttribute)|  rules:\\n  - when:\\n    - key: source.serviceAccount\\n      values: ['*']\\n|spec.rules[0].when[0].values: a service account has no '*'",
        "experimental key (model.go envoyFilterGenerator)|  rules:\\n  - when:\\n    - key: experimental.envoy.filters.network.mysql_proxy[db.table]\\n      values: ['[update]']\\n|spec.rules[0].when[0].key: experimental.envoy.filters.network.mysql_proxy[db.table] reads the dynamic metadata of Envoy filters, which the application cannot see",
        "destination.ip key (model.go destIPGenerator)|  rules:\\n  - when:\\n    - key: destination.ip\\n      values: [10.0.0.1]\\n|spec.rules[0].when[0].key: destination.ip cannot be evaluated truthfully",
        "connection.sni key (model.go connSNIGenerator)|  rules:\\n  - when:\\n    - key: connection.sni\\n      values: [a.example]\\n|spec.rules[0].when[0].key: connection.sni cannot be evaluated truthfully",
        "destination.namespace key (security.go ValidateAttribute)|  rules:\\n  - when:\\n    - key: destination.namespace\\n      values: [a]\\n|spec.rules[0].when[0].key: destination.namespace is replaced by metadata.namespace",
        "destination.labels key (security.go ValidateAttribute)|  rules:\\n  - when:\\n    - key: destination.labels[app]\\n      values: [a]\\n|spec.rules[0].when[0].key: destination.labels[app] is replaced by the workload selector",
        "destination.user key (security.go ValidateAttribute)|  rules:\\n  - when:\\n    - key: destination.user\\n      values: [a]\\n|spec.rules[0].when[0].key: destination.user was only supported in v1alpha1",
        "empty value in a field (security.go CheckEmptyValues)|  rules:\\n  - from:\\n    - source:\\n        principals: ['']\\n|spec.rules[0].from[0].source.principals: an empty value is refused",
        "empty value in a condition (security.go ValidateAttribute)|  rules:\\n  - when:\\n    - key: request.headers[x]\\n      notValues: ['']\\n|spec.rules[0].when[0].notValues: an empty value is refused",
        "empty from (validation.go)|  rules:\\n  - from: []\\n|spec.rules[0].from: may not be an empty list",
        "empty to (validation.go)|  rules:\\n  - to: []\\n|spec.rules[0].to: may not be an empty list",
        "null rule (validation.go)|  rules:\\n  - null\\n|spec.rules[0]: must be a mapping",
        "port with a sign (security.go ValidatePorts)|  rules:\\n  - to:\\n    - operation:\\n        ports: ['+80']\\n|spec.rules[0].to[0].operation.ports: a port is a number from 0 to 65535",
        "wildcard selector (validation.go validateWorkloadSelector)|  selector:\\n    matchLabels: {app: 'orders*'}\\n|spec.selector.matchLabels.app: a label needs a name and matches no wildcard",
        "the :path pseudo-header (envoy headers.h, Path is :path with the query)|  rules:\\n  - when:\\n    - key: 'request.headers[:path]'\\n      values: [/a]\\n|spec.rules[0].when[0].key: the pseudo-header :path is the sidecar's",
        "rules not a list|  rules: {}\\n|spec.rules: must be a list",
        "selector beyond matchLabels|  selector:\\n    matchExpressions: []\\n|spec.selector.matchExpressions: unknown field",
      })
  void loadWhenAuthorizationPartCannotBeEvaluatedThenFailsNamingDocumentLineAndField(
      String name, String spec, String message) {
    // CsvSource trims the value, and with it the first line's indentation.
    String yaml =
        authz(
            "  "
                + spec.replace("\\n", "\n")
                    .replace("LONGSA", "a".repeat(318))
                    .replace("LONG", "a".repeat(254)));
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

  /** istio/istio pkg/config/validation/validation.go checkDryRunAnnotation. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not a ParseBool value|DENY|yes|must be true or false as Go's ParseBool reads it",
        "on AUDIT|AUDIT|true|is only for ALLOW and DENY policies",
      })
  void loadWhenDryRunAnnotationIstioRefusesThenFails(
      String name, String action, String flag, String message) {
    String yaml =
        authz("  action: " + action + "\n  rules: [{}]\n")
            .replace("  name: p", "  name: p\n  annotations: {istio.io/dry-run: '" + flag + "'}");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessageContaining("metadata.annotations.istio.io/dry-run: " + message);
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
            + "    forwardOriginalToken: false\n"
            + "    spaceDelimitedClaims: [roles, groups]\n";
    assertThat(PolicySet.load(yaml, ORDERS).requestAuthentications())
        .containsExactly(
            new RequestAuthenticationRule(
                "https://auth.example.com",
                List.of("orders"),
                "x-jwt-payload",
                List.of("roles", "groups")));
  }

  /**
   * CONTRACT.md: a RequestAuthentication never fails a load. One the mesh would not have (the API
   * server or Istio's validateJwtRule refuses it) is skipped; an AuthorizationPolicy next to it
   * still loads.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no issuer and no jwksUri (validation.go validateJwtRule)|{jwtRules: [{audiences: [a]}]}",
        "an empty audience (validation.go validateJwtRule)|{jwtRules: [{issuer: i, audiences: ['']}]}",
        "spaceDelimitedClaims not a list|{jwtRules: [{issuer: i, spaceDelimitedClaims: roles}]}",
        "an empty claim name (CRD MinLength=1)|{jwtRules: [{issuer: i, spaceDelimitedClaims: ['']}]}",
        "jwtRules not a list|{jwtRules: {issuer: i}}",
        "a rule not a mapping|{jwtRules: [i]}",
        "a selector not a mapping|{selector: [app], jwtRules: [{issuer: i}]}",
        "spec not a mapping|[a]",
      })
  void loadWhenRequestAuthenticationTheMeshWouldRefuseThenSkippedAndTheLoadSucceeds(
      String name, String spec) {
    String yaml =
        "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt}\n"
            + "spec: "
            + spec
            + "\n---\n"
            + authz("  rules: [{}]\n");
    PolicySet set = PolicySet.load(yaml, ORDERS);
    assertThat(set.requestAuthentications()).isEmpty();
    assertThat(set.policyIds()).containsExactly("api-system/p");
  }

  @Test
  void loadWhenRequestAuthenticationHasOnlyJwksUriThenItsRuleHasNoIssuer() {
    String yaml =
        "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt}\n"
            + "spec: {jwtRules: [{jwksUri: 'https://keys.example/jwks'}]}\n";
    assertThat(PolicySet.load(yaml, ORDERS).requestAuthentications())
        .containsExactly(new RequestAuthenticationRule("", List.of(), null));
  }

  @Test
  void loadWhenSixtyFiveSpaceDelimitedClaimsThenTheRequestAuthenticationIsSkipped() {
    List<String> claims = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      claims.add("c" + i);
    }
    String yaml =
        "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt}\n"
            + "spec: {jwtRules: [{issuer: i, spaceDelimitedClaims: ["
            + String.join(", ", claims)
            + "]}]}\n";
    assertThat(PolicySet.load(yaml, ORDERS).requestAuthentications()).isEmpty();
    String sixtyFour = yaml.replace(", c64]", "]");
    assertThat(PolicySet.load(sixtyFour, ORDERS).requestAuthentications()).hasSize(1);
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

  // YAML anchors, aliases, merge keys and explicit tags: Jackson reads an alias as its anchor's
  // name, a !!binary value as its base64 text and a merge key as a plain key, where Kubernetes
  // resolves them before Istio sees the policy. They are refused anywhere in the file.

  private static final String ANCHOR =
      "a YAML anchor is refused (meshguard does not resolve aliases as Kubernetes does);"
          + " write the value out, and quote a value that starts with '&'";
  private static final String ALIAS =
      "a YAML alias is refused (meshguard does not resolve aliases as Kubernetes does);"
          + " write the value out, and quote a value that starts with '*'";
  private static final String MERGE =
      "a YAML merge key is refused (meshguard does not merge mappings as Kubernetes does);"
          + " write the keys out, or quote \"<<\" for a key of that name";
  private static final String TAG =
      "an explicit YAML tag is refused (meshguard does not apply tags as Kubernetes does);"
          + " remove it, and quote a value that starts with '!'";

  /** A DENY policy with every field the loader reads, one per line; it denies {@link #hit()}. */
  private static final String EVERY_FIELD =
      String.join(
          "\n",
          "apiVersion: security.istio.io/v1", // 1
          "kind: AuthorizationPolicy", // 2
          "metadata:", // 3
          "  name: no-delete", // 4
          "  namespace: api-system", // 5
          "  annotations:", // 6
          "    team: orders", // 7
          "spec:", // 8
          "  selector:", // 9
          "    matchLabels:", // 10
          "      app: orders", // 11
          "  action: DENY", // 12
          "  rules:", // 13
          "  - from:", // 14
          "    - source:", // 15
          "        principals: [cluster.local/ns/default/sa/sleep]", // 16
          "        namespaces: [default]", // 17
          "        requestPrincipals: [https://auth.example.com/alice]", // 18
          "    to:", // 19
          "    - operation:", // 20
          "        hosts: [orders.example.com]", // 21
          "        methods: [DELETE]", // 22
          "        paths:", // 23
          "        - /orders/*", // 24
          "        ports: [8080]", // 25
          "    when:", // 26
          "    - key: request.auth.claims[groups]", // 27
          "      values: [admin]", // 28
          "");

  /** A request every field of {@link #EVERY_FIELD} matches. */
  private static PolicySetTests.Req hit() {
    return PolicySetTests.req()
        .method("DELETE")
        .path("/orders/1")
        .port(8080)
        .header("host", "orders.example.com")
        .peer(PolicySetTests.SLEEP)
        .claim("groups", List.of("admin"));
  }

  private static boolean allowed(String yaml, PolicySetTests.Req request) {
    return PolicySet.load(yaml, ORDERS)
        .evaluate(
            request.meshRequest(),
            request.identity().claims(),
            request.identity().peer().orElse(null))
        .isAllowed();
  }

  private static String replaceOnce(String yaml, String find, String replacement) {
    int at = yaml.indexOf(find);
    assertThat(at).as("'%s' in the test policy", find).isNotNegative();
    return yaml.substring(0, at) + replacement + yaml.substring(at + find.length());
  }

  private static String refused(int document, int line, String field, String reason) {
    return "document "
        + document
        + ", line "
        + line
        + ", "
        + (field.isEmpty() ? "" : field + ": ")
        + reason;
  }

  @Test
  void loadWhenEveryFieldPolicyThenDeniesItsRequestOnly() {
    assertThat(allowed(EVERY_FIELD, hit())).isFalse();
    assertThat(allowed(EVERY_FIELD, hit().method("GET"))).isTrue();
  }

  private static final String FROM = "spec.rules[0].from[0].source.";
  private static final String TO = "spec.rules[0].to[0].operation.";

  /** A scalar the loader reads: its line in {@link #EVERY_FIELD}, its field and its value. */
  private record Scalar(int line, String field, String value) {}

  /** A construct written on (or instead of) a plain value, and why it is refused. */
  private record Construct(String name, UnaryOperator<String> write, String reason) {}

  private static final List<Scalar> SCALARS =
      List.of(
          new Scalar(1, "apiVersion", "security.istio.io/v1"),
          new Scalar(2, "kind", "AuthorizationPolicy"),
          new Scalar(4, "metadata.name", "no-delete"),
          new Scalar(5, "metadata.namespace", "api-system"),
          new Scalar(7, "metadata.annotations.team", "orders"),
          new Scalar(11, "spec.selector.matchLabels.app", "orders"),
          new Scalar(12, "spec.action", "DENY"),
          new Scalar(16, FROM + "principals[0]", "cluster.local/ns/default/sa/sleep"),
          new Scalar(17, FROM + "namespaces[0]", "default"),
          new Scalar(18, FROM + "requestPrincipals[0]", "https://auth.example.com/alice"),
          new Scalar(21, TO + "hosts[0]", "orders.example.com"),
          new Scalar(22, TO + "methods[0]", "DELETE"),
          new Scalar(24, TO + "paths[0]", "/orders/*"),
          new Scalar(25, TO + "ports[0]", "8080"),
          new Scalar(27, "spec.rules[0].when[0].key", "request.auth.claims[groups]"),
          new Scalar(28, "spec.rules[0].when[0].values[0]", "admin"));

  private static final List<Construct> CONSTRUCTS =
      List.of(
          new Construct("anchor", v -> "&x " + v, ANCHOR),
          new Construct("alias", v -> "*x", ALIAS),
          new Construct("!!str", v -> "!!str " + v, TAG),
          new Construct("!!binary", v -> "!!binary " + base64(v), TAG),
          new Construct("!!int", v -> "!!int " + v, TAG),
          new Construct("custom !foo", v -> "!foo " + v, TAG),
          new Construct("verbatim !<...>", v -> "!<tag:yaml.org,2002:str> " + v, TAG),
          new Construct("non-specific !", v -> "! " + v, TAG));

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> constructOnEveryScalar() {
    List<Arguments> rows = new ArrayList<>();
    for (Scalar scalar : SCALARS) {
      for (Construct construct : CONSTRUCTS) {
        String[] lines = EVERY_FIELD.split("\n", -1);
        lines[scalar.line() - 1] =
            replaceOnce(
                lines[scalar.line() - 1], scalar.value(), construct.write().apply(scalar.value()));
        rows.add(
            Arguments.of(
                construct.name() + " in " + scalar.field(),
                String.join("\n", lines),
                refused(1, scalar.line(), scalar.field(), construct.reason())));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructOnEveryScalar")
  void loadWhenAnchorAliasOrTagOnAnyScalarThenRefusedNamingDocumentLineAndField(
      String name, String yaml, String message) {
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        // merge keys, block and flow, in every mapping the loader reads
        "merge key in the envelope|kind: AuthorizationPolicy|<<: {kind: AuthorizationPolicy}|2|<<|MERGE",
        "merge key in metadata|  namespace: api-system|  <<: {namespace: api-system}|5|metadata.<<|MERGE",
        "merge key in annotations|    team: orders|    <<: {team: orders}|7|metadata.annotations.<<|MERGE",
        "flow merge of an alias|    matchLabels:\\n      app: orders|    matchLabels: {<<: *labels}|10|spec.selector.matchLabels.<<|MERGE",
        "merge key in spec|  action: DENY|  <<: {action: DENY}|12|spec.<<|MERGE",
        "merge key in a rule|  - from:|  - <<: {}\\n    from:|14|spec.rules[0].<<|MERGE",
        "merge key in a source|        principals:|        <<: {}\\n        principals:|16|spec.rules[0].from[0].source.<<|MERGE",
        "merge key in an operation|        methods: [DELETE]|        <<: {methods: [DELETE]}|22|spec.rules[0].to[0].operation.<<|MERGE",
        "merge key in a condition|      values: [admin]|      <<: {values: [admin]}|28|spec.rules[0].when[0].<<|MERGE",
        "explicit merge key|    team: orders|    ? <<\\n    : {team: orders}|7|metadata.annotations.<<|MERGE",
        // on keys
        "anchor on a key|        methods:|        &m methods:|22|spec.rules[0].to[0].operation.methods|ANCHOR",
        "tag on a key|        methods:|        !!str methods:|22|spec.rules[0].to[0].operation.methods|TAG",
        "tag on the first key of a mapping|    - key:|    - !!str key:|27|spec.rules[0].when[0].key|TAG",
        "tag on a metadata key|  name:|  !!str name:|4|metadata.name|TAG",
        "alias as a key|    team: orders|    *team : orders|7|metadata.annotations|ALIAS",
        // on lists and mappings
        "anchor on a list|[DELETE]|&m [DELETE]|22|spec.rules[0].to[0].operation.methods|ANCHOR",
        "tag on a list|[DELETE]|!!seq [DELETE]|22|spec.rules[0].to[0].operation.methods|TAG",
        "alias for a list|[DELETE]|*m|22|spec.rules[0].to[0].operation.methods|ALIAS",
        "tag on metadata|metadata:|metadata: !!map|3|metadata|TAG",
        "anchor on metadata|metadata:|metadata: &meta|3|metadata|ANCHOR",
        "anchor on the selector|  selector:|  selector: &s|9|spec.selector|ANCHOR",
        "alias for matchLabels|    matchLabels:\\n      app: orders|    matchLabels: *labels|10|spec.selector.matchLabels|ALIAS",
        "custom tag on spec|spec:|spec: !policy|8|spec|TAG",
        // the rules list itself and its items
        "tag on the rules list|  rules:|  rules: !!seq|13|spec.rules|TAG",
        "anchor on the rules list|  rules:|  rules: &rules|13|spec.rules|ANCHOR",
        "anchor on a rule|  - from:|  - &rule\\n    from:|14|spec.rules[0]|ANCHOR",
        "tag on a rule|  - from:|  - !!map\\n    from:|14|spec.rules[0]|TAG",
        "alias for a rule|      values: [admin]\\n|      values: [admin]\\n  - *rule\\n|29|spec.rules[1]|ALIAS",
        "alias in the to list|    - operation:|    - *op\\n    - operation:|20|spec.rules[0].to[0]|ALIAS",
        // the document itself, and the parts meshguard ignores
        "tag on the document|apiVersion:|--- !!map\\napiVersion:|1||TAG",
        "anchor on the document|apiVersion:|--- &policy\\napiVersion:|1||ANCHOR",
        "anchor in ignored metadata|  annotations:|  labels: {team: &t orders}\\n  annotations:|6|metadata.labels.team|ANCHOR",
        "tag in status|      values: [admin]\\n|      values: [admin]\\nstatus:\\n  conditions: [{type: Ready, status: !!str True}]\\n|30|status.conditions[0].status|TAG",
        // a plain value that starts with *, & or ! is an alias, an anchor or a tag
        "unquoted *suffix host|[orders.example.com]|[*orders]|21|spec.rules[0].to[0].operation.hosts[0]|ALIAS",
        "unquoted &value|[admin]|[&admin]|28|spec.rules[0].when[0].values[0]|ANCHOR",
        "unquoted !value|[admin]|[!admin]|28|spec.rules[0].when[0].values[0]|TAG",
      })
  void loadWhenAnchorAliasMergeKeyOrTagOnKeysListsOrMappingsThenRefusedNamingDocumentLineAndField(
      String name, String find, String replacement, int line, String field, String reason) {
    String yaml =
        replaceOnce(EVERY_FIELD, find.replace("\\n", "\n"), replacement.replace("\\n", "\n"));
    String why = Map.of("ANCHOR", ANCHOR, "ALIAS", ALIAS, "MERGE", MERGE, "TAG", TAG).get(reason);
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessage(refused(1, line, field == null ? "" : field, why));
  }

  /** The issue: {@code methods: [*blocked]} was read as "blocked", so the DENY never matched. */
  @Test
  void loadWhenAliasRepeatsAnAnchoredMethodThenRefusedAtTheAnchor() {
    String yaml =
        replaceOnce(
            replaceOnce(EVERY_FIELD, "    team: orders", "    blocked-method: &blocked DELETE"),
            "[DELETE]",
            "[*blocked]");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessage("document 1, line 7, metadata.annotations.blocked-method: " + ANCHOR)
        .satisfies(
            e -> {
              assertThat(e.document()).isEqualTo(1);
              assertThat(e.line()).isEqualTo(7);
              assertThat(e.field()).isEqualTo("metadata.annotations.blocked-method");
            });
  }

  @Test
  void loadWhenAnchorsAreInADocumentOfAnotherApiGroupThenRefused() {
    String deployment =
        "apiVersion: apps/v1\n"
            + "kind: Deployment\n"
            + "metadata:\n"
            + "  name: orders\n"
            + "  labels: &labels {app: orders}\n"
            + "spec:\n"
            + "  selector: {matchLabels: *labels}\n";
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(deployment + "---\n" + EVERY_FIELD, ORDERS))
        .withMessage("document 1, line 5, metadata.labels: " + ANCHOR);
  }

  @Test
  void loadWhenALaterDocumentHasATagThenRefusedNumberingDocumentsAsOtherErrorsDo() {
    String peerAuthentication =
        "apiVersion: security.istio.io/v1\n"
            + "kind: PeerAuthentication\n"
            + "metadata: {name: strict}\n"
            + "spec: {mtls: {mode: !!str STRICT}}\n";
    // empty documents are not counted, by this refusal as by every other load error
    String yaml = "---\n---\n" + EVERY_FIELD + "---\n" + peerAuthentication;
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(yaml, ORDERS))
        .withMessage("document 2, line 35, spec.mtls.mode: " + TAG);
    String unknownKind = yaml.replace("PeerAuthentication", "Unknown").replace("!!str ", "");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(unknownKind, ORDERS))
        .withMessageStartingWith("document 2 (Unknown api-system/strict), line 33, kind:");
  }

  static Stream<Arguments> legalLookalikes() {
    return Stream.of(
        legal(
            "quoted path with a star",
            "        - /orders/*",
            "        - \"/a*\"",
            hit().path("/a/b")),
        legal(
            "plain path with a star", "        - /orders/*", "        - /a/*", hit().path("/a/b")),
        legal(
            "quoted *suffix host",
            "[orders.example.com]",
            "[\"*.example.com\"]",
            hit().header("host", "x.example.com")),
        legal("plain prefix* host", "[orders.example.com]", "[orders.*]", hit()),
        legal(
            "quoted * principal",
            "[cluster.local/ns/default/sa/sleep]",
            "[\"*\"]",
            hit().peer("spiffe://cluster.local/ns/default/sa/other")),
        legal(
            "plain principal/*",
            "[cluster.local/ns/default/sa/sleep]",
            "[cluster.local/ns/default/*]",
            hit().peer("spiffe://cluster.local/ns/default/sa/other")),
        legal(
            "single-quoted * requestPrincipal",
            "[https://auth.example.com/alice]",
            "['*']",
            hit().claim("sub", "bob")),
        legal("quoted a&b value", "[admin]", "[\"a&b\"]", hit().claim("groups", List.of("a&b"))),
        legal("plain a&b value", "[admin]", "[a&b]", hit().claim("groups", List.of("a&b"))),
        legal("quoted &value", "[admin]", "['&admin']", hit().claim("groups", List.of("&admin"))),
        legal("quoted !value", "[admin]", "['!admin']", hit().claim("groups", List.of("!admin"))),
        legal("plain a!b value", "[admin]", "[a!b]", hit().claim("groups", List.of("a!b"))),
        legal(
            "quoted *suffix value",
            "[admin]",
            "[\"*admin\"]",
            hit().claim("groups", List.of("superadmin"))),
        legal("plain << value", "[admin]", "[<<]", hit().claim("groups", List.of("<<"))),
        legal("quoted << value", "[admin]", "[\"<<\"]", hit().claim("groups", List.of("<<"))),
        legal("plain << as a mapping value", "    team: orders", "    team: <<", hit()),
        legal("quoted << key", "    team: orders", "    \"<<\": orders", hit()),
        legal("single-quoted << key", "    team: orders", "    '<<': orders", hit()),
        legal(
            "quoted !!str-looking value", "    team: orders", "    team: \"!!str orders\"", hit()),
        legal(
            "constructs in a comment",
            "      values: [admin]",
            "      values: [admin] # &a *a !!str <<: *a",
            hit()),
        legal(
            "constructs in a full-line comment",
            "  rules:",
            "  # <<: *defaults\n  # - &r !!map {}\n  rules:",
            hit()));
  }

  private static Arguments legal(
      String name, String find, String replacement, PolicySetTests.Req deniedRequest) {
    return Arguments.of(name, replaceOnce(EVERY_FIELD, find, replacement), deniedRequest);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legalLookalikes")
  void loadWhenStarAmpersandBangOrLessThanAreTextThenLoadsAndReadsThemLiterally(
      String name, String yaml, PolicySetTests.Req deniedRequest) {
    assertThat(allowed(yaml, deniedRequest)).isFalse();
    assertThat(allowed(yaml, deniedRequest.method("GET"))).isTrue();
  }

  @Test
  void loadPathsWhenExamplesMeshThenTheSamePoliciesAsTheFilesConcatenated() throws Exception {
    Path mesh = Path.of("..", "examples", "mesh");
    StringBuilder all = new StringBuilder();
    for (String name : List.of("gateway.yaml", "security.yaml")) {
      all.append("---\n").append(Files.readString(mesh.resolve(name)));
    }

    PolicySet fromPaths = PolicySet.load(List.of(mesh), ORDERS);

    assertThat(fromPaths.policyIds())
        .containsExactlyElementsOf(PolicySet.load(all.toString(), ORDERS).policyIds())
        .contains("api-system/orders-api", "api-system/no-sandbox");
    assertThat(fromPaths.requestAuthentications()).hasSize(1);
  }

  @Test
  void loadPathsWhenADocumentHasNeitherApiVersionNorKindThenSkipsItAndReadsTheRest(
      @TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n---\n" + authz("  rules: [{}]\n"));
    Files.writeString(dir.resolve("notes.txt"), "not: [yaml");

    assertThat(PolicySet.load(List.of(dir), ORDERS).policyIds()).containsExactly("api-system/p");
  }

  @Test
  void loadPathsWhenADocumentHasOnlyAKindThenFailsNamingTheFileAndItsPosition(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("b.yaml");
    Files.writeString(dir.resolve("a.yml"), authz("  rules: [{}]\n"));
    Files.writeString(file, "replicas: 2\n---\nkind: AuthorizationPolicy\n");

    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(List.of(dir), ORDERS))
        .withMessageStartingWith(file + ": document 2, line ")
        .satisfies(e -> assertThat(e.document()).isEqualTo(2));
  }

  @Test
  void loadPathsWhenAFileIsNotYamlThenFailsNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "a: [b\n");

    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> PolicySet.load(List.of(file), ORDERS))
        .withMessageStartingWith(file + ": document 0, line ")
        .withMessageContaining("not valid YAML");
  }

  @Test
  void yamlNodeIsStringWhenQuotedOrPlainTextThenTrueAndForNumbersAndBooleansFalse()
      throws Exception {
    YamlNode root =
        YamlNode.readAll("a: \"1\"\nb: 1\nc: true\nd: 'false'\ne: text\nf: 1.5\ng: [x]\n").get(0);

    assertThat(root.entries())
        .hasEntrySatisfying("a", node -> assertThat(node.isString()).isTrue())
        .hasEntrySatisfying("b", node -> assertThat(node.isString()).isFalse())
        .hasEntrySatisfying("c", node -> assertThat(node.isString()).isFalse())
        .hasEntrySatisfying("d", node -> assertThat(node.isString()).isTrue())
        .hasEntrySatisfying("e", node -> assertThat(node.isString()).isTrue())
        .hasEntrySatisfying("f", node -> assertThat(node.isString()).isFalse())
        .hasEntrySatisfying("g", node -> assertThat(node.isString()).isFalse());
  }
}
