package io.meshguard.core.mesh;

import io.meshguard.core.mesh.Finding.Kind;
import io.meshguard.core.mesh.Finding.Severity;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.policy.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The part of the {@link AlignmentCheck} that reads the workload's pod template and Namespace:
 * ambient mode, sidecar injection, inbound interception of the application port, and the sidecar's
 * XFCC handling ({@code proxy.istio.io/config} over the mesh-wide {@code
 * meshConfig.defaultConfig}).
 */
final class PodTemplateCheck {

  /** The template-bearing kinds and where their pod template is. */
  private static final Map<String, String> TEMPLATES =
      Map.of(
          "Deployment", "spec.template",
          "StatefulSet", "spec.template",
          "DaemonSet", "spec.template",
          "ReplicaSet", "spec.template",
          "ReplicationController", "spec.template",
          "Job", "spec.template",
          "CronJob", "spec.jobTemplate.spec.template");

  /**
   * Ports Istio's proxy and agent listen on, which an application cannot serve behind the sidecar
   * (https://istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio;
   * 15020, 15021 and 15090 are also excluded from inbound capture by the injection template).
   */
  private static final Set<Integer> ISTIO_PORTS =
      Set.of(15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090);

  private final Workload workload;
  private final int port;
  private final ApplicationTrust trust;
  private final List<Finding> findings;

  /** The mesh-wide ProxyConfig among the manifests, or {@code null}; set by {@link #check}. */
  private @Nullable ProxyDefaults defaults;

  /**
   * {@code meshConfig.defaultConfig}: the ProxyConfig every sidecar starts from, under the
   * workload's {@code proxy.istio.io/config} (istio/istio: pilot/pkg/model/proxy_config.go
   * EffectiveProxyConfig merges the annotation over the mesh default, field by field).
   *
   * @param at the document that sets it
   * @param line the line of {@code defaultConfig} (of {@code data.mesh} in a ConfigMap)
   * @param source how findings name it
   * @param config the {@code defaultConfig} node
   * @param embedded whether it was read from text inside the document ({@code data.mesh}), whose
   *     lines are not the file's
   */
  private record ProxyDefaults(
      String at, int line, String source, YamlNode config, boolean embedded) {}

  /** One ProxyConfig field as the sidecar gets it, and where it was set. */
  private record ProxySetting(String value, String at, int line, String source) {}

  PodTemplateCheck(Workload workload, int port, ApplicationTrust trust, List<Finding> findings) {
    this.workload = workload;
    this.port = port;
    this.trust = trust;
    this.findings = findings;
  }

  private void add(
      Severity severity, Kind kind, String document, int line, String message, String fix) {
    findings.add(new Finding(severity, kind, document, line, message, fix));
  }

  private String describe(Manifest document) {
    return document.describe(workload.namespace());
  }

  /** Adds the findings of every template that describes the workload, or of its Namespace. */
  void check(MeshManifests manifests) {
    defaults = proxyDefaults(manifests);
    Manifest namespace = null;
    List<Manifest> templates = new ArrayList<>();
    for (Manifest document : manifests.documents()) {
      if (document.group().isEmpty()
          && document.kind().equals("Namespace")
          && document.name().equals(workload.namespace())) {
        namespace = document;
      } else if (describesWorkload(document)) {
        templates.add(document);
      }
    }
    Map<String, YamlNode> nsLabels =
        namespace == null ? Map.of() : Manifest.nodes(namespace.at("metadata.labels"));
    for (Manifest template : templates) {
      workloadTemplate(template, namespace, nsLabels);
    }
    if (templates.isEmpty() && namespace != null) {
      // No template: what the namespace alone decides.
      workloadTemplate(null, namespace, nsLabels);
    }
    if (templates.isEmpty() && defaults != null) {
      // No template: what the mesh-wide ProxyConfig alone decides.
      proxyConfig(null, defaults.at(), 0);
    }
  }

