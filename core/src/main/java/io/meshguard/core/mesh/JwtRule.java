package io.meshguard.core.mesh;

import io.meshguard.core.policy.Workload;
import io.meshguard.core.policy.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jwtRules} entry of a RequestAuthentication that selects the workload: what the {@link
 * AlignmentCheck} compares with the application and what {@link MeshTrust} takes from the mesh.
 *
 * @param document the RequestAuthentication
 * @param node the entry
 * @param issuer its {@code issuer}, empty when unset
 * @param audiences its {@code audiences} (empty: the sidecar checks none)
 * @param header its {@code outputPayloadToHeader} node, or {@code null}
 */
record JwtRule(
    Manifest document,
    YamlNode node,
    String issuer,
    List<String> audiences,
    @Nullable YamlNode header) {

  private static final String SECURITY = "security.istio.io";

  /** The payload header's name in lower case, or {@code null} when unset or empty. */
  @Nullable String headerName() {
    String name = Manifest.text(header);
    return name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
  }

  /** Envoy accepts any {@code iss} for a provider without issuer (jwt_authn A13). */
  boolean validates(String iss) {
    return issuer.isEmpty() || issuer.equals(iss);
  }

  /** The line of the entry's {@code key}, or of the entry when the key is absent. */
  int lineOf(String key) {
    YamlNode value = node.get(key);
    return value == null ? node.line() : value.line();
  }

  /**
   * The {@code jwtRules} of every RequestAuthentication that selects {@code workload}, in document
   * order; entries that are not mappings are left out.
   */
  static List<JwtRule> selecting(MeshManifests manifests, Workload workload) {
    List<JwtRule> rules = new ArrayList<>();
    for (Manifest document : applying(manifests, workload, "RequestAuthentication")) {
      YamlNode jwtRules = document.at("spec.jwtRules");
      if (jwtRules == null || jwtRules.kind() != YamlNode.Kind.LIST) {
        continue;
      }
      for (YamlNode rule : jwtRules.items()) {
        if (rule.kind() != YamlNode.Kind.MAP) {
          continue;
        }
        String issuer = Manifest.text(rule.get("issuer"));
        rules.add(
            new JwtRule(
                document,
                rule,
                issuer == null ? "" : issuer,
                Manifest.texts(rule.get("audiences")),
                rule.get("outputPayloadToHeader")));
      }
    }
    return rules;
  }

  /** Security documents of {@code kind} that apply to the workload by namespace and selector. */
  static List<Manifest> applying(MeshManifests manifests, Workload workload, String kind) {
    List<Manifest> applying = new ArrayList<>();
    for (Manifest document : manifests.documents()) {
      if (!document.group().equals(SECURITY) || !document.kind().equals(kind)) {
        continue;
      }
      // targetRef(s) attach the document to gateways and waypoints, never to a sidecar
      // (istio/istio: pilot/pkg/model/policyattachment.go ShouldAttachPolicy)
      if (document.at("spec.targetRef") != null || document.at("spec.targetRefs") != null) {
        continue;
      }
      Map<String, String> labels = Manifest.strings(document.at("spec.selector.matchLabels"));
      if (workload.isSelectedBy(document.namespaceOr(workload.namespace()), labels)) {
        applying.add(document);
      }
    }
    return applying;
  }
}
