package io.meshguard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.Meshguard;
import io.meshguard.core.payload.PayloadLimits;
import io.meshguard.core.route.Unmatched;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshguardSpecTests {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static final String POLICY =
      "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: x}\n"
          + "spec: {action: ALLOW, rules: [{}]}\n";

  private static MeshguardSpec.Builder minimal(String prefix) {
    return MeshguardSpec.builder(prefix)
        .clock(CLOCK)
        .issuers(List.of("https://auth.example.com"))
        .trustDomains(List.of("cluster.local"));
  }

  private static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("meshguard-file-watcher") && t.isAlive())
        .count();
  }

  @Test
  void buildWhenMinimalThenEveryDefaultComesFromOnePlace() {
    MeshguardSpec spec = minimal("meshguard.").build();
    assertThat(spec.payload())
        .isEqualTo(
            new MeshguardSpec.Payload(
                MeshguardSpec.DEFAULT_PAYLOAD_HEADER, false, false, PayloadLimits.DEFAULTS));
    assertThat(spec.claims().clockSkew()).isEqualTo(MeshguardSpec.DEFAULT_CLOCK_SKEW);
    assertThat(spec.claims().requireExpiration()).isTrue();
    assertThat(spec.peer())
        .isEqualTo(
            new MeshguardSpec.PeerSource.Xfcc(
                List.of("cluster.local"), MeshguardSpec.DEFAULT_XFCC_HEADER, null));
    assertThat(spec.policy()).isNull();
    assertThat(spec.routes().unmatched())
        .isEqualTo(MeshguardSpec.unmatched("meshguard.", MeshguardSpec.DEFAULT_UNMATCHED))
        .isEqualTo(Unmatched.DENY);
  }

  @Test
  void buildWhenIssuerOrAudienceHoldsACommaThenItStaysOneValue() {
    MeshguardSpec spec =
        minimal("meshguard.")
            .issuers(List.of("https://auth.example.com/a,b"))
            .audiences(List.of("orders,billing"))
            .build();
    assertThat(spec.claims().issuers()).containsExactly("https://auth.example.com/a,b");
    try (Meshguard guard = spec.start()) {
      assertThat(guard.claimsValidator().issuers()).containsExactly("https://auth.example.com/a,b");
      assertThat(guard.claimsValidator().audiences()).containsExactly("orders,billing");
    }
  }

  @Test
  void buildWhenInvalidThenTheMessageNamesTheKeyWithTheAdaptersPrefix() {
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> minimal("quarkus.meshguard.").peerSource("header").build())
        .withMessage(
            "Setting quarkus.meshguard.peer-source must be xfcc, client-certificate or none")
        .satisfies(e -> assertThat(e.key()).isEqualTo("quarkus.meshguard.peer-source"));
    assertThatExceptionOfType(MissingSettingException.class)
        .isThrownBy(() -> MeshguardSpec.builder("quarkus.meshguard.").build())
        .withMessage("Setting quarkus.meshguard.issuers is required");
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> minimal("quarkus.meshguard.").route(0, "GET /a bogus").build())
        .satisfies(e -> assertThat(e.key()).isEqualTo("quarkus.meshguard.routes[0]"));
  }

  @Test
  void startWhenPolicyFileInvalidThenTheFilePathIsQuotedAsIs(@TempDir Path dir) throws Exception {
    // A path containing "meshguard." must not be rewritten into "quarkus.meshguard.".
    Path policy = Files.createDirectories(dir.resolve("meshguard.d")).resolve("policy.yaml");
    Files.writeString(policy, "kind: AuthorizationPolicy\nspec: {action: CUSTOM}\n");
    MeshguardSpec spec =
        minimal("quarkus.meshguard.")
            .policyFile(policy.toString())
            .workloadNamespace("api-system")
            .build();
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(spec::start)
        .withMessageStartingWith("Setting quarkus.meshguard.policy-file: " + policy + ": ")
        .satisfies(e -> assertThat(e.key()).isEqualTo("quarkus.meshguard.policy-file"));
  }

  @Test
  void buildWhenARouteIsInvalidThenNoWatcherStarts(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    long before = watcherThreads();
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(
            () ->
                minimal("meshguard.")
                    .policyFile(policy.toString())
                    .workloadNamespace("api-system")
                    .route(0, "GET /a bogus")
                    .build());
    assertThat(watcherThreads()).isEqualTo(before);
  }

  @Test
  void startWhenPolicyFileThenTheGuardOwnsAndStopsItsWatcher(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    MeshguardSpec spec =
        minimal("meshguard.").policyFile(policy.toString()).workloadNamespace("api-system").build();
    long before = watcherThreads();
    Meshguard guard = spec.start();
    assertThat(guard.policies().isEmpty()).isFalse();
    assertThat(watcherThreads()).isEqualTo(before + 1);
    guard.toBuilder().build().close(); // a variant owns nothing
    assertThat(watcherThreads()).isEqualTo(before + 1);
    guard.close();
    for (int i = 0; i < 100 && watcherThreads() > before; i++) {
      Thread.sleep(10);
    }
    assertThat(watcherThreads()).isEqualTo(before);
  }

  @Test
  void buildWhenAFileOrIdSettingIsEmptyThenRefusedRatherThanIgnored() {
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(
            () -> minimal("meshguard.").peerSource("client-certificate").trustBundle("").build())
        .withMessage("Setting meshguard.trust-bundle names no file");
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> minimal("meshguard.").expectedBy("").build())
        .satisfies(e -> assertThat(e.key()).isEqualTo("meshguard.expected-by"));
  }

  @Test
  void unmatchedWhenTextThenParsedInAnyCaseElseNamesTheKey() {
    assertThat(MeshguardSpec.unmatched("meshguard.", "Not-Found")).isEqualTo(Unmatched.NOT_FOUND);
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSpec.unmatched("quarkus.meshguard.", "allow"))
        .withMessage(
            "Setting quarkus.meshguard.unmatched must be deny, not-found or authenticated");
  }
}
