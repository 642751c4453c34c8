package io.meshguard.core.policy;

import io.meshguard.core.internal.IstioMatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which top-level claims of a token are split on spaces before policies match them, as the sidecar
 * does: Istio gives every {@code jwtRules} entry's Envoy provider {@code
 * normalize_payload_in_metadata.space_delimited_claims} = {@code scope}, {@code permission} and the
 * rule's {@code spaceDelimitedClaims} (istio/istio pilot/pkg/security/authn/policy_applier.go
 * {@code buildSpaceDelimitedClaims}), and Envoy's {@code setPayloadMetadata}
 * (source/extensions/filters/http/jwt_authn/authenticator.cc) turns each such top-level string
 * claim of a token that provider verified into the list of its non-empty space-separated parts; a
 * string with no such part stays as it was.
 *
 * <p>The provider that verified a token is the one whose issuer is the token's {@code iss}; a rule
 * without issuer (only {@code jwksUri}) accepts tokens of any issuer, so its claims are split for
 * every token. When several rules name the same issuer, the claims any of them lists are split.
 * Immutable.
 */
final class SpaceDelimitedClaims {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SpaceDelimitedClaims.class);

  /** Istio's defaults, split for every token. */
  private static final Set<String> ALWAYS = IstioMatch.SPACE_DELIMITED_BY_DEFAULT;

  static final SpaceDelimitedClaims DEFAULT = new SpaceDelimitedClaims(Map.of(), Set.of());

  private final Map<String, Set<String>> byIssuer;
  private final Set<String> anyIssuer;

  private SpaceDelimitedClaims(Map<String, Set<String>> byIssuer, Set<String> anyIssuer) {
    this.byIssuer = Map.copyOf(byIssuer);
    this.anyIssuer = Set.copyOf(anyIssuer);
  }

  /** The claims the applying rules list, by issuer. */
  static SpaceDelimitedClaims of(List<RequestAuthenticationRule> rules) {
    Map<String, Set<String>> byIssuer = new HashMap<>();
    Set<String> anyIssuer = new HashSet<>();
    Map<String, Set<String>> firstSeen = new HashMap<>();
    for (RequestAuthenticationRule rule : rules) {
      Set<String> listed = Set.copyOf(rule.spaceDelimitedClaims());
      Set<String> earlier = firstSeen.putIfAbsent(rule.issuer(), listed);
      if (earlier != null && !earlier.equals(listed)) {
        // Envoy splits only the list of the one provider that verified the token, and Istio's
        // order among rules of one issuer is not defined: the split cannot be known here.
        LOG.warn(
            "meshguard policy: several RequestAuthentication jwtRules for issuer '{}' list"
                + " different spaceDelimitedClaims; the sidecar applies one of them, meshguard"
                + " splits every claim any of them lists. Give them the same list.",
            rule.issuer());
      }
      if (rule.issuer().isEmpty()) {
        anyIssuer.addAll(rule.spaceDelimitedClaims());
      } else {
        byIssuer
            .computeIfAbsent(rule.issuer(), issuer -> new HashSet<>())
            .addAll(rule.spaceDelimitedClaims());
      }
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    byIssuer.forEach((issuer, claims) -> frozen.put(issuer, Set.copyOf(claims)));
    return new SpaceDelimitedClaims(frozen, anyIssuer);
  }

  /** Whether the top-level claim {@code name} of a token from {@code issuer} is split. */
  boolean splits(String name, @Nullable String issuer) {
    if (ALWAYS.contains(name) || anyIssuer.contains(name)) {
      return true;
    }
    Set<String> claims = issuer == null ? null : byIssuer.get(issuer);
    return claims != null && claims.contains(name);
  }

  /** A top-level claim's value as the sidecar's metadata holds it once split on spaces. */
  static Object split(String value) {
    return IstioMatch.splitSpaceDelimited(value);
  }
}
