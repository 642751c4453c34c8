package io.meshguard.cli;

import io.meshguard.core.Decision;
import io.meshguard.core.request.MeshRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshguard test}: a policy test table run against the manifests. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    exitCodeOnExecutionException = MeshguardCli.EXIT_INTERNAL,
    header = "Runs a YAML table of policy test cases, with JUnit XML output.",
    description = {
      "Runs a YAML table of requests and their expected outcomes (allow, deny, or {deny: CODE}"
          + " with one of meshguard's error codes) against the manifests it names, as explain"
          + " decides each: policy unit tests for a policy repository without a Java build.",
      "The table:",
      "  workload: {namespace: api-system, labels: {app: orders}, port: 8080}",
      "  manifests: [..]            # files or directories, relative to the table",
      "  now: 2026-12-02T12:00:00Z  # the time of exp checks (default: now)",
      "  issuers/audiences/issuer-rules/payload-header/peer-source/trust-domains/routes/"
          + "unmatched: as meshguard's keys (default issuers: the mesh's RequestAuthentications)",
      "  defaults: {claims: {iss: ..., exp: ...}}   # merged under every case's request",
      "  cases:",
      "  - name: gateway reads orders",
      "    request: {method: GET, path: /api/v1/orders, peer: spiffe://..., claims: {sub: alice}}",
      "    expect: allow",
      "Request keys: method, path, claims (a claim set to null is left out; claims: null sends"
          + " no payload), payload, peer, xfcc, headers, port, authority, require."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every case passed",
      "1:a case failed",
      "2:invalid options",
      "4:the table or the manifests cannot be read, or the table is not valid",
      "5:internal error"
    })
final class TestCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TABLE", description = "The test table (YAML).")
  Path table = Path.of("policy-tests.yaml");

  @Option(
      names = "--junit-xml",
      paramLabel = "FILE",
      description = "Also write the results as JUnit XML (one testsuite, a testcase per case).")
  @Nullable Path junitXml;

  @Option(
      names = "--format",
      paramLabel = "human|json",
      defaultValue = "human",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.human;

  @Spec CommandSpec spec;

  /** The outcome of one case. */
  record Result(TestTable.Case testCase, Decision decision, String explanation, long nanos) {

    boolean passed() {
      return testCase.expectation().matches(decision);
    }

    String actual() {
      return DecisionReport.outcome(decision);
    }
  }

  @Override
  public Integer call() {
    TestTable read;
    Guard guard;
    try {
      read = TestTable.read(table);
      guard = Guard.of(read.settings(), "");
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InputException(table + ": " + e.getMessage());
    }
    List<Result> results = new ArrayList<>();
    for (TestTable.Case testCase : read.cases()) {
      long start = System.nanoTime();
      MeshRequest request = testCase.request().toRequest(guard);
      Decision decision = guard.decide(request, testCase.requirement());
      StringBuilder explanation = new StringBuilder();
      new DecisionReport(decision, guard.policyDetails(request, decision)).steps(explanation);
      results.add(
          new Result(testCase, decision, explanation.toString(), System.nanoTime() - start));
    }
    long failed = results.stream().filter(result -> !result.passed()).count();
    if (junitXml != null) {
      writeJunit(junitXml, results);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("table", table.toString());
      json.put("cases", results.size());
      json.put("passed", results.size() - failed);
      json.put("failed", failed);
      List<Object> list = new ArrayList<>();
      for (Result result : results) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", result.testCase().name());
        entry.put("line", result.testCase().line());
        entry.put("passed", result.passed());
        entry.put("expected", result.testCase().expectation().toString());
        entry.put("actual", result.actual());
        entry.put("explanation", result.decision().explanation().toString());
        list.add(entry);
      }
      json.put("results", list);
      out.println(Json.write(json));
    } else {
      out.printf("meshguard test %s: %d cases%n", table, results.size());
      for (Result result : results) {
        if (result.passed()) {
          out.printf("  PASS  %s (%s)%n", result.testCase().name(), result.actual());
        } else {
          out.printf(
              "  FAIL  %s (line %d): expected %s, got %s%n",
              result.testCase().name(),
              result.testCase().line(),
              result.testCase().expectation(),
              result.actual());
          for (String line : result.explanation().split("\n")) {
            out.printf("    %s%n", line);
          }
        }
      }
      out.printf(
          "%d passed, %d failed%s%n",
          results.size() - failed, failed, junitXml == null ? "" : "; JUnit XML in " + junitXml);
    }
    out.flush();
    return failed == 0 ? MeshguardCli.EXIT_OK : MeshguardCli.EXIT_FAILED;
  }

  private void writeJunit(Path file, List<Result> results) {
    String name = table.getFileName().toString();
    String suite = name.replaceFirst("\\.(yaml|yml)$", "");
    JUnitXml xml = new JUnitXml(suite);
    for (Result result : results) {
      double seconds = result.nanos() / 1e9;
      if (result.passed()) {
        xml.passed(result.testCase().name(), seconds);
      } else {
        xml.failed(
            result.testCase().name(),
            seconds,
            "expected " + result.testCase().expectation() + ", got " + result.actual(),
            name + " line " + result.testCase().line() + "\n" + result.explanation());
      }
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, xml.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot write the JUnit XML: " + Guard.describe(e));
    }
  }

  static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }
}
