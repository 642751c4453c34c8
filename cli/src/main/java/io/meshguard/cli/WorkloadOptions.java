package io.meshguard.cli;

import io.meshguard.core.policy.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The mesh manifests and the workload they are read for: meshguard's keys of the same names. */
final class WorkloadOptions {

  @Option(
      names = "--mesh-manifests",
      required = true,
      split = ",",
      paramLabel = "PATH",
      description =
          "Mesh YAML files or directories (their .yaml/.yml files, recursively), comma-separated or"
              + " repeated: RequestAuthentication, PeerAuthentication, AuthorizationPolicy,"
              + " Deployments (mesh-manifests).")
  List<Path> meshManifests = new ArrayList<>();

  @Option(
      names = "--workload-namespace",
      required = true,
      paramLabel = "NAMESPACE",
      description = "The workload's namespace (workload.namespace).")
  String namespace = "";

  @Option(
      names = "--workload-label",
      paramLabel = "KEY=VALUE",
      description = "A label of the workload's pods, repeated for several (workload.labels).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--workload-root-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = Workload.DEFAULT_ROOT_NAMESPACE,
      description =
          "The mesh's root namespace (workload.root-namespace; default: ${DEFAULT-VALUE}).")
  String rootNamespace = Workload.DEFAULT_ROOT_NAMESPACE;

  @Option(
      names = "--workload-trust-domain",
      paramLabel = "DOMAIN",
      defaultValue = Workload.DEFAULT_TRUST_DOMAIN,
      description = "The mesh's trust domain (workload.trust-domain; default: ${DEFAULT-VALUE}).")
  String trustDomain = Workload.DEFAULT_TRUST_DOMAIN;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description =
          "The application's port (workload.port): checked against interception; requests arrive"
              + " on it (policy ports). Default: unknown.")
  int port;

  /** The workload. */
  Workload workload() {
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException("--workload-namespace is empty");
    }
    return new Workload(namespace, labels, rootNamespace, trustDomain, List.of());
  }
}
