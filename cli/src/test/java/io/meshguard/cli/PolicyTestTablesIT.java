package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PolicyTestTablesIT {

  private static final Path EXAMPLE_TABLE =
      Path.of(Cli.EXAMPLES_MESH, "tests", "policy-tests.yaml");

  /** A table over the examples' mesh, from a file in {@code dir}. */
  private static Path table(Path dir, String cases) throws Exception {
    Path file = dir.resolve("table.yaml");
    Files.writeString(
        file,
        "workload: {namespace: api-system, labels: {app: orders}}\n"
            + "manifests: ["
            + Path.of(Cli.EXAMPLES_MESH).toAbsolutePath().normalize()
            + "]\n"
            + "now: 2026-12-02T12:00:00Z\n"
            + "defaults:\n"
            + "  claims: {iss: https://auth.example.com, sub: alice, exp: 1893456000}\n"
            + "cases:\n"
            + cases);
    return file;
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void testWhenTheExamplesTableThenEveryCasePassesAndTheJunitXmlSaysSo(@TempDir Path dir)
      throws Exception {
    Path report = dir.resolve("reports").resolve("policy-tests.xml");

    Cli.Run run = Cli.run("test", EXAMPLE_TABLE.toString(), "--junit-xml", report.toString());

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("15 cases", "PASS  delete by an admin through the gateway (allowed)")
        .contains("PASS  anything from the sandbox (denied POLICY_DENIED)")
        .contains("15 passed, 0 failed")
        .doesNotContain("FAIL");
    Element suite = (Element) xml(report).getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("policy-tests");
    assertThat(suite.getAttribute("tests")).isEqualTo("15");
    assertThat(suite.getAttribute("failures")).isEqualTo("0");
    assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(15);
    assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void testWhenACaseExpectsTheWrongOutcomeThenFailsItExit1AndTheJunitXmlHasTheFailure(
      @TempDir Path dir) throws Exception {
    Path file =
        table(
            dir,
            "  - name: orders read\n"
                + "    request: {method: GET, path: /api/v1/orders}\n"
                + "    expect: allow\n"
                + "  - name: admin <delete> & \"escape\"\n"
                + "    request: {method: DELETE, path: /api/v1/orders/7, claims: {role: api-admin}}\n"
                + "    expect: allow\n"
                + "  - name: wrong code\n"
                + "    request: {method: GET, path: /api/v1/admin}\n"
                + "    expect: {deny: peer_denied}\n");
    Path report = dir.resolve("out.xml");

    Cli.Run run = Cli.run("test", file.toString(), "--junit-xml", report.toString());

    assertThat(run.exit()).as("%s", run).isEqualTo(1);
    assertThat(run.out())
        .contains("PASS  orders read (allowed)")
        .contains(
            "FAIL  admin <delete> & \"escape\" (line 10): expected allow, got denied POLICY_DENIED")
        .contains("policy: failed (denied: no ALLOW policy rule matched)")
        .contains("FAIL  wrong code (line 13): expected deny PEER_DENIED, got denied POLICY_DENIED")
        .contains("1 passed, 2 failed");
    Document xml = xml(report);
    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    NodeList cases = suite.getElementsByTagName("testcase");
    Element escaped = (Element) cases.item(1);
    assertThat(escaped.getAttribute("name")).isEqualTo("admin <delete> & \"escape\"");
    assertThat(escaped.getAttribute("classname")).isEqualTo("meshguard.table");
    Element failure = (Element) escaped.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("expected allow, got denied POLICY_DENIED");
    assertThat(failure.getTextContent())
        .startsWith("table.yaml line 10\n")
        .contains("ALLOW api-system/orders-api rule 2: from did not match");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void testWhenJsonThenEveryResultWithExpectedAndActual(@TempDir Path dir) throws Exception {
    Path file =
        table(
            dir,
            "  - name: no token\n"
                + "    request: {method: GET, path: /api/v1/orders, claims: null}\n"
                + "    expect: {deny: MISSING_CREDENTIALS}\n"
                + "  - name: a claim removed\n"
                + "    request: {method: GET, path: /api/v1/orders, claims: {exp: null}}\n"
                + "    expect: deny\n");

    Cli.Run run = Cli.run("test", file.toString(), "--format", "json");

    assertThat(run.exit()).as("%s", run).isZero();
    JsonNode json = run.json();
    assertThat(json.get("passed").intValue()).isEqualTo(2);
    assertThat(json.get("failed").intValue()).isZero();
    assertThat(json.get("results").findValuesAsText("actual"))
        .containsExactly("denied MISSING_CREDENTIALS", "denied INVALID_TOKEN");
    assertThat(json.get("results").findValuesAsText("expected"))
        .containsExactly("deny MISSING_CREDENTIALS", "deny");
    assertThat(json.get("results").get(1).get("explanation").textValue())
        .contains("claims: failed");
  }

  @Test
  void testWhenTheTableIsNotYamlThenInputErrorNamingFileAndLineExit4(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "workload: {namespace: api-system\ncases: [\n");

    Cli.Run run = Cli.run("test", file.toString());

    assertThat(run.exit()).as("%s", run).isEqualTo(4);
    assertThat(run.err()).startsWith("meshguard test: " + file + ":").contains("not valid YAML");
  }

  @Test
  void testWhenAKeyIsMisspeltThenInputErrorNamingItAndItsLine(@TempDir Path dir) throws Exception {
    Path file =
        table(
            dir,
            "  - name: typo\n"
                + "    request: {method: GET, path: /api/v1/orders}\n"
                + "    expcet: allow\n");

    Cli.Run run = Cli.run("test", file.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err())
        .isEqualTo(
            "meshguard test: "
                + file
                + ":9: unknown key 'expcet'; known: [expect, name, request]"
                + System.lineSeparator());
  }

  @Test
  void testWhenADenialCodeIsUnknownThenInputErrorListingTheCodes(@TempDir Path dir)
      throws Exception {
    Path file =
        table(
            dir,
            "  - name: bad code\n"
                + "    request: {method: GET, path: /api/v1/orders}\n"
                + "    expect: {deny: forbidden}\n");

    Cli.Run run = Cli.run("test", file.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err())
        .contains(file + ":9: expect.deny: unknown denial code 'forbidden'; one of [")
        .contains("POLICY_DENIED");
  }

  @Test
  void testWhenTheTableIsMissingThenInputErrorExit4() {
    Cli.Run run = Cli.run("test", "no/such/table.yaml");

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err())
        .isEqualTo(
            "meshguard test: cannot read the test table: no such file: no/such/table.yaml"
                + System.lineSeparator());
  }

  @Test
  void testWhenASettingIsInvalidThenInputErrorNamingTheTableKey(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("t.yaml");
    Files.writeString(
        file,
        "workload: {namespace: api-system}\nmanifests: ["
            + Path.of(Cli.EXAMPLES_MESH).toAbsolutePath().normalize()
            + "]\nissuers: [https://auth.example.com]\npeer-source: carrier-pigeon\ncases:\n"
            + "  - {name: x, request: {path: /}, expect: allow}\n");

    Cli.Run run = Cli.run(List.of("test", file.toString()));

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains(file + ": Setting peer-source must be xfcc");
  }
}
