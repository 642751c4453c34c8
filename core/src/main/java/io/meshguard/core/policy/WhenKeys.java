package io.meshguard.core.policy;

import static io.meshguard.core.policy.AuthorizationPolicyCompiler.NOT_IN_APP;
import static io.meshguard.core.policy.AuthorizationPolicyCompiler.literalInside;
import static io.meshguard.core.policy.AuthorizationPolicyCompiler.single;
import static io.meshguard.core.policy.AuthorizationPolicyCompiler.values;

import io.meshguard.core.claims.ClaimPaths;
import io.meshguard.core.internal.IstioMatch;
import io.meshguard.core.policy.AuthorizationPolicyCompiler.FieldKind;
import io.meshguard.core.policy.CompiledPolicy.Clause;
import io.meshguard.core.policy.CompiledPolicy.Field;
import io.meshguard.core.policy.Matchers.ValueMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code when} keys of an AuthorizationPolicy rule, as a table: each key names the attribute it
 * reads and how its values match, mostly the {@code source}/{@code operation} field of the same
 * meaning; keys Istio refuses, or that need what only the sidecar sees, are refused with the
 * reason.
 */
final class WhenKeys {

  private static final String CLAIMS = "request.auth.claims";
  private static final String HEADERS = "request.headers";
  private static final List<String> LISTS = List.of("values", "notValues");

  /** Keys the application cannot evaluate or Istio refuses, with why (after the key). */
  private static final Map<String, String> REFUSED =
      Map.of(
          "source.ip", NOT_IN_APP,
          "remote.ip", NOT_IN_APP,
          "destination.ip", NOT_IN_APP,
          "connection.sni", NOT_IN_APP,
          "destination.namespace", "is replaced by metadata.namespace (Istio refuses it)",
          "destination.name", "was only supported in v1alpha1 (Istio refuses it)",
          "destination.user", "was only supported in v1alpha1 (Istio refuses it)");

  /** Key prefixes refused, with why. */
  private static final Map<String, String> REFUSED_PREFIXES =
      Map.of(
          "destination.labels",
          "is replaced by the workload selector (Istio refuses it)",
          "experimental.envoy.filters.",
          "reads the dynamic metadata of Envoy filters, which the application cannot see");

  private final AuthorizationPolicyCompiler compiler;
  private final Map<String, FieldKind> keys;

  WhenKeys(AuthorizationPolicyCompiler compiler) {
    this.compiler = compiler;
    this.keys =
        Map.of(
            "request.auth.principal", compiler.sourceFields.get("requestPrincipals"),
            // generator.go requestAudiencesGenerator and requestPresenterGenerator: claim matchers
            "request.auth.audiences", claim(List.of("aud")),
            "request.auth.presenter", claim(List.of("azp")),
            "source.principal", compiler.sourceFields.get("principals"),
            "source.namespace", compiler.sourceFields.get("namespaces"),
            "source.serviceAccount", compiler.sourceFields.get("serviceAccounts"),
            "source.trustDomain",
                single(
                    PolicyContext::peer,
                    AuthorizationPolicyCompiler.wildcardsAtEnds(compiler::trustDomainMatches)),
            "destination.port", compiler.operationFields.get("ports"));
  }

  /** One {@code when} condition: {@code key} with {@code values} and/or {@code notValues}. */
  Clause condition(YamlNode item, String field) {
    if (item.kind != YamlNode.Kind.MAP) {
      throw item.refuse(field, "must be a mapping");
    }
    String key = null;
    for (Map.Entry<String, YamlNode> entry : item.map.entrySet()) {
      if (entry.getKey().equals("key")) {
        key = entry.getValue().text(field + ".key");
      } else if (!LISTS.contains(entry.getKey())) {
        throw entry.getValue().refuse(field + "." + entry.getKey(), "unknown field");
      }
    }
    if (key == null) {
      throw item.refuse(field + ".key", "is required");
    }
    List<String> set = new ArrayList<>();
    for (String list : LISTS) {
      YamlNode node = item.get(list);
      if (node != null && !node.list(field + "." + list).isEmpty()) {
        set.add(list); // an empty list is an unset field (proto3)
      }
    }
    if (set.isEmpty()) {
      throw item.refuse(field, "needs values or notValues");
    }
    FieldKind kind = kind(key, item.get("key"), field + ".key");
    for (String list : set) {
      kind.checkLength(item.get(list), field + "." + list);
    }
    List<Field> fields = new ArrayList<>();
    for (String list : set) {
      fields.add(kind.compile(item.get(list), field + "." + list, list.equals("notValues")));
    }
    return new Clause(fields, key);
  }

  private FieldKind kind(String key, YamlNode at, String field) {
    if (key.startsWith(CLAIMS)) {
      List<String> claim = bracketed(key.substring(CLAIMS.length()));
      if (claim.isEmpty()) {
        throw at.refuse(field, "needs claim names in brackets, like request.auth.claims[groups]");
      }
      return claim(claim);
    }
    if (key.startsWith(HEADERS)) {
      List<String> header = bracketed(key.substring(HEADERS.length()));
      if (header.size() != 1) {
        throw at.refuse(field, "needs a header name in brackets");
      }
      return single(
          header(PolicyContext.lower(header.get(0)), at, field),
          literalInside(v -> List.of(Matchers.string(v, true, false))));
    }
    FieldKind kind = keys.get(key);
    if (kind != null) {
      return kind;
    }
    if (REFUSED.containsKey(key)) {
      throw at.refuse(field, key + " " + REFUSED.get(key));
    }
    for (Map.Entry<String, String> prefix : REFUSED_PREFIXES.entrySet()) {
      if (key.startsWith(prefix.getKey())) {
        throw at.refuse(field, key + " " + prefix.getValue());
      }
    }
    throw at.refuse(field, "unknown key " + key);
  }

  /** {@code [a][b]...} as names; empty when malformed or a name is empty. */
  private static List<String> bracketed(String rest) {
    if (!rest.startsWith("[")) {
      return List.of();
    }
    try {
      return ClaimPaths.parse(rest);
    } catch (IllegalArgumentException malformed) {
      return List.of();
    }
  }

  /**
   * A claim matches when it is a string that matches, or a list with a string element that matches
   * (Istio's {@code MetadataListValueMatcher} with {@code useExtendedJwt}); top-level strings the
   * sidecar splits on spaces are matched part by part ({@link PolicyContext#claim}); numbers,
   * booleans and objects never match.
   */
  private static FieldKind claim(List<String> path) {
    return new FieldKind(
        (node, field) -> {
          List<ValueMatch> matches =
              values(node, field, literalInside(v -> List.of(Matchers.string(v, false, false))));
          return request -> IstioMatch.claimMatches(request.claim(path), matches);
        });
  }

  /**
   * A header as Envoy's header map holds it when RBAC runs: HTTP/1.1's {@code Host} is stored as
   * {@code :authority} (so no {@code host} header exists there) and the method as {@code :method};
   * {@code :path} (with its query) and {@code :scheme} are the sidecar's, not the application's.
   */
  private Function<PolicyContext, @Nullable String> header(String name, YamlNode at, String field) {
    switch (name) {
      case ":authority":
        compiler.readsHosts = true;
        return PolicyContext::host;
      case "host":
        return context -> null;
      case ":method":
        return PolicyContext::method;
      default:
        if (name.startsWith(":")) {
          throw at.refuse(
              field,
              "the pseudo-header "
                  + name
                  + " is the sidecar's (:path with its query, :scheme of the connection it"
                  + " terminated), which the application cannot see");
        }
        return context -> context.header(name);
    }
  }
}
