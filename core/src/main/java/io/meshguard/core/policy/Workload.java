package io.meshguard.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The workload whose policies are evaluated: which documents apply to it and how its mesh names
 * peers.
 *
 * @param namespace the workload's namespace; documents without {@code metadata.namespace} belong to
 *     it (as {@code kubectl apply -n} would place them)
 * @param labels the workload's labels, matched by {@code spec.selector.matchLabels}
 * @param rootNamespace the mesh's root namespace, whose policies apply to every workload
 * @param trustDomain the mesh's trust domain ({@code meshConfig.trustDomain}); a {@code
 *     <td>/ns/<ns>/sa/<sa>} principal whose trust domain is this one, an alias or {@code
 *     cluster.local} means the principal in each of them, and a {@code trustDomains} value equal to
 *     this one or an alias means all of them, as Istio's trust domain bundle rewrites policies
 * @param trustDomainAliases the mesh's {@code meshConfig.trustDomainAliases}
 * @since 0.1.0
 */
public record Workload(
    String namespace,
    Map<String, String> labels,
    String rootNamespace,
    String trustDomain,
    List<String> trustDomainAliases) {

  /** Istio's default root namespace. */
  public static final String DEFAULT_ROOT_NAMESPACE = "istio-system";

  /** Istio's default trust domain. */
  public static final String DEFAULT_TRUST_DOMAIN = "cluster.local";

  /** Checks and copies the parts. */
  public Workload {
    Objects.requireNonNull(namespace, "namespace");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(rootNamespace, "rootNamespace");
    Objects.requireNonNull(trustDomain, "trustDomain");
    trustDomainAliases = List.copyOf(trustDomainAliases);
    if (namespace.isEmpty() || rootNamespace.isEmpty() || trustDomain.isEmpty()) {
      throw new IllegalArgumentException("Namespace, root namespace and trust domain are required");
    }
  }

  /**
   * Whether a namespaced Istio document with a {@code spec.selector.matchLabels} applies to this
   * workload: it lives in the workload's namespace or the root namespace, and every label it names
   * has the same value on the workload (no labels: every workload of the namespace).
   *
   * @param namespace the document's namespace
   * @param matchLabels the selector's labels, empty when it has none
   * @since 0.1.0
   */
  public boolean isSelectedBy(String namespace, Map<String, String> matchLabels) {
    if (!namespace.equals(rootNamespace) && !namespace.equals(this.namespace)) {
      return false;
    }
    for (Map.Entry<String, String> label : matchLabels.entrySet()) {
      if (!label.getValue().equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A workload in {@code namespace} with {@code labels}, Istio's default root namespace and trust
   * domain.
   */
  public static Workload of(String namespace, Map<String, String> labels) {
    return new Workload(namespace, labels, DEFAULT_ROOT_NAMESPACE, DEFAULT_TRUST_DOMAIN, List.of());
  }
}
