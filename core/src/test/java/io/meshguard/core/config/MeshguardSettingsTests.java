package io.meshguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.Meshguard;
import io.meshguard.core.route.Unmatched;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshguardSettingsTests {

  private static Map<String, String> minimal() {
    Map<String, String> map = new HashMap<>();
    map.put("meshguard.issuers", "https://auth.example.com");
    map.put("meshguard.trust-domains", "cluster.local");
    return map;
  }

  @Test
  void parseWhenMinimalThenDefaults() {
    MeshguardSettings settings = MeshguardSettings.parse(minimal());
    assertThat(settings.guard().payloadHeader()).isEqualTo("x-jwt-payload");
    assertThat(settings.guard().claimsValidator().issuers())
        .containsExactly("https://auth.example.com");
    assertThat(settings.guard().claimsValidator().clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.guard().payloadDecoder().acceptsRawJson()).isFalse();
    assertThat(settings.routes().routes()).isEmpty();
    assertThat(settings.routes().unmatched()).isEqualTo(Unmatched.DENY);
  }

  @Test
  void parseWhenEverySettingThenApplied() {
    Map<String, String> map = minimal();
    map.put("meshguard.audiences", "orders, https://billing/");
    map.put("meshguard.require-expiration", "false");
    map.put("meshguard.clock-skew", "30s");
    map.put("meshguard.payload-header", "X-Payload");
    map.put("meshguard.accept-raw-json", "true");
    map.put("meshguard.accept-percent-encoded-json", "TRUE");
    map.put("meshguard.max-depth", "8");
    map.put("meshguard.expected-by", "spiffe://cluster.local/ns/api-system/sa/orders");
    map.put("meshguard.routes[10]", "GET /b authenticated");
    map.put("meshguard.routes[2]", "GET /a public");
    map.put("meshguard.unmatched", "not-found");
    map.put("other.key", "ignored");

    MeshguardSettings settings = MeshguardSettings.parse(map);

    assertThat(settings.guard().claimsValidator().audiences())
        .containsExactlyInAnyOrder("orders", "billing");
    assertThat(settings.guard().claimsValidator().requiresExpiration()).isFalse();
    assertThat(settings.guard().claimsValidator().clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.guard().payloadHeader()).isEqualTo("x-payload");
    assertThat(settings.guard().payloadDecoder().acceptsPercentEncodedJson()).isTrue();
    assertThat(settings.guard().payloadDecoder().limits().maxDepth()).isEqualTo(8);
    assertThat(settings.routes().routes())
        .extracting(r -> r.pattern().toString())
        .containsExactly("/a", "/b");
    assertThat(settings.routes().unmatched()).isEqualTo(Unmatched.NOT_FOUND);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "meshguard.issuer|x|Unknown setting meshguard.issuer",
        "meshguard.routes[x]|GET /a public|Unknown setting meshguard.routes[x]",
        "meshguard.require-expiration|yes|Setting meshguard.require-expiration must be true or false",
        "meshguard.max-depth|deep|Setting meshguard.max-depth must be a whole number",
        "meshguard.max-depth|0|Setting meshguard.max-depth must be at least 1, was 0",
        "meshguard.expected-by|''|Setting meshguard.expected-by: Scheme is missing or invalid",
        "meshguard.clock-skew|soon|Setting meshguard.clock-skew: not a duration (60s, 500ms, PT1M or seconds)",
        "meshguard.peer-source|header|Setting meshguard.peer-source must be xfcc, client-certificate or none",
        "meshguard.unmatched|allow|Setting meshguard.unmatched must be deny, not-found or authenticated",
        "meshguard.audiences|a,,b|Setting meshguard.audiences has an empty entry",
        "meshguard.trust-domains|Cluster.local|Setting meshguard.trust-domains: Not a trust domain name (lower-case letters, digits, '.', '-', '_'): Cluster.local",
        "meshguard.routes[0]|GET /a bogus|Setting meshguard.routes[0]: Unknown route requirement 'bogus' (public and authenticated stand alone) in: GET /a bogus",
      })
  void parseWhenSettingInvalidThenNamesTheKey(String key, String value, String message) {
    Map<String, String> map = minimal();
    map.put(key, value);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .withMessage(message);
  }

  @Test
  void readWhenIssuerRulesThenPerIssuerAudiencesAndNotWithTheFlatLists() {
    Map<String, String> map = new HashMap<>();
    map.put("meshguard.trust-domains", "cluster.local");
    map.put("meshguard.issuer-rules[0].issuer", "https://a.example.com");
    map.put("meshguard.issuer-rules[0].audiences", "orders-a");
    map.put("meshguard.issuer-rules[1].issuer", "https://b.example.com");
    assertThatExceptionOfType(MissingSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(map, java.time.Clock.systemUTC()))
        .withMessage("Setting meshguard.issuer-rules[1].audiences is required (* accepts any aud)");
    map.put("meshguard.issuer-rules[1].audiences", "*");
    MeshguardSpec spec = MeshguardSettings.read(map, java.time.Clock.systemUTC());
    assertThat(spec.claims().issuerRules())
        .containsExactly(
            new MeshguardSpec.IssuerRule("https://a.example.com", java.util.List.of("orders-a")),
            new MeshguardSpec.IssuerRule("https://b.example.com", java.util.List.of("*")));
    try (io.meshguard.core.Meshguard guard = spec.start()) {
      assertThat(guard.claimsValidator().audiences("https://b.example.com")).isEmpty();
    }
    map.put("meshguard.issuers", "https://c.example.com");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshguardSettings.read(map, java.time.Clock.systemUTC()))
        .withMessage(
            "Setting meshguard.issuer-rules cannot be set together with meshguard.issuers or"
                + " meshguard.audiences");
    map.remove("meshguard.issuers");
    map.put("meshguard.issuer-rules[2].audiences", "x");
    assertThatExceptionOfType(MissingSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(map, java.time.Clock.systemUTC()))
        .withMessage("Setting meshguard.issuer-rules[2].issuer is required with its audiences");
  }

  @Test
  void parseWhenMeshManifestsThenTheAlignmentCheckDecidesTheStart() throws Exception {
    Path pair =
        Path.of(
            getClass().getResource("/io/meshguard/core/mesh/article-misaligned-pair.yaml").toURI());
    Map<String, String> map = minimal();
    map.put("meshguard.mesh-manifests", Path.of("../examples/mesh").toString());
    map.put("meshguard.workload.namespace", "api-system");
    map.put("meshguard.workload.labels", "app=orders");
    map.put("meshguard.workload.port", "8080");
    // The examples' own mesh protects the headers they trust: the start goes on.
    MeshguardSettings.parse(map).guard().close();

    map.put("meshguard.mesh-manifests", pair.toString());
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.mesh-manifests"))
        .withMessageContaining("alignment-check=error")
        .withMessageContaining("x-istio-jwt");
    map.put("meshguard.alignment-check", "warn");
    MeshguardSettings.parse(map).guard().close();
    map.put("meshguard.alignment-check", "sometimes");
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .withMessage("Setting meshguard.alignment-check must be off, warn or error");
  }

  @Test
  void parseWhenRequiredSettingMissingThenFailsClosed() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(
            () -> MeshguardSettings.parse(Map.of("meshguard.trust-domains", "cluster.local")))
        .withMessage("Setting meshguard.issuers is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshguardSettings.parse(Map.of("meshguard.issuers", "https://a")))
        .withMessage(
            "Setting meshguard.trust-domains is required unless meshguard.peer-source is none");
    assertThat(
            MeshguardSettings.parse(
                Map.of("meshguard.issuers", "https://a", "meshguard.peer-source", "none")))
        .isNotNull();
  }

  @Test
  void loadWhenPropertiesFileThenReadsIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("meshguard.properties");
    Files.writeString(
        file,
        "meshguard.issuers=https://auth.example.com\n"
            + "meshguard.trust-domains=cluster.local\n"
            + "meshguard.routes[0]=GET /api/v1/orders scopes=orders:read\n",
        StandardCharsets.UTF_8);
    assertThat(MeshguardSettings.load(file).routes().routes()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"60, PT1M", "45s, PT45S", "500ms, PT0.5S", "PT2M, PT2M"})
  void durationWhenWrittenInAnyFormThenParsed(String text, String expected) {
    assertThat(MeshguardSettings.duration(text)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void parseWhenPolicyFileThenLoadedForTheWorkload(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
            + "metadata: {name: orders, namespace: api-system}\n"
            + "spec: {selector: {matchLabels: {app: orders}}, rules: [{}]}\n");
    Map<String, String> map = minimal();
    map.put("meshguard.policy-file", policy.toString());
    map.put("meshguard.workload.namespace", "api-system");
    map.put("meshguard.workload.labels", "app=orders, version=v1");
    try (Meshguard guard = MeshguardSettings.parse(map).guard()) {
      assertThat(guard.policies().policyIds()).containsExactly("api-system/orders");
    }
    map.put("meshguard.workload.labels", "app=billing");
    try (Meshguard guard = MeshguardSettings.parse(map).guard()) {
      assertThat(guard.policies().policyIds()).isEmpty();
    }
  }

  @Test
  void parseWhenPolicyFileBadOrWorkloadMissingThenFailsNamingTheSetting(@TempDir Path dir)
      throws IOException {
    Path policy = dir.resolve("custom.yaml");
    Files.writeString(
        policy,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: x}\n"
            + "spec: {action: CUSTOM}\n");
    Map<String, String> map = minimal();
    map.put("meshguard.policy-file", policy.toString());
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .withMessage("Setting meshguard.workload.namespace is required with meshguard.policy-file");
    map.put("meshguard.workload.namespace", "api-system");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .withMessageStartingWith("Setting meshguard.policy-file: " + policy + ": document 1");
    map.put("meshguard.policy-file", dir.resolve("missing.yaml").toString());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshguardSettings.parse(map))
        .withMessageStartingWith("Setting meshguard.policy-file: cannot read");
  }
}
