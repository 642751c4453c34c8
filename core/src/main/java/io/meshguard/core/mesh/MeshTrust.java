package io.meshguard.core.mesh;

import io.meshguard.core.policy.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the mesh validates for a workload, as {@code trust-from-mesh} applies it: the issuers of the
 * {@code jwtRules} of every RequestAuthentication selecting the workload, each with the audiences
 * the sidecar requires, and the one {@code outputPayloadToHeader} they share.
 *
 * <p>Istio turns every selecting {@code jwtRule} into a provider of the sidecar's {@code jwt_authn}
 * filter and accepts a token any provider verifies (istio/istio:
 * pilot/pkg/security/authn/policy_applier.go, {@code requires_any}). So the audiences of an issuer
 * named by several rules are their union, and a rule without {@code audiences} makes the sidecar
 * accept any {@code aud} for its issuer (envoyproxy/envoy: jwt_authn {@code audiences};
 * WIRE-FORMATS A14, B6), which the application then accepts too.
 *
 * <p>What cannot be taken over is refused, naming each document and line: no selecting {@code
 * jwtRule}; a rule without {@code issuer} (the sidecar accepts any {@code iss} for it, and
 * meshguard needs each issuer named); a rule without {@code outputPayloadToHeader}, or rules that
 * disagree on it.
 *
 * @param issuers the validated issuers in document order, each with its audiences (empty: any)
 * @param payloadHeader the header the sidecar forwards the payload in, lower case
 * @since 0.1.0
 */
public record MeshTrust(List<ApplicationTrust.Issuer> issuers, String payloadHeader) {

  /** Checks and copies the parts. */
  public MeshTrust {
    issuers = List.copyOf(issuers);
    Objects.requireNonNull(payloadHeader, "payloadHeader");
    if (issuers.isEmpty()) {
      throw new IllegalArgumentException("The mesh trust needs at least one issuer");
    }
  }

  /**
   * The trust the RequestAuthentications among {@code manifests} give {@code workload}.
   *
   * @throws IllegalArgumentException listing every reason it cannot be taken from the manifests
   */
  public static MeshTrust of(MeshManifests manifests, Workload workload) {
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(workload, "workload");
    List<JwtRule> rules = JwtRule.selecting(manifests, workload);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          "no RequestAuthentication with jwtRules selects workload "
              + workload.namespace()
              + (workload.labels().isEmpty() ? "" : " " + workload.labels())
              + " in the "
              + manifests.size()
              + " documents read");
    }
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> audiences = new LinkedHashMap<>();
    Set<String> anyAudience = new LinkedHashSet<>();
    String header = null;
    for (JwtRule rule : rules) {
      String at = rule.document().describe(workload.namespace()) + ":";
      if (rule.issuer().isEmpty()) {
        problems.add(
            at
                + rule.node().line()
                + ": the jwtRule has no issuer, so the sidecar accepts any iss; name it");
      } else {
        audiences.computeIfAbsent(rule.issuer(), issuer -> new LinkedHashSet<>());
        if (rule.audiences().isEmpty()) {
          anyAudience.add(rule.issuer());
        } else {
          audiences.get(rule.issuer()).addAll(rule.audiences());
        }
      }
      String name = rule.headerName();
      if (name == null) {
        problems.add(
            at
                + rule.lineOf("outputPayloadToHeader")
                + ": the jwtRule for issuer '"
                + rule.issuer()
                + "' has no outputPayloadToHeader, so its tokens reach the application without a"
                + " payload header");
      } else if (header == null) {
        header = name;
      } else if (!header.equals(name)) {
        problems.add(
            at
                + rule.lineOf("outputPayloadToHeader")
                + ": the jwtRule for issuer '"
                + rule.issuer()
                + "' forwards the payload in "
                + name
                + " but an earlier one in "
                + header
                + "; use one header in every jwtRule");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot take the trust from the mesh:\n  " + String.join("\n  ", problems));
    }
    List<ApplicationTrust.Issuer> issuers = new ArrayList<>();
    audiences.forEach(
        (issuer, names) ->
            issuers.add(
                new ApplicationTrust.Issuer(
                    issuer, anyAudience.contains(issuer) ? List.of() : List.copyOf(names))));
    return new MeshTrust(issuers, Objects.requireNonNull(header));
  }

  /** A short description for logs: the header and each issuer with its audiences. */
  public String describe() {
    StringBuilder text = new StringBuilder("payload header ").append(payloadHeader);
    for (ApplicationTrust.Issuer issuer : issuers) {
      text.append(", issuer ")
          .append(issuer.issuer())
          .append(" with ")
          .append(
              issuer.audiences().isEmpty() ? "any audience" : "audiences " + issuer.audiences());
    }
    return text.toString();
  }
}
