package io.meshguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.Meshguard;
import io.meshguard.core.mesh.ApplicationTrust;
import io.meshguard.core.mesh.MeshTrust;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code trust-from-mesh} through the flat reader: what the servlet filter and tools start. */
class TrustFromMeshTests {

  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  /** Tenant A's issuer with its audience, tenant B's with any, both forwarded in x-istio-jwt. */
  private static final String MESH =
      """
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: api-system}
      spec:
        mtls: {mode: STRICT}
      ---
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: tenants, namespace: api-system}
      spec:
        selector:
          matchLabels: {app: orders}
        jwtRules:
        - issuer: https://a.example.com
          jwksUri: https://a.example.com/keys
          audiences: [orders-a]
          outputPayloadToHeader: x-istio-jwt
        - issuer: https://b.example.com
          jwksUri: https://b.example.com/keys
          outputPayloadToHeader: x-istio-jwt
      """;

  @TempDir Path dir;
  private Path mesh;

  private final Logger alignment = (Logger) LoggerFactory.getLogger("io.meshguard.alignment");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void writeMesh() throws Exception {
    mesh = dir.resolve("mesh.yaml");
    Files.writeString(mesh, MESH);
    logs.start();
    alignment.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    alignment.detachAppender(logs);
  }

  private Map<String, String> settings() {
    Map<String, String> map = new HashMap<>();
    map.put("meshguard.trust-from-mesh", "true");
    map.put("meshguard.mesh-manifests", mesh.toString());
    map.put("meshguard.workload.namespace", "api-system");
    map.put("meshguard.workload.labels", "app=orders");
    map.put("meshguard.peer-source", "none");
    return map;
  }

  private static Decision decide(Meshguard guard, String header, String json) {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    MeshRequest request =
        MeshRequest.builder().method("GET").path("/orders").header(header, payload).build();
    return guard.decide(request, Requirement.authenticated());
  }

  private static String token(String issuer, String audience) {
    return "{\"iss\":\""
        + issuer
        + "\",\"sub\":\"alice\",\"aud\":\""
        + audience
        + "\",\"exp\":"
        + (NOW + 600)
        + "}";
  }

