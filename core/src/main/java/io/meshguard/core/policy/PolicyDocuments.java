package io.meshguard.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents of a policy file: the YAML envelope ({@code apiVersion}, {@code kind}, {@code
 * metadata}) and which documents apply to the workload (namespace, {@code selector}). Hands the
 * {@code spec} of an AuthorizationPolicy to {@link AuthorizationPolicyCompiler} and of a
 * RequestAuthentication to {@link RequestAuthenticationReader}; a refusal fails the load naming
 * document, line and field.
 */
final class PolicyDocuments {

  static final String GROUP = "security.istio.io";
  private static final Set<String> VERSIONS = Set.of("v1", "v1beta1");
  private static final Set<String> TOP_LEVEL =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Logger LOG = LoggerFactory.getLogger(PolicySet.class);

  private final Workload workload;
  private final AuthorizationPolicyCompiler compiler;
  final List<CompiledPolicy> policies = new ArrayList<>();
  final List<RequestAuthenticationRule> requestAuthentications = new ArrayList<>();
  private int document;
  private String documentName = "";

  private PolicyDocuments(Workload workload) {
    this.workload = workload;
    this.compiler = new AuthorizationPolicyCompiler(TrustDomainBundle.of(workload));
  }

  /** Reads every document; throws {@link PolicyLoadException} on the first refusal. */
  static PolicyDocuments read(List<YamlNode> yamlDocuments, Workload workload) {
    return read(yamlDocuments, workload, false);
  }

  /**
   * Reads every document, skipping mappings with neither {@code apiVersion} nor {@code kind} when
   * {@code skipUntyped} (they still count in document positions); throws {@link
   * PolicyLoadException} on the first refusal.
   */
  static PolicyDocuments read(
      List<YamlNode> yamlDocuments, Workload workload, boolean skipUntyped) {
    PolicyDocuments documents = new PolicyDocuments(workload);
    for (YamlNode root : yamlDocuments) {
      documents.document++;
      documents.documentName = "";
      if (skipUntyped
          && root.kind == YamlNode.Kind.MAP
          && root.get("apiVersion") == null
          && root.get("kind") == null) {
        continue;
      }
      try {
        documents.document(root);
      } catch (YamlNode.Refusal refusal) {
        throw documents.located(refusal);
      }
    }
    return documents;
  }

  /** Whether a rule reads the authority ({@code hosts}, {@code request.headers[:authority]}). */
  boolean readsHosts() {
    return compiler.readsHosts;
  }

  private PolicyLoadException located(YamlNode.Refusal refusal) {
    return new PolicyLoadException(
        document, documentName, refusal.line, refusal.field, refusal.getMessage());
  }

  private void document(YamlNode root) {
    if (root.kind != YamlNode.Kind.MAP) {
      throw root.refuse("", "a document must be a mapping");
    }
    String apiVersion = root.text("apiVersion", true);
    String kind = root.text("kind", true);
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (!group.equals(GROUP)) {
      return; // another API group: Gateway, VirtualService, ...
    }
    if (!kind.equals("RequestAuthentication")) {
      securityDocument(root, apiVersion.substring(slash + 1), kind);
      return;
    }
    try {
      securityDocument(root, apiVersion.substring(slash + 1), kind);
    } catch (YamlNode.Refusal refusal) {
      // The API server or Istio's webhook would refuse it, so the mesh does not have it.
      LOG.warn(
          "meshguard ignores a RequestAuthentication the mesh would refuse: {}",
          located(refusal).getMessage());
    }
  }

  private void securityDocument(YamlNode root, String version, String kind) {
    for (String key : root.map.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        throw root.map.get(key).refuse(key, "unknown field");
      }
    }
    YamlNode metadata = root.get("metadata");
    if (metadata == null || metadata.kind == YamlNode.Kind.NULL) {
      throw root.refuse("metadata", "is required");
    }
    if (metadata.kind != YamlNode.Kind.MAP) {
      throw metadata.refuse("metadata", "must be a mapping");
    }
    String name = metadata.text("name", true);
    String namespace = metadata.text("namespace", false);
    if (namespace.isEmpty()) {
      namespace = workload.namespace();
    }
    documentName = kind + " " + namespace + "/" + name;
    if (!VERSIONS.contains(version)) {
      throw root.get("apiVersion")
          .refuse("apiVersion", "only security.istio.io/v1 and v1beta1 are read");
    }
    YamlNode spec = root.get("spec");
    if (spec != null && spec.kind == YamlNode.Kind.NULL) {
      spec = null;
    }
    if (spec != null && spec.kind != YamlNode.Kind.MAP) {
      throw spec.refuse("spec", "must be a mapping");
    }
    switch (kind) {
      case "AuthorizationPolicy":
        AuthorizationPolicyCompiler.Compiled policy =
            compiler.compile(metadata, spec, namespace, name);
        if (applies(namespace, policy.selector())) {
          policies.add(policy.policy());
        }
        break;
      case "RequestAuthentication":
        RequestAuthenticationReader.Read read = RequestAuthenticationReader.read(spec);
        if (read != null && applies(namespace, read.selector())) {
          requestAuthentications.addAll(read.rules());
        }
        break;
      case "PeerAuthentication":
        // mTLS mode: the sidecar's business, nothing to evaluate here
        break;
      default:
        throw root.get("kind").refuse("kind", "unknown kind under " + GROUP);
    }
  }

  /** Whether a document of {@code namespace} with {@code spec.selector} applies to the workload. */
  private boolean applies(String namespace, @Nullable YamlNode selector) {
    return workload.isSelectedBy(namespace, matchLabels(selector, "spec.selector"));
  }

  private static Map<String, String> matchLabels(@Nullable YamlNode selector, String field) {
    if (selector == null || selector.kind == YamlNode.Kind.NULL) {
      return Map.of();
    }
    if (selector.kind != YamlNode.Kind.MAP) {
      throw selector.refuse(field, "must be a mapping");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : selector.map.entrySet()) {
      YamlNode match = entry.getValue();
      if (!entry.getKey().equals("matchLabels")) {
        throw match.refuse(field + "." + entry.getKey(), "unknown field");
      }
      if (match.kind == YamlNode.Kind.NULL) {
        continue;
      }
      if (match.kind != YamlNode.Kind.MAP) {
        throw match.refuse(field + ".matchLabels", "must be a mapping");
      }
      for (Map.Entry<String, YamlNode> label : match.map.entrySet()) {
        String labelField = field + ".matchLabels." + label.getKey();
        if (label.getValue().kind != YamlNode.Kind.SCALAR) {
          throw label.getValue().refuse(labelField, "must be a string");
        }
        String value = label.getValue().scalar;
        if (label.getKey().isEmpty()
            || label.getKey().contains("*")
            || (value != null && value.contains("*"))) {
          throw label
              .getValue()
              .refuse(
                  labelField, "a label needs a name and matches no wildcard (Istio refuses it)");
        }
        labels.put(label.getKey(), value);
      }
    }
    return labels;
  }
}
