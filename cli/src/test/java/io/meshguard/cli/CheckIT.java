package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckIT {

  private static final String ISSUER = "https://auth.example.com";

  private static java.util.List<String> checkOrders() {
    java.util.List<String> args = new java.util.ArrayList<>();
    args.add("check");
    args.addAll(Cli.ORDERS);
    return args;
  }

  @Test
  void checkWhenExamplesMeshThenAlignedExit0() {
    Cli.Run run = Cli.run(checkOrders(), "--port", "8080", "--issuers", ISSUER);

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("workload api-system {app=orders}, port 8080, 7 documents")
        .contains("ALIGNED: 0 errors, 0 warnings (--fail-on error)")
        .doesNotContain("ERROR", "WARNING");
  }

  @Test
  void checkWhenPayloadHeaderMisalignedThenTheFindingAtItsLineAndExit1(@TempDir Path dir)
      throws Exception {
    Path mesh = Cli.copyOfExamplesMesh(dir);
    Cli.replace(
        mesh.resolve("security.yaml"),
        "outputPayloadToHeader: x-jwt-payload",
        "outputPayloadToHeader: x-istio-jwt");

    Cli.Run run =
        Cli.run(
            "check",
            "--mesh-manifests",
            mesh.toString(),
            "--workload-namespace",
            "api-system",
            "--workload-label",
            "app=orders",
            "--port",
            "8080",
            "--issuers",
            ISSUER);

    assertThat(run.exit()).as("%s", run).isEqualTo(1);
    assertThat(run.out())
        .contains("ERROR PAYLOAD_HEADER_MISMATCH")
        .contains(
            "at "
                + mesh.resolve("security.yaml")
                + "#2 RequestAuthentication api-system/orders-jwt, line 24")
        .contains("forwards the payload in x-istio-jwt but the application reads x-jwt-payload")
        .contains("Fix: Set outputPayloadToHeader: x-jwt-payload")
        .contains("NOT ALIGNED: 1 error, 0 warnings (--fail-on error)");
  }

  @Test
  void checkWhenTheArticlesMisalignedPairThenBothHeaderFindings() {
    Cli.Run run =
        Cli.run(
            "check",
            "--mesh-manifests",
            Path.of("..", "core", "src", "test", "resources", "io", "meshguard", "core", "mesh")
                .resolve("article-misaligned-pair.yaml")
                .toString(),
            "--workload-namespace",
            "api-system",
            "--workload-label",
            "app=orders",
            "--issuers",
            ISSUER,
            "--format",
            "json");

    assertThat(run.exit()).as("%s", run).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("aligned").booleanValue()).isFalse();
    assertThat(json.get("errors").intValue()).isEqualTo(2);
    assertThat(json.get("warnings").intValue()).isEqualTo(2);
    assertThat(json.get("findings").findValuesAsText("kind"))
        .containsExactly(
            "PAYLOAD_HEADER_MISMATCH",
            "PAYLOAD_HEADERS_DIFFER",
            "ISSUER_REJECTED_BY_APPLICATION",
            "PEER_AUTHENTICATION_NOT_STRICT");
    JsonNode differ = json.get("findings").get(1);
    assertThat(differ.get("severity").textValue()).isEqualTo("ERROR");
    assertThat(differ.get("line").intValue()).isEqualTo(32);
    assertThat(differ.get("document").textValue())
        .endsWith("article-misaligned-pair.yaml#2 RequestAuthentication api-system/jwt-partner");
    assertThat(differ.get("message").textValue()).contains("x-jwt-payload, x-istio-jwt");
    assertThat(differ.get("fix").textValue())
        .isEqualTo("Use one outputPayloadToHeader in every jwtRule: x-jwt-payload");
  }

  @Test
  void checkWhenJsonThenTheWorkloadAndCountsAsFields() {
    Cli.Run run = Cli.run(checkOrders(), "--port", "8080", "--issuers", ISSUER, "--format", "json");

    assertThat(run.exit()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("workload").get("namespace").textValue()).isEqualTo("api-system");
    assertThat(json.get("workload").get("labels").get("app").textValue()).isEqualTo("orders");
    assertThat(json.get("workload").get("port").intValue()).isEqualTo(8080);
    assertThat(json.get("documents").intValue()).isEqualTo(7);
    assertThat(json.get("aligned").booleanValue()).isTrue();
    assertThat(json.get("findings")).isEmpty();
  }

  @Test
  void checkWhenOnlyAWarningThenExit0UnlessFailOnWarn(@TempDir Path dir) throws Exception {
    Path mesh = Cli.copyOfExamplesMesh(dir);
    Cli.replace(mesh.resolve("security.yaml"), "mode: STRICT", "mode: PERMISSIVE");
    String[] args = {
      "check",
      "--mesh-manifests",
      mesh.toString(),
      "--workload-namespace",
      "api-system",
      "--workload-label",
      "app=orders",
      "--port",
      "8080"
    };

    Cli.Run lenient = Cli.run(args);
    Cli.Run strict = Cli.run(java.util.List.of(args), "--fail-on", "warn");

    assertThat(lenient.exit()).as("%s", lenient).isZero();
    assertThat(lenient.out())
        .contains("WARNING PEER_AUTHENTICATION_NOT_STRICT", "ALIGNED: 0 errors, 1 warning");
    assertThat(strict.exit()).as("%s", strict).isEqualTo(1);
    assertThat(strict.out()).contains("NOT ALIGNED: 0 errors, 1 warning (--fail-on warn)");
  }

  @Test
  void checkWhenAnIssuerTheMeshDoesNotValidateThenIssuerNotValidated() {
    Cli.Run run = Cli.run(checkOrders(), "--issuers", "https://partner.example.net");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("ERROR ISSUER_NOT_VALIDATED", "https://partner.example.net");
  }

  @Test
  void checkWhenTheManifestsAreMissingThenInputErrorExit4() {
    Cli.Run run =
        Cli.run("check", "--mesh-manifests", "no/such/dir", "--workload-namespace", "api-system");

    assertThat(run.exit()).as("%s", run).isEqualTo(4);
    assertThat(run.err())
        .isEqualTo(
            "meshguard check: cannot read the mesh manifests: no such file: no/such/dir"
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void checkWhenTheManifestsAreNotYamlThenInputErrorNamingFileAndLine(@TempDir Path dir)
      throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "apiVersion: v1\nkind: [Pod\n");

    Cli.Run run =
        Cli.run("check", "--mesh-manifests", broken.toString(), "--workload-namespace", "ns");

    assertThat(run.exit()).as("%s", run).isEqualTo(4);
    assertThat(run.err())
        .startsWith("meshguard check: the mesh manifests cannot be read: " + broken);
    assertThat(run.err()).contains("line 3", "not valid YAML");
  }

  @Test
  void checkWhenNoWorkloadNamespaceThenUsageErrorExit2() {
    Cli.Run run = Cli.run("check", "--mesh-manifests", Cli.EXAMPLES_MESH);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--workload-namespace=NAMESPACE'");
  }
}
