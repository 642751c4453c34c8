package io.meshguard.core.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.policy.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshTrustTests {

  private static final Workload ORDERS = Workload.of("api-system", Map.of("app", "orders"));

  private static String requestAuthentication(String name, String selector, String jwtRules) {
    return "apiVersion: security.istio.io/v1\n"
        + "kind: RequestAuthentication\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "  namespace: api-system\n"
        + "spec:\n"
        + selector
        + "  jwtRules:\n"
        + jwtRules;
  }

  private static final String ORDERS_SELECTOR = "  selector:\n    matchLabels: {app: orders}\n";

  private static MeshTrust trust(String yaml) {
    return MeshTrust.of(MeshManifests.read("mesh.yaml", yaml), ORDERS);
  }

  @Test
  void ofWhenTheExamplesMeshThenItsIssuerWithAnyAudienceAndItsHeader() throws Exception {
    MeshTrust trust = MeshTrust.of(MeshManifests.read(Path.of("../examples/mesh")), ORDERS);

    assertThat(trust.payloadHeader()).isEqualTo("x-jwt-payload");
    assertThat(trust.issuers())
        .containsExactly(new ApplicationTrust.Issuer("https://auth.example.com", List.of()));
    assertThat(trust.describe())
        .isEqualTo(
            "payload header x-jwt-payload, issuer https://auth.example.com with any audience");
  }

  @Test
  void ofWhenTwoRulesNameOneIssuerThenTheirAudiencesAreJoinedAsTheSidecarAcceptsEither() {
    MeshTrust trust =
        trust(
            requestAuthentication(
                    "a",
                    ORDERS_SELECTOR,
                    "  - issuer: https://a.example.com\n"
                        + "    audiences: [orders]\n"
                        + "    outputPayloadToHeader: X-JWT-Payload\n"
                        + "  - issuer: https://b.example.com\n"
                        + "    audiences: [billing]\n"
                        + "    outputPayloadToHeader: x-jwt-payload\n")
                + "---\n"
                + requestAuthentication(
                    "b",
                    "",
                    "  - issuer: https://a.example.com\n"
                        + "    audiences: [orders, https://orders.example.com/]\n"
                        + "    outputPayloadToHeader: x-jwt-payload\n"));

    assertThat(trust.payloadHeader()).isEqualTo("x-jwt-payload");
    assertThat(trust.issuers())
        .containsExactly(
            new ApplicationTrust.Issuer(
                "https://a.example.com", List.of("orders", "https://orders.example.com/")),
            new ApplicationTrust.Issuer("https://b.example.com", List.of("billing")));
  }

  @Test
  void ofWhenOneOfTheRulesOfAnIssuerHasNoAudiencesThenAnyAudience() {
    MeshTrust trust =
        trust(
            requestAuthentication(
                "a",
                ORDERS_SELECTOR,
                "  - issuer: https://a.example.com\n"
                    + "    audiences: [orders]\n"
                    + "    outputPayloadToHeader: x-jwt-payload\n"
                    + "  - issuer: https://a.example.com\n"
                    + "    outputPayloadToHeader: x-jwt-payload\n"));

    assertThat(trust.issuers())
        .containsExactly(new ApplicationTrust.Issuer("https://a.example.com", List.of()));
  }

  @Test
  void ofReadsOnlyTheRequestAuthenticationsThatSelectTheWorkload() {
    MeshTrust trust =
        trust(
            requestAuthentication(
                    "orders",
                    ORDERS_SELECTOR,
                    "  - issuer: https://a.example.com\n"
                        + "    outputPayloadToHeader: x-jwt-payload\n")
                + "---\n"
                // another workload's rule, and one attached to a gateway: not the sidecar's
                + requestAuthentication(
                    "billing",
                    "  selector:\n    matchLabels: {app: billing}\n",
                    "  - issuer: https://billing.example.com\n"
                        + "    outputPayloadToHeader: x-other\n")
                + "---\n"
                + requestAuthentication(
                    "gateway",
                    "  targetRefs:\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}\n",
                    "  - issuer: https://gateway.example.com\n"
                        + "    outputPayloadToHeader: x-other\n"));

    assertThat(trust.issuers())
        .extracting(ApplicationTrust.Issuer::issuer)
        .containsExactly("https://a.example.com");
    assertThat(trust.payloadHeader()).isEqualTo("x-jwt-payload");
  }

  @Test
  void ofWhenTheArticlesPairThenRefusedNamingTheSecondHeaderAndItsLine() throws Exception {
    Path pair =
        Path.of(
            getClass().getResource("/io/meshguard/core/mesh/article-misaligned-pair.yaml").toURI());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> MeshTrust.of(MeshManifests.read(pair), ORDERS))
        .withMessageContaining("RequestAuthentication api-system/jwt-partner:32")
        .withMessageContaining(
            "forwards the payload in x-istio-jwt but an earlier one in x-jwt-payload");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no issuer         | '  - jwksUri: https://a.example.com/keys\\n    outputPayloadToHeader: x-jwt-payload\\n' | :10: the jwtRule has no issuer, so the sidecar accepts any iss; name it
          no payload header | '  - issuer: https://a.example.com\\n'                                                 | :10: the jwtRule for issuer 'https://a.example.com' has no outputPayloadToHeader
          empty header      | '  - issuer: https://a.example.com\\n    outputPayloadToHeader: \"\"\\n'              | :11: the jwtRule for issuer 'https://a.example.com' has no outputPayloadToHeader
          """)
  void ofWhenARuleCannotBeTakenOverThenRefusedWithItsDocumentAndLine(
      String name, String rules, String expected) {
    String yaml = requestAuthentication("a", ORDERS_SELECTOR, rules.replace("\\n", "\n"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> trust(yaml))
        .withMessageStartingWith("cannot take the trust from the mesh:")
        .withMessageContaining("mesh.yaml#1 RequestAuthentication api-system/a" + expected);
  }

  @Test
  void ofWhenNothingSelectsTheWorkloadThenRefused() {
    String yaml =
        requestAuthentication(
            "billing",
            "  selector:\n    matchLabels: {app: billing}\n",
            "  - issuer: https://a.example.com\n    outputPayloadToHeader: x-jwt-payload\n");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> trust(yaml))
        .withMessage(
            "no RequestAuthentication with jwtRules selects workload api-system {app=orders} in the"
                + " 1 documents read");
  }
}
