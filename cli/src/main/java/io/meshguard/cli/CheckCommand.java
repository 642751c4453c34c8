package io.meshguard.cli;

import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.mesh.AlignmentCheck;
import io.meshguard.core.mesh.ApplicationTrust;
import io.meshguard.core.mesh.Finding;
import io.meshguard.core.mesh.MeshManifestException;
import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.policy.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meshguard check}: the mesh alignment report for a workload. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    exitCodeOnExecutionException = MeshguardCli.EXIT_INTERNAL,
    header = "The mesh alignment report for a workload.",
    description = {
      "Checks that the mesh manifests give the application what meshguard assumes: a"
          + " RequestAuthentication selecting the workload that validates its issuers and forwards"
          + " the payload in its header, a sidecar that intercepts its port and appends XFCC,"
          + " STRICT mTLS, and policies whose issuers the mesh validates.",
      "Prints every finding with its severity, document, line and fix. Without --issuers or"
          + " --issuer-rules the issuer checks are skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:aligned: no finding at or above --fail-on",
      "1:a finding at or above --fail-on",
      "2:invalid options",
      "4:the manifests cannot be read",
      "5:internal error"
    })
final class CheckCommand implements Callable<Integer> {

  /** The severity from which findings fail the check. */
  enum FailOn {
    warn,
    error
  }

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  @Mixin TrustOptions trust = new TrustOptions();

  @Option(
      names = "--fail-on",
      paramLabel = "warn|error",
      defaultValue = "error",
      description = "Exit 1 on findings of this severity or worse (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.error;

  @Option(
      names = "--format",
      paramLabel = "human|json",
      defaultValue = "human",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.human;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Workload target = workload.workload();
    ApplicationTrust application = trust();
    MeshManifests manifests;
    try {
      manifests = MeshManifests.read(workload.meshManifests);
    } catch (IOException e) {
      throw new InputException("cannot read the mesh manifests: " + Guard.describe(e));
    } catch (MeshManifestException e) {
      throw new InputException("the mesh manifests cannot be read: " + e.getMessage());
    }
    List<Finding> findings =
        new AlignmentCheck(target, workload.port, application).check(manifests);
    long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    long warnings = findings.size() - errors;
    boolean failed = failOn == FailOn.warn ? !findings.isEmpty() : errors > 0;
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("workload", workloadJson(target, workload.port));
      json.put("documents", manifests.size());
      json.put("aligned", !failed);
      json.put("failOn", failOn.name());
      json.put("errors", errors);
      json.put("warnings", warnings);
      List<Object> list = new ArrayList<>();
      for (Finding finding : findings) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", finding.severity().name());
        entry.put("kind", finding.kind().name());
        entry.put("document", finding.document());
        entry.put("line", finding.line());
        entry.put("message", finding.message());
        entry.put("fix", finding.fix());
        list.add(entry);
      }
      json.put("findings", list);
      out.println(Json.write(json));
    } else {
      out.printf(
          "meshguard check: workload %s%s, port %s, %d documents%n",
          target.namespace(),
          target.labels().isEmpty() ? "" : " " + new java.util.TreeMap<>(target.labels()),
          workload.port == 0 ? "unknown" : Integer.toString(workload.port),
          manifests.size());
      for (Finding finding : findings) {
        out.printf(
            "%n%s %s%n  at %s%s%n  %s%n  Fix: %s%n",
            finding.severity(),
            finding.kind(),
            finding.document(),
            finding.line() > 0 ? ", line " + finding.line() : "",
            finding.message(),
            finding.fix());
      }
      out.printf(
          "%n%s: %d %s, %d %s (--fail-on %s)%n",
          failed ? "NOT ALIGNED" : "ALIGNED",
          errors,
          errors == 1 ? "error" : "errors",
          warnings,
          warnings == 1 ? "warning" : "warnings",
          failOn);
    }
    out.flush();
    return failed ? MeshguardCli.EXIT_FAILED : MeshguardCli.EXIT_OK;
  }

  private ApplicationTrust trust() {
    String source = trust.peerSource.trim().toLowerCase(Locale.ROOT);
    if (!source.equals("xfcc") && !source.equals("none")) {
      throw new InvalidSettingException("--peer-source", "must be xfcc or none");
    }
    boolean readsXfcc = source.equals("xfcc");
    if (!trust.issuerRules.isEmpty()) {
      if (!trust.issuers.isEmpty() || !trust.audiences.isEmpty()) {
        throw new InvalidSettingException(
            "--issuer-rules", "cannot be set together with --issuers or --audiences");
      }
      List<ApplicationTrust.Issuer> issuers = new ArrayList<>();
      for (int i = 0; i < trust.issuerRules.size(); i++) {
        MeshguardSpec.IssuerRule rule =
            Guard.issuerRule("--issuer-rules[" + i + "]", trust.issuerRules.get(i));
        issuers.add(
            new ApplicationTrust.Issuer(
                rule.issuer(),
                rule.audiences().equals(List.of(MeshguardSpec.ANY_AUDIENCE))
                    ? List.of()
                    : rule.audiences()));
      }
      return new ApplicationTrust(issuers, trust.payloadHeader, readsXfcc, readsXfcc);
    }
    try {
      return ApplicationTrust.of(
          trust.issuers, trust.audiences, trust.payloadHeader, readsXfcc, readsXfcc);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("--payload-header", "is required");
    }
  }

  static Map<String, Object> workloadJson(Workload workload, int port) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("namespace", workload.namespace());
    json.put("labels", new java.util.TreeMap<>(workload.labels()));
    json.put("port", port);
    return json;
  }
}
