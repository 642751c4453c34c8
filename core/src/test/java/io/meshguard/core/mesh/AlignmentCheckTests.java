package io.meshguard.core.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.mesh.Finding.Kind;
import io.meshguard.core.mesh.Finding.Severity;
import io.meshguard.core.policy.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlignmentCheckTests {

  private static final Workload ORDERS = Workload.of("api-system", Map.of("app", "orders"));
  private static final String ISSUER = "https://auth.example.com";
  private static final ApplicationTrust TRUST =
      ApplicationTrust.of(List.of(ISSUER), List.of(), "x-jwt-payload", true, true);
  private static final AlignmentCheck CHECK = new AlignmentCheck(ORDERS, 8080, TRUST);

  private static MeshManifests resource(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(AlignmentCheckTests.class.getResourceAsStream(name), name)) {
      return MeshManifests.read(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** A finding as {@code SEVERITY KIND document-number:line}, for exact table assertions. */
  private static List<String> summary(List<Finding> findings) {
    return findings.stream()
        .map(
            finding ->
                finding.severity()
                    + " "
                    + finding.kind()
                    + " "
                    + (finding.document().equals("(none)")
                        ? "-"
                        : finding
                            .document()
                            .substring(finding.document().indexOf('#') + 1)
                            .split(" ")[0])
                    + ":"
                    + finding.line())
        .toList();
  }

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of("aligned.yaml", List.of()),
        Arguments.of("xfcc-sanitize-set.yaml", List.of()),
        Arguments.of(
            "no-request-authentication.yaml", List.of("ERROR NO_REQUEST_AUTHENTICATION -:0")),
        Arguments.of("payload-header-unset.yaml", List.of("ERROR PAYLOAD_HEADER_UNSET 4:47")),
        Arguments.of("payload-header-mismatch.yaml", List.of("ERROR PAYLOAD_HEADER_MISMATCH 4:49")),
        Arguments.of(
            "issuer-not-validated.yaml",
            List.of(
                "ERROR ISSUER_NOT_VALIDATED 4:38", "WARNING ISSUER_REJECTED_BY_APPLICATION 4:47")),
        Arguments.of("claim-header-collision.yaml", List.of("ERROR CLAIM_HEADER_COLLISION 4:51")),
        Arguments.of(
            "token-location.yaml",
            List.of("WARNING TOKEN_LOCATION 4:51", "WARNING TOKEN_LOCATION 4:52")),
        Arguments.of("port-excluded.yaml", List.of("ERROR PORT_NOT_INTERCEPTED 2:22")),
        Arguments.of("port-not-included.yaml", List.of("ERROR PORT_NOT_INTERCEPTED 2:22")),
        Arguments.of("injection-off-pod.yaml", List.of("ERROR INJECTION_DISABLED 2:20")),
        Arguments.of("injection-off-namespace.yaml", List.of("ERROR INJECTION_DISABLED 1:6")),
        Arguments.of("injection-not-enabled.yaml", List.of("ERROR INJECTION_DISABLED 1:1")),
        Arguments.of("interception-none.yaml", List.of("ERROR INTERCEPTION_DISABLED 2:22")),
        Arguments.of(
            "proxy-config-interception-none.yaml", List.of("ERROR INTERCEPTION_DISABLED 2:22")),
        Arguments.of("xfcc-forward-only.yaml", List.of("ERROR XFCC_NOT_APPENDED 2:22")),
        Arguments.of("xfcc-without-uri.yaml", List.of("ERROR XFCC_WITHOUT_URI 2:22")),
        Arguments.of(
            "mesh-default-xfcc-forward-only.yaml", List.of("ERROR XFCC_NOT_APPENDED 6:75")),
        Arguments.of("mesh-default-overridden.yaml", List.of()),
        Arguments.of(
            "istio-operator-interception-none.yaml", List.of("ERROR INTERCEPTION_DISABLED 6:75")),
        Arguments.of("ambient.yaml", List.of("ERROR AMBIENT_MODE 1:6")),
        Arguments.of(
            "peer-permissive.yaml", List.of("WARNING PEER_AUTHENTICATION_NOT_STRICT 5:62")),
        Arguments.of(
            "no-peer-authentication.yaml", List.of("WARNING PEER_AUTHENTICATION_NOT_STRICT -:0")),
        Arguments.of(
            "unmatchable-issuer-policy.yaml",
            List.of(
                "WARNING UNMATCHABLE_ISSUER_IN_POLICY 5:64",
                "WARNING UNMATCHABLE_ISSUER_IN_POLICY 5:70",
                "WARNING UNMATCHABLE_ISSUER_IN_POLICY 5:72")),
        Arguments.of(
            "article-misaligned-pair.yaml",
            List.of(
                "ERROR PAYLOAD_HEADER_MISMATCH 2:32",
                "ERROR PAYLOAD_HEADERS_DIFFER 2:32",
                "WARNING ISSUER_REJECTED_BY_APPLICATION 2:30",
                "WARNING PEER_AUTHENTICATION_NOT_STRICT -:0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void checkWhenManifestsThenFindingsAtTheirLines(String name, List<String> expected)
      throws IOException {
    List<Finding> findings = CHECK.check(resource(name));

    assertThat(summary(findings)).containsExactlyElementsOf(expected);
    assertThat(AlignmentCheck.hasErrors(findings))
        .isEqualTo(expected.stream().anyMatch(line -> line.startsWith("ERROR")));
    assertThat(findings)
        .allSatisfy(
            finding -> {
              assertThat(finding.message()).isNotBlank();
              assertThat(finding.fix()).isNotBlank();
            });
  }

  @Test
  void checkWhenExamplesMeshThenAligned() throws IOException {
    // the examples' real manifests: no workload template there, so injection is Istio's default
    MeshManifests examples = MeshManifests.read(Path.of("..", "examples", "mesh"));

    assertThat(examples.size()).isEqualTo(7);
    assertThat(CHECK.check(examples)).isEmpty();
  }

  @Test
  void checkWhenExamplesMeshAndAnotherHeaderThenTheMismatchAtItsLine() throws IOException {
    MeshManifests examples = MeshManifests.read(Path.of("..", "examples", "mesh"));
    ApplicationTrust other =
        ApplicationTrust.of(List.of(ISSUER), List.of(), "x-istio-jwt", false, false);

    List<Finding> findings = new AlignmentCheck(ORDERS, 8080, other).check(examples);

    assertThat(findings)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.kind()).isEqualTo(Kind.PAYLOAD_HEADER_MISMATCH);
              assertThat(finding.document())
                  .endsWith("security.yaml#2 RequestAuthentication api-system/orders-jwt");
              assertThat(finding.line()).isEqualTo(24);
            });
  }

  @Test
  void checkWhenArticlePairThenBothHeadersNamed() throws IOException {
    List<Finding> findings = CHECK.check(resource("article-misaligned-pair.yaml"));

    assertThat(findings.get(1).message())
        .contains("x-jwt-payload, x-istio-jwt")
        .doesNotContain("eyJ");
    assertThat(findings.get(1).fix())
        .isEqualTo("Use one outputPayloadToHeader in every jwtRule: x-jwt-payload");
  }

  @Test
  void checkWhenAudiencesShareNoValueThenError() throws IOException {
    ApplicationTrust audiences =
        ApplicationTrust.of(List.of(ISSUER), List.of("orders"), "x-jwt-payload", true, true);

    List<Finding> findings =
        new AlignmentCheck(ORDERS, 8080, audiences).check(resource("audiences-disjoint.yaml"));

    assertThat(summary(findings)).containsExactly("ERROR AUDIENCES_DISJOINT 4:50");
  }

  @Test
  void checkWhenAudiencesEqualAfterEnvoysNormalisationThenAligned() throws IOException {
    // jwt_verify_lib strips the scheme and one trailing slash on both sides
    ApplicationTrust audiences =
        ApplicationTrust.of(
            List.of(ISSUER), List.of("billing.example.com"), "x-jwt-payload", true, true);

    assertThat(
            new AlignmentCheck(ORDERS, 8080, audiences).check(resource("audiences-disjoint.yaml")))
        .isEmpty();
  }

  @Test
  void checkWhenPerIssuerAudiencesThenOnlyThatIssuersRuleCompared() throws IOException {
    ApplicationTrust perIssuer =
        new ApplicationTrust(
            List.of(
                new ApplicationTrust.Issuer(ISSUER, List.of("https://billing.example.com")),
                new ApplicationTrust.Issuer("https://partner.example.net", List.of("partner"))),
            "x-jwt-payload",
            false,
            false);

    List<Finding> findings =
        new AlignmentCheck(ORDERS, 8080, perIssuer).check(resource("audiences-disjoint.yaml"));

    assertThat(summary(findings)).containsExactly("ERROR ISSUER_NOT_VALIDATED 4:38");
  }

  @Test
  void checkWhenAmbientAndNoPeerRequiredThenWarning() throws IOException {
    ApplicationTrust noPeer =
        ApplicationTrust.of(List.of(ISSUER), List.of(), "x-jwt-payload", false, false);

    assertThat(summary(new AlignmentCheck(ORDERS, 8080, noPeer).check(resource("ambient.yaml"))))
        .containsExactly("WARNING AMBIENT_MODE 1:6");
  }

  @Test
  void checkWhenXfccNotReadThenForwardedClientCertIgnored() throws IOException {
    ApplicationTrust noXfcc =
        ApplicationTrust.of(List.of(ISSUER), List.of(), "x-jwt-payload", false, false);

    assertThat(new AlignmentCheck(ORDERS, 8080, noXfcc).check(resource("xfcc-forward-only.yaml")))
        .isEmpty();
  }

  @Test
  void checkWhenOnlyTheMeshDefaultIsKnownThenItAloneDecides() {
    MeshManifests manifests =
        MeshManifests.read(
            "mesh.yaml",
            """
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: orders-jwt, namespace: api-system}
            spec:
              selector: {matchLabels: {app: orders}}
              jwtRules:
              - issuer: https://auth.example.com
                outputPayloadToHeader: x-jwt-payload
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio-1-24, namespace: istio-system}
            data:
              mesh: "defaultConfig: {proxyHeaders: {setCurrentClientCertDetails: {uri: false}}}"
            """);

    List<Finding> findings = CHECK.check(manifests);

    assertThat(summary(findings)).containsExactly("ERROR XFCC_WITHOUT_URI 3:19");
    assertThat(findings.get(0).message())
        .startsWith("meshConfig.defaultConfig sets proxyHeaders.setCurrentClientCertDetails.uri");
  }

  @Test
  void checkWhenTheMeshConfigIsInAnotherNamespaceThanTheRootThenNotTheMeshDefault() {
    MeshManifests manifests =
        MeshManifests.read(
            "mesh.yaml",
            """
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: orders-jwt, namespace: api-system}
            spec:
              selector: {matchLabels: {app: orders}}
              jwtRules:
              - issuer: https://auth.example.com
                outputPayloadToHeader: x-jwt-payload
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: istio, namespace: api-system}
            data:
              mesh: "defaultConfig: {proxyHeaders: {forwardedClientCert: FORWARD_ONLY}}"
            """);

    assertThat(CHECK.check(manifests)).isEmpty();
  }

  @Test
  void checkWhenPortUnknownThenPortAnnotationsNotChecked() throws IOException {
    assertThat(new AlignmentCheck(ORDERS, 0, TRUST).check(resource("port-excluded.yaml")))
        .isEmpty();
  }

  @Test
  void checkWhenAnotherPortIsExcludedThenAligned() throws IOException {
    assertThat(
            summary(new AlignmentCheck(ORDERS, 9091, TRUST).check(resource("port-excluded.yaml"))))
        .isEmpty();
  }

  @Test
  void checkWhenPortReservedByIstioThenNotIntercepted() throws IOException {
    assertThat(summary(new AlignmentCheck(ORDERS, 15021, TRUST).check(resource("aligned.yaml"))))
        .containsExactly("ERROR PORT_NOT_INTERCEPTED 2:0");
  }

  @Test
  void checkWhenWorkloadOfAnotherNamespaceThenNoRequestAuthenticationSelectsIt()
      throws IOException {
    Workload billing = Workload.of("billing", Map.of("app", "orders"));

    assertThat(summary(new AlignmentCheck(billing, 8080, TRUST).check(resource("aligned.yaml"))))
        .containsExactly(
            "ERROR NO_REQUEST_AUTHENTICATION -:0", "WARNING PEER_AUTHENTICATION_NOT_STRICT -:0");
  }

  @Test
  void findingsWhenErrorsAndWarningsThenErrorsFirst() throws IOException {
    List<Finding> findings = CHECK.check(resource("article-misaligned-pair.yaml"));

    assertThat(findings)
        .extracting(Finding::severity)
        .containsExactly(Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.WARNING);
  }

  @Test
  void readWhenDirectoryThenEveryYamlFileInPathOrder() throws IOException {
    Path directory = Path.of("src", "test", "resources", "io", "meshguard", "core", "mesh");
    String[] files = Objects.requireNonNull(directory.toFile().list());
    Arrays.sort(files);

    MeshManifests all = MeshManifests.read(directory);

    assertThat(all.documents().get(0).source()).endsWith(files[0]);
    assertThat(all.size()).isGreaterThan(files.length);
  }

  @Test
  void readWhenNotYamlThenExceptionNamesFileAndLine() {
    assertThatExceptionOfType(MeshManifestException.class)
        .isThrownBy(() -> MeshManifests.read("bad.yaml", "a: 1\nb: [\n"))
        .satisfies(e -> assertThat(e.source()).isEqualTo("bad.yaml"))
        .withMessageStartingWith("bad.yaml");
  }

  @Test
  void readWhenAnchorThenRefusedAtItsLine() {
    assertThatExceptionOfType(MeshManifestException.class)
        .isThrownBy(
            () ->
                MeshManifests.read(
                    "anchor.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: &m\n  name: x\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void readWhenDocumentHasNoKindThenSkipped() {
    MeshManifests manifests =
        MeshManifests.read("values.yaml", "replicas: 2\n---\napiVersion: v1\nkind: Namespace\n");

    assertThat(manifests.size()).isEqualTo(1);
  }

  @Test
  void applicationTrustWhenHeaderMixedCaseThenLowerCased() {
    assertThat(
            ApplicationTrust.of(List.of(), List.of(), "X-Jwt-Payload", false, false)
                .payloadHeader())
        .isEqualTo("x-jwt-payload");
  }

  /**
   * A Namespace with {@code namespaceLabels}, the orders Deployment with {@code podLabels}, {@code
   * podAnnotations} and {@code podSpec} lines, and an aligned RequestAuthentication and
   * PeerAuthentication.
   */
  private static MeshManifests template(
      String namespaceLabels, String podLabels, String podAnnotations, String podSpec)
      throws IOException {
    String yaml =
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: api-system\n  labels: "
            + namespaceLabels
            + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n"
            + "  namespace: api-system\nspec:\n  template:\n    metadata:\n"
            + "      labels: {app: orders"
            + podLabels
            + "}\n      annotations: {"
            + podAnnotations
            + "}\n    spec:\n"
            + podSpec
            + "      containers: [{name: orders, image: orders}]\n---\n";
    String aligned = readResource("aligned.yaml");
    // the aligned file's PeerAuthentication and RequestAuthentication (documents 3 and 4)
    String[] documents = aligned.split("(?m)^---\n");
    return MeshManifests.read("variants.yaml", yaml + documents[2] + "---\n" + documents[3]);
  }

  private static String readResource(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(AlignmentCheckTests.class.getResourceAsStream(name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<Arguments> templates() {
    String injected = "{istio-injection: enabled}";
    return Stream.of(
        // a pod that asks for a sidecar keeps it in an ambient namespace
        Arguments.of(
            "{istio.io/dataplane-mode: ambient}",
            ", sidecar.istio.io/inject: \"true\"",
            "",
            "",
            List.of()),
        // istio.io/dataplane-mode: none opts the pod out of ambient; the namespace injects nothing
        Arguments.of(
            "{istio.io/dataplane-mode: ambient}",
            ", istio.io/dataplane-mode: none",
            "",
            "",
            List.of("ERROR INJECTION_DISABLED")),
        Arguments.of(
            "{}", ", istio.io/dataplane-mode: ambient", "", "", List.of("ERROR AMBIENT_MODE")),
        // the deprecated annotation still switches injection off
        Arguments.of(
            injected,
            "",
            "sidecar.istio.io/inject: \"false\"",
            "",
            List.of("ERROR INJECTION_DISABLED")),
        Arguments.of(
            injected, "", "", "      hostNetwork: true\n", List.of("ERROR INJECTION_DISABLED")),
        Arguments.of("{istio.io/rev: canary}", "", "", "", List.of()),
        Arguments.of("{}", ", sidecar.istio.io/inject: \"true\"", "", "", List.of()),
        Arguments.of(
            injected, "", "traffic.sidecar.istio.io/includeInboundPorts: \"*\"", "", List.of()),
        Arguments.of(
            injected,
            "",
            "traffic.sidecar.istio.io/includeInboundPorts: \"8443,8080\"",
            "",
            List.of()),
        // an empty list redirects nothing
        Arguments.of(
            injected,
            "",
            "traffic.sidecar.istio.io/includeInboundPorts: \"\"",
            "",
            List.of("ERROR PORT_NOT_INTERCEPTED")),
        Arguments.of(
            injected,
            "",
            "proxy.istio.io/config: \"proxyHeaders: {forwardedClientCert: SANITIZE}\"",
            "",
            List.of("ERROR XFCC_NOT_APPENDED")),
        Arguments.of(
            injected,
            "",
            "proxy.istio.io/config: \"proxyHeaders: {forwardedClientCert: ALWAYS_FORWARD_ONLY}\"",
            "",
            List.of("ERROR XFCC_NOT_APPENDED")),
        Arguments.of(
            injected,
            "",
            "proxy.istio.io/config: \"proxyHeaders: {forwardedClientCert: APPEND_FORWARD}\"",
            "",
            List.of()),
        Arguments.of(
            injected, "", "proxy.istio.io/config: \"a: [\"", "", List.of("WARNING UNREADABLE")));
  }

  @ParameterizedTest
  @MethodSource("templates")
  void checkWhenWorkloadTemplateThenInjectionInterceptionAndXfccFindings(
      String namespaceLabels,
      String podLabels,
      String podAnnotations,
      String podSpec,
      List<String> expected)
      throws IOException {
    MeshManifests manifests = template(namespaceLabels, podLabels, podAnnotations, podSpec);

    assertThat(CHECK.check(manifests))
        .extracting(finding -> finding.severity() + " " + finding.kind())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void formatWhenFindingThenOneLineWithPlaceMessageAndFix() throws IOException {
    Finding mismatch = CHECK.check(resource("payload-header-mismatch.yaml")).get(0);

    assertThat(mismatch.format())
        .isEqualTo(
            "ERROR payload-header-mismatch.yaml#4 RequestAuthentication api-system/orders-jwt:49:"
                + " The jwtRule for issuer 'https://auth.example.com' forwards the payload in"
                + " x-istio-jwt but the application reads x-jwt-payload. Fix: Set"
                + " outputPayloadToHeader: x-jwt-payload (or the application's payload header to"
                + " x-istio-jwt if every jwtRule uses it)");
  }
}
