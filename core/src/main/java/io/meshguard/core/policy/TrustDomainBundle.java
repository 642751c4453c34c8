package io.meshguard.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The mesh's trust domain and its aliases, and how Istio rewrites policy values with them: a port
 * of istio/istio pilot/pkg/security/trustdomain/bundle.go and util.go, applied as model.go's {@code
 * MigrateTrustDomain} applies it (to {@code principals}/{@code source.principal} and to {@code
 * trustDomains}/{@code source.trustDomain}, nothing else).
 */
final class TrustDomainBundle {

  /** Istio's {@code constants.DefaultClusterLocalDomain}. */
  private static final String CLUSTER_LOCAL = "cluster.local";

  /** The trust domain first, then the aliases (bundle.go {@code NewBundle}). */
  private final List<String> trustDomains;

  private TrustDomainBundle(List<String> trustDomains) {
    this.trustDomains = List.copyOf(trustDomains);
  }

  static TrustDomainBundle of(Workload workload) {
    List<String> domains = new ArrayList<>();
    domains.add(workload.trustDomain());
    domains.addAll(workload.trustDomainAliases());
    return new TrustDomainBundle(domains);
  }

  static TrustDomainBundle of(String trustDomain, List<String> aliases) {
    List<String> domains = new ArrayList<>();
    domains.add(trustDomain);
    domains.addAll(aliases);
    return new TrustDomainBundle(domains);
  }

  /**
   * bundle.go {@code ReplaceTrustDomainAliases} for one principal: a {@code <td>/ns/<ns>/sa/<sa>}
   * principal (five parts, {@code <td>} not {@code *}) whose trust domain is {@code cluster.local}
   * or matches a known trust domain ({@link #stringMatch}) stands for itself under every known
   * trust domain; any other value stays as written.
   */
  List<String> replaceTrustDomainAliases(String principal) {
    String[] parts = principal.split("/", -1);
    if (parts.length != 5 || parts[0].equals("*")) {
      return List.of(principal);
    }
    String trustDomain = parts[0];
    if (!stringMatch(trustDomain, trustDomains) && !trustDomain.equals(CLUSTER_LOCAL)) {
      return List.of(principal);
    }
    String rest = principal.substring(trustDomain.length());
    List<String> principals = new ArrayList<>();
    for (String domain : trustDomains) {
      // A *-prefixed trust domain that matches this one is kept as written.
      String replaced = suffixMatch(domain, trustDomain) ? principal : domain + rest;
      if (!principals.contains(replaced)) {
        principals.add(replaced);
      }
    }
    return principals;
  }

  /**
   * bundle.go {@code ExpandTrustDomainAliases} for one value: a value equal to a known trust domain
   * stands for all of them.
   */
  List<String> expandTrustDomainAliases(String value) {
    return trustDomains.contains(value) ? trustDomains : List.of(value);
  }

  /**
   * util.go {@code stringMatch}: exact, {@code *}, prefix or suffix match, the pattern on either
   * side.
   */
  private static boolean stringMatch(String a, List<String> list) {
    for (String s : list) {
      if (a.equals(s)
          || s.equals("*")
          || prefixMatch(a, s)
          || prefixMatch(s, a)
          || suffixMatch(a, s)
          || suffixMatch(s, a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean prefixMatch(String a, String pattern) {
    return pattern.endsWith("*") && a.startsWith(pattern.substring(0, pattern.length() - 1));
  }

  private static boolean suffixMatch(String a, String pattern) {
    return pattern.startsWith("*") && a.endsWith(pattern.substring(1));
  }
}