  /**
   * The mesh configuration among the manifests: the {@code mesh} key of the {@code istio} (or
   * revisioned {@code istio-<rev>}) ConfigMap in the root namespace, or an IstioOperator's {@code
   * spec.meshConfig}; the first in document order.
   */
  private @Nullable ProxyDefaults proxyDefaults(MeshManifests manifests) {
    for (Manifest document : manifests.documents()) {
      if (document.group().isEmpty()
          && document.kind().equals("ConfigMap")
          && (document.name().equals("istio") || document.name().startsWith("istio-"))
          && document.namespaceOr(workload.rootNamespace()).equals(workload.rootNamespace())) {
        YamlNode mesh = document.at("data.mesh");
        String text = Manifest.text(mesh);
        if (mesh == null || text == null) {
          continue;
        }
        YamlNode config;
        try {
          List<YamlNode> read = YamlNode.readAll(text);
          config = read.isEmpty() ? null : Manifest.at(read.get(0), "defaultConfig");
        } catch (YamlNode.SyntaxException e) {
          add(
              Severity.WARNING,
              Kind.UNREADABLE,
              describe(document),
              mesh.line(),
              "The mesh configuration (data.mesh) is not readable YAML: " + e.getMessage(),
              "Write data.mesh as a YAML MeshConfig");
          continue;
        }
        if (config != null) {
          return new ProxyDefaults(
              describe(document), mesh.line(), "meshConfig.defaultConfig", config, true);
        }
      } else if (document.group().equals("install.istio.io")
          && document.kind().equals("IstioOperator")) {
        YamlNode config = document.at("spec.meshConfig.defaultConfig");
        if (config != null) {
          return new ProxyDefaults(
              describe(document), config.line(), "meshConfig.defaultConfig", config, false);
        }
      }
    }
    return null;
  }