  private static ErrorCode code(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Denied.class);
    return ((Decision.Denied) decision).code();
  }

  @Test
  void startWhenTrustFromMeshThenTheMeshsIssuersAudiencesAndHeaderAreInForce() {
    MeshguardSpec spec = MeshguardSettings.read(settings(), CLOCK);

    assertThat(spec.payload().header()).isEqualTo("x-istio-jwt");
    assertThat(spec.meshTrust())
        .isEqualTo(
            new MeshTrust(
                List.of(
                    new ApplicationTrust.Issuer("https://a.example.com", List.of("orders-a")),
                    new ApplicationTrust.Issuer("https://b.example.com", List.of())),
                "x-istio-jwt"));
    try (Meshguard guard = spec.start()) {
      assertThat(decide(guard, "x-istio-jwt", token("https://a.example.com", "orders-a")))
          .isInstanceOf(Decision.Allowed.class);
      // tenant B's issuer has no audience rule in the mesh, so any aud passes, as at the sidecar
      assertThat(decide(guard, "x-istio-jwt", token("https://b.example.com", "anything")))
          .isInstanceOf(Decision.Allowed.class);
      // tenant A's issuer with tenant B's audience: refused, as the sidecar refuses it
      assertThat(code(decide(guard, "x-istio-jwt", token("https://a.example.com", "orders-b"))))
          .isEqualTo(ErrorCode.INVALID_TOKEN);
      assertThat(code(decide(guard, "x-istio-jwt", token("https://c.example.com", "orders-a"))))
          .isEqualTo(ErrorCode.INVALID_TOKEN);
      // the default header is not read: the mesh forwards the payload elsewhere
      assertThat(code(decide(guard, "x-jwt-payload", token("https://a.example.com", "orders-a"))))
          .isEqualTo(ErrorCode.MISSING_CREDENTIALS);
    }
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "meshguard takes its trust from the mesh: payload header x-istio-jwt, issuer"
                + " https://a.example.com with audiences [orders-a], issuer https://b.example.com"
                + " with any audience");
  }

  @Test
  void buildWhenTrustFromMeshAndIssuersAlsoSetThenRefused() {
    for (String key : List.of("issuers", "audiences")) {
      Map<String, String> map = settings();
      map.put("meshguard." + key, "https://a.example.com");
      assertThatExceptionOfType(InvalidSettingException.class)
          .isThrownBy(() -> MeshguardSettings.read(map, CLOCK))
          .withMessage(
              "Setting meshguard.trust-from-mesh takes the issuers and audiences from the mesh:"
                  + " remove meshguard.issuers, meshguard.audiences and meshguard.issuer-rules");
    }
    Map<String, String> rules = settings();
    rules.put("meshguard.issuer-rules[0].issuer", "https://a.example.com");
    rules.put("meshguard.issuer-rules[0].audiences", "*");
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(rules, CLOCK))
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.trust-from-mesh"));
  }

  @Test
  void buildWhenTrustFromMeshWithoutManifestsThenMissing() {
    Map<String, String> map = settings();
    map.remove("meshguard.mesh-manifests");

    assertThatExceptionOfType(MissingSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(map, CLOCK))
        .withMessage("Setting meshguard.mesh-manifests is required with meshguard.trust-from-mesh");
  }

  @Test
  void buildWhenAPayloadHeaderIsSetThenItMustBeTheMeshs() {
    Map<String, String> map = settings();
    map.put("meshguard.payload-header", "X-Istio-JWT");
    assertThat(MeshguardSettings.read(map, CLOCK).payload().header()).isEqualTo("x-istio-jwt");

    map.put("meshguard.payload-header", "x-payload");
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(map, CLOCK))
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.payload-header"))
        .withMessageContaining("the mesh forwards the payload in x-istio-jwt");
  }

  @Test
  void buildWhenTheMeshCannotGiveTheTrustThenRefusedNamingTrustFromMesh() throws Exception {
    Files.writeString(
        mesh,
        MESH.replace("  outputPayloadToHeader: x-istio-jwt\n", "  forwardOriginalToken: true\n"));

    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(settings(), CLOCK))
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.trust-from-mesh"))
        .withMessageContaining("has no outputPayloadToHeader");
  }

  @Test
  void buildWhenTrustFromMeshThenTheAlignmentCheckStillRunsOnWhatWasTaken() throws Exception {
    // The mesh trusts the header, but the sidecar does not intercept the application's port.
    Files.writeString(
        mesh,
        MESH
            + """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: orders, namespace: api-system}
            spec:
              template:
                metadata:
                  labels: {app: orders}
                  annotations:
                    traffic.sidecar.istio.io/excludeInboundPorts: "8080"
            """);
    Map<String, String> map = settings();
    map.put("meshguard.workload.port", "8080");

    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(map, CLOCK))
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.mesh-manifests"))
        .withMessageContaining("excludeInboundPorts");
  }

  @Test
  void driftWhenTheManifestsChangeThenLoggedOnceAndNotApplied() throws Exception {
    MeshguardSpec spec = MeshguardSettings.read(settings(), CLOCK);
    MeshTrust applied = spec.meshTrust();
    Workload orders = Workload.of("api-system", Map.of("app", "orders"));
    try (MeshTrustDrift drift =
        MeshTrustDrift.watch(List.of(mesh), orders, applied, Duration.ZERO)) {
      drift.check();
      assertThat(logs.list).noneMatch(event -> event.getFormattedMessage().contains("now give"));

      Files.writeString(mesh, MESH.replace("[orders-a]", "[orders-a, orders-c]"));
      drift.check();
      drift.check();
      assertThat(logs.list)
          .filteredOn(event -> event.getFormattedMessage().contains("now give"))
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel().toString()).isEqualTo("WARN");
                assertThat(event.getFormattedMessage())
                    .contains("audiences [orders-a, orders-c]")
                    .contains("meshguard keeps payload header x-istio-jwt, issuer")
                    .contains("until the application restarts (trust-from-mesh)");
              });

      Files.writeString(mesh, "not: [yaml");
      drift.check();
      assertThat(logs.list.get(logs.list.size() - 1).getFormattedMessage())
          .startsWith("meshguard mesh trust: cannot read the trust from the mesh manifests");

      Files.writeString(mesh, MESH);
      drift.check();
      assertThat(logs.list.get(logs.list.size() - 1))
          .satisfies(
              event -> {
                assertThat(event.getLevel().toString()).isEqualTo("INFO");
                assertThat(event.getFormattedMessage()).contains("give the trust in force again");
              });
    }
  }

  @Test
  void startWhenTrustFromMeshThenTheGuardOwnsTheDriftWatcher() throws Exception {
    Meshguard guard = MeshguardSettings.read(settings(), CLOCK).start();
    assertThat(watcherThreads()).isPositive();

    guard.close();
    for (int i = 0; i < 100 && watcherThreads() > 0; i++) {
      Thread.sleep(50);
    }
    assertThat(watcherThreads()).isZero();
  }

  private static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("meshguard-mesh-trust-watcher"))
        .filter(Thread::isAlive)
        .count();
  }
}
