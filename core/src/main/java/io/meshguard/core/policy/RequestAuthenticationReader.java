package io.meshguard.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code spec} of a {@code RequestAuthentication}. What the mesh would refuse (a wrong
 * type, no {@code issuer} and no {@code jwksUri}, an empty audience or claim name, more than 64
 * {@code spaceDelimitedClaims}) is refused, and {@link PolicyDocuments} skips the document with a
 * warning; fields that do not affect decisions are ignored.
 */
final class RequestAuthenticationReader {

  private static final int MAX_SPACE_DELIMITED_CLAIMS = 64;

  /** The {@code jwtRules} and the {@code spec.selector} that decides whether they apply. */
  record Read(@Nullable YamlNode selector, List<RequestAuthenticationRule> rules) {}

  private RequestAuthenticationReader() {}

  /**
   * The document's rules, or {@code null} when it has {@code targetRef(s)}: it then attaches to
   * gateways and waypoints, never to a sidecar (policyattachment.go {@code ShouldAttachPolicy}).
   */
  static @Nullable Read read(@Nullable YamlNode spec) {
    if (spec == null) {
      return new Read(null, List.of());
    }
    if (spec.get("targetRef") != null || spec.get("targetRefs") != null) {
      return null;
    }
    YamlNode jwtRules = spec.get("jwtRules");
    List<YamlNode> items = jwtRules == null ? List.of() : jwtRules.list("spec.jwtRules");
    List<RequestAuthenticationRule> rules = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      rules.add(jwtRule(items.get(i), "spec.jwtRules[" + i + "]"));
    }
    return new Read(spec.get("selector"), rules);
  }

  private static RequestAuthenticationRule jwtRule(YamlNode rule, String field) {
    if (rule.kind != YamlNode.Kind.MAP) {
      throw rule.refuse(field, "must be a mapping");
    }
    String issuer = rule.text("issuer", false);
    if (issuer.isEmpty() && rule.text("jwksUri", false).isEmpty()) {
      throw rule.refuse(field, "needs issuer or jwksUri (Istio refuses it)");
    }
    List<String> audiences = strings(rule, "audiences", field);
    List<String> claims = strings(rule, "spaceDelimitedClaims", field);
    if (claims.size() > MAX_SPACE_DELIMITED_CLAIMS) {
      throw rule.get("spaceDelimitedClaims")
          .refuse(field + ".spaceDelimitedClaims", "may not have more than 64 values");
    }
    String header = rule.text("outputPayloadToHeader", false);
    return new RequestAuthenticationRule(
        issuer, audiences, header.isEmpty() ? null : header.toLowerCase(Locale.ROOT), claims);
  }

  /** A list of non-empty strings, empty when absent. */
  private static List<String> strings(YamlNode parent, String key, String field) {
    YamlNode node = parent.get(key);
    List<String> values = new ArrayList<>();
    for (YamlNode item : node == null ? List.<YamlNode>of() : node.list(field + "." + key)) {
      if (item.text(field + "." + key).isEmpty()) {
        throw item.refuse(field + "." + key, "may not hold an empty value");
      }
      values.add(item.scalar);
    }
    return values;
  }
}