  private boolean describesWorkload(Manifest document) {
    YamlNode pod = pod(document);
    if (pod == null || !document.namespaceOr(workload.namespace()).equals(workload.namespace())) {
      return false;
    }
    Map<String, String> labels = Manifest.strings(Manifest.at(pod, "metadata.labels"));
    for (Map.Entry<String, String> label : workload.labels().entrySet()) {
      if (!label.getValue().equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The pod (metadata and spec) a document describes, or {@code null}. */
  private @Nullable YamlNode pod(Manifest document) {
    if (document.kind().equals("Pod") && document.group().isEmpty()) {
      return document.root();
    }
    String path = TEMPLATES.get(document.kind());
    if (path == null || !(document.group().equals("apps") || document.group().equals("batch"))) {
      return null;
    }
    return document.at(path);
  }

  private void workloadTemplate(
      @Nullable Manifest template, @Nullable Manifest namespace, Map<String, YamlNode> nsLabels) {
    YamlNode pod = template == null ? null : pod(template);
    Map<String, YamlNode> labels = Manifest.nodes(Manifest.at(pod, "metadata.labels"));
    Map<String, YamlNode> annotations = Manifest.nodes(Manifest.at(pod, "metadata.annotations"));
    String at = template != null ? describe(template) : describe(Objects.requireNonNull(namespace));
    // Ambient: the istio.io/dataplane-mode label on the pod or its namespace; "none" on the pod
    // opts out, and a pod that asks for a sidecar keeps it (istio/istio:
    // pkg/kube/util/ambient.go / cni/pkg/util/podutil.go PodRedirectionEnabled).
    YamlNode podMode = labels.get("istio.io/dataplane-mode");
    YamlNode nsMode = nsLabels.get("istio.io/dataplane-mode");
    YamlNode podInject = labels.get("sidecar.istio.io/inject");
    if (podInject == null) {
      podInject = annotations.get("sidecar.istio.io/inject");
    }
    boolean askSidecar = podInject != null && "true".equals(podInject.scalar());
    YamlNode ambient =
        podMode != null
            ? ("ambient".equals(podMode.scalar()) ? podMode : null)
            : nsMode != null && "ambient".equals(nsMode.scalar()) ? nsMode : null;
    if (ambient != null && !askSidecar) {
      String where = ambient == podMode ? at : describe(Objects.requireNonNull(namespace));
      add(
          trust.requiresPeer() ? Severity.ERROR : Severity.WARNING,
          Kind.AMBIENT_MODE,
          where,
          ambient.line(),
          "The workload runs in ambient mode (istio.io/dataplane-mode: ambient): no sidecar"
              + " appends an XFCC element"
              + (trust.requiresPeer()
                  ? ", so endpoints that require a peer refuse every caller"
                  : "")
              + ", and selector RequestAuthentications are not applied by ztunnel (only a"
              + " waypoint with a targetRef one strips a forged "
              + trust.payloadHeader()
              + ")",
          "Run the workload with a sidecar (label sidecar.istio.io/inject: \"true\" or"
              + " istio.io/dataplane-mode: none and an injected namespace)");
      return;
    }
    injection(at, pod, podInject, labels, namespace, nsLabels);
    if (template == null) {
      return;
    }
    interception(at, annotations);
  }

  /**
   * Injection as Istio's webhook decides it: the pod's {@code sidecar.istio.io/inject} (label, or
   * the older annotation) over the namespace's {@code istio-injection}/{@code istio.io/rev}, never
   * into {@code hostNetwork} pods (istio/istio: pkg/kube/inject/webhook.go injectRequired;
   * manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml).
   */
  private void injection(
      String at,
      @Nullable YamlNode pod,
      @Nullable YamlNode podInject,
      Map<String, YamlNode> labels,
      @Nullable Manifest namespace,
      Map<String, YamlNode> nsLabels) {
    YamlNode hostNetwork = Manifest.at(pod, "spec.hostNetwork");
    if (hostNetwork != null && "true".equals(hostNetwork.scalar())) {
      injectionOff(
          at,
          hostNetwork.line(),
          "the pod uses hostNetwork, which Istio never injects",
          "Remove hostNetwork: true");
      return;
    }
    if (podInject != null && "false".equals(podInject.scalar())) {
      injectionOff(
          at,
          podInject.line(),
          "sidecar.istio.io/inject is \"false\"",
          "Remove sidecar.istio.io/inject: \"false\" (or set it to \"true\")");
      return;
    }
    YamlNode nsInjection = nsLabels.get("istio-injection");
    if (nsInjection != null && "disabled".equals(nsInjection.scalar())) {
      injectionOff(
          describe(Objects.requireNonNull(namespace)),
          nsInjection.line(),
          "namespace " + workload.namespace() + " has istio-injection: disabled",
          "Label the namespace istio-injection: enabled");
      return;
    }
    boolean enabled =
        (nsInjection != null && "enabled".equals(nsInjection.scalar()))
            || nsLabels.containsKey("istio.io/rev")
            || labels.containsKey("istio.io/rev")
            || (podInject != null && "true".equals(podInject.scalar()));
    if (!enabled && namespace != null) {
      injectionOff(
          describe(namespace),
          namespace.root().line(),
          "neither namespace " + workload.namespace() + " nor the pod enables injection",
          "Label the namespace istio-injection: enabled (or istio.io/rev: <revision>)");
    }
  }

  private void injectionOff(String at, int line, String why, String fix) {
    add(
        Severity.ERROR,
        Kind.INJECTION_DISABLED,
        at,
        line,
        "No sidecar is injected into the workload ("
            + why
            + "): nothing verifies tokens, strips "
            + trust.payloadHeader()
            + " or appends XFCC, so both can be forged",
        fix);
  }

  private void interception(String at, Map<String, YamlNode> annotations) {
    YamlNode proxyConfigNode = annotations.get("proxy.istio.io/config");
    YamlNode proxyConfig = null;
    if (proxyConfigNode != null && proxyConfigNode.scalar() != null) {
      try {
        List<YamlNode> read = YamlNode.readAll(proxyConfigNode.scalar());
        proxyConfig = read.isEmpty() ? null : read.get(0);
      } catch (YamlNode.SyntaxException e) {
        add(
            Severity.WARNING,
            Kind.UNREADABLE,
            at,
            proxyConfigNode.line(),
            "proxy.istio.io/config is not readable YAML: " + e.getMessage(),
            "Write the annotation as a YAML ProxyConfig");
      }
    }
    // interceptionMode NONE: no iptables redirect at all (istio/api: mesh/v1alpha1/proxy.proto
    // InboundInterceptionMode). The sidecar.istio.io/interceptionMode annotation wins over the
    // ProxyConfig (the injection template reads it with the ProxyConfig's value as default).
    YamlNode mode = annotations.get("sidecar.istio.io/interceptionMode");
    if (mode != null && mode.scalar() != null) {
      if (interceptionOff(new ProxySetting(mode.scalar(), at, mode.line(), "the annotation"))) {
        return;
      }
    } else if (proxyConfig(proxyConfig, at, proxyConfigNode == null ? 0 : proxyConfigNode.line())) {
      return;
    }
    if (port > 0) {
      ports(at, annotations);
    }
  }

  /**
   * The checks of the effective ProxyConfig: the annotation's {@code config} (at {@code line} of
   * {@code at}) over the mesh default. Returns whether interception is off.
   */
  private boolean proxyConfig(@Nullable YamlNode config, String at, int line) {
    ProxySetting mode = setting(config, at, line, "interceptionMode");
    if (mode != null && interceptionOff(mode)) {
      return true;
    }
    if (!trust.readsXfcc()) {
      return false;
    }
    // istio/api: mesh/v1alpha1/proxy.proto ProxyHeaders.forwarded_client_cert ("Controls the
    // X-Forwarded-Client-Cert header for inbound sidecar requests ... By default,
    // APPEND_FORWARD") and set_current_client_cert_details (uri "Defaults to true")
    ProxySetting uri = setting(config, at, line, "proxyHeaders.setCurrentClientCertDetails.uri");
    if (uri != null && uri.value().equals("false")) {
      add(
          Severity.ERROR,
          Kind.XFCC_WITHOUT_URI,
          uri.at(),
          uri.line(),
          uri.source()
              + " sets proxyHeaders.setCurrentClientCertDetails.uri: false, so the sidecar's XFCC"
              + " element carries no SPIFFE ID and no caller has a peer",
          "Remove setCurrentClientCertDetails.uri: false");
    }
    ProxySetting xfcc = setting(config, at, line, "proxyHeaders.forwardedClientCert");
    if (xfcc != null
        && !xfcc.value().equals("APPEND_FORWARD")
        && !xfcc.value().equals("SANITIZE_SET")) {
      add(
          Severity.ERROR,
          Kind.XFCC_NOT_APPENDED,
          xfcc.at(),
          xfcc.line(),
          xfcc.source()
              + " sets proxyHeaders.forwardedClientCert: "
              + xfcc.value()
              + (xfcc.value().equals("SANITIZE")
                  ? ", so the sidecar removes XFCC and no caller has a peer"
                  : ", so the sidecar does not append its own element and the caller can"
                      + " write the last one"),
          "Remove proxyHeaders.forwardedClientCert (the sidecar default APPEND_FORWARD), or"
              + " set APPEND_FORWARD or SANITIZE_SET");
    }
    return false;
  }

  private boolean interceptionOff(ProxySetting mode) {
    if (!mode.value().equals("NONE")) {
      return false;
    }
    add(
        Severity.ERROR,
        Kind.INTERCEPTION_DISABLED,
        mode.at(),
        mode.line(),
        "interceptionMode is NONE ("
            + mode.source()
            + "): inbound traffic is not redirected to the sidecar, so callers reach the"
            + " application directly and write any header",
        "Remove interceptionMode: NONE (REDIRECT or TPROXY)");
    return true;
  }

  /** A field of the annotation's ProxyConfig, else of the mesh default, else {@code null}. */
  private @Nullable ProxySetting setting(
      @Nullable YamlNode config, String at, int line, String path) {
    String value = Manifest.text(Manifest.at(config, path));
    if (value != null) {
      return new ProxySetting(value, at, line, "proxy.istio.io/config");
    }
    ProxyDefaults mesh = defaults;
    if (mesh == null) {
      return null;
    }
    YamlNode node = Manifest.at(mesh.config(), path);
    value = Manifest.text(node);
    if (value == null) {
      return null;
    }
    int where = mesh.embedded() ? mesh.line() : Objects.requireNonNull(node).line();
    return new ProxySetting(value, mesh.at(), where, mesh.source());
  }

  /**
   * The port is redirected unless {@code excludeInboundPorts} lists it, or {@code
   * includeInboundPorts} is set and neither lists it nor is {@code *} (an empty value redirects
   * nothing) (istio/api: annotation/annotations.yaml; istio/istio:
   * tools/istio-iptables/pkg/capture/run.go).
   */
  private void ports(String at, Map<String, YamlNode> annotations) {
    YamlNode exclude = annotations.get("traffic.sidecar.istio.io/excludeInboundPorts");
    if (exclude != null && portList(exclude.scalar()).contains(Integer.toString(port))) {
      notIntercepted(
          at,
          exclude.line(),
          "traffic.sidecar.istio.io/excludeInboundPorts lists it",
          "Remove " + port + " from traffic.sidecar.istio.io/excludeInboundPorts");
      return;
    }
    YamlNode include = annotations.get("traffic.sidecar.istio.io/includeInboundPorts");
    if (include != null) {
      List<String> ports = portList(include.scalar());
      if (!ports.contains("*") && !ports.contains(Integer.toString(port))) {
        notIntercepted(
            at,
            include.line(),
            "traffic.sidecar.istio.io/includeInboundPorts does not list it",
            "Add " + port + " to traffic.sidecar.istio.io/includeInboundPorts (or use \"*\")");
        return;
      }
    }
    if (ISTIO_PORTS.contains(port)) {
      notIntercepted(
          at,
          0,
          "Istio reserves it for the proxy",
          "Serve the application on a port Istio does not use");
    }
  }

  private void notIntercepted(String at, int line, String why, String fix) {
    add(
        Severity.ERROR,
        Kind.PORT_NOT_INTERCEPTED,
        at,
        line,
        "Port "
            + port
            + " is not redirected to the sidecar ("
            + why
            + "): callers reach the application directly and write any header",
        fix);
  }

  /** A comma-separated port list, trimmed; an empty value is an empty list. */
  private static List<String> portList(@Nullable String value) {
    List<String> ports = new ArrayList<>();
    if (value == null) {
      return ports;
    }
    for (String part : value.split(",")) {
      if (!part.trim().isEmpty()) {
        ports.add(part.trim());
      }
    }
    return ports;
  }
}
