package io.meshguard.core.route;

import io.meshguard.core.claims.ClaimPaths;
import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.PeerMatcher;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The text form of a {@link Route}, for filter init-parameters and properties files: {@code METHOD
 * PATTERN REQUIREMENT...}, separated by whitespace.
 *
 * <table>
 *   <caption>Requirement words</caption>
 *   <tr><td>{@code public}</td><td>a public endpoint (alone)</td></tr>
 *   <tr><td>{@code authenticated}</td><td>any valid identity (alone)</td></tr>
 *   <tr><td>{@code scopes=a,b}</td><td>any one of the scopes</td></tr>
 *   <tr><td>{@code all-scopes=a,b}</td><td>all of the scopes</td></tr>
 *   <tr><td>{@code claim.role=x,y}</td><td>top-level claim {@code role} matches one of the values (Istio string patterns)</td></tr>
 *   <tr><td>{@code claim[realm_access][roles]=x}</td><td>a nested claim, Istio's bracket form</td></tr>
 *   <tr><td>{@code peer.namespace=a,b}</td><td>Istio {@code namespaces}: peer ID holds {@code /ns/<a or b>/}</td></tr>
 *   <tr><td>{@code peer.exact-namespace=a,b}</td><td>peer path exactly {@code /ns/<a or b>/sa/<any>}</td></tr>
 *   <tr><td>{@code peer.id=spiffe://...}</td><td>an exact peer SPIFFE ID (any of several)</td></tr>
 *   <tr><td>{@code peer.trust-domain=td}</td><td>Istio {@code trustDomains}: the peer's trust domain</td></tr>
 *   <tr><td>{@code peer.principal=td/ns/a/*}</td><td>Istio {@code principals}: a principal pattern</td></tr>
 * </table>
 *
 * <p>Several words all apply; values within one word are alternatives. Values cannot contain spaces
 * or commas. The words named after Istio fields match as those fields do in an AuthorizationPolicy
 * (see {@link PeerMatchers}, {@link ClaimCondition}). Example: {@code DELETE /api/v1/orders/{id}
 * claim.role=api-admin peer.exact-namespace=api-system}.
 *
 * @since 0.1.0
 */
public final class RouteText {

  private RouteText() {}

  /**
   * Parses one route.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Route parse(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length < 3 || words[0].isEmpty()) {
      throw new IllegalArgumentException(
          "A route is 'METHOD PATTERN REQUIREMENT...', for example 'GET /api/v1/orders"
              + " scopes=orders:read': "
              + text);
    }
    Requirement requirement = requirement(Arrays.asList(words).subList(2, words.length), text);
    return new Route(Route.normalizeMethod(words[0]), PathPattern.parse(words[1]), requirement);
  }

  private static Requirement requirement(List<String> words, String text) {
    if (words.size() == 1 && words.get(0).equals("public")) {
      return Requirement.publicEndpoint();
    }
    if (words.size() == 1 && words.get(0).equals("authenticated")) {
      return Requirement.authenticated();
    }
    Requirement.Builder builder = Requirement.builder();
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals <= 0 || equals == word.length() - 1) {
        throw new IllegalArgumentException(
            "Unknown route requirement '"
                + word
                + "' (public and authenticated stand alone) in: "
                + text);
      }
      String key = word.substring(0, equals);
      List<String> values = Arrays.asList(word.substring(equals + 1).split(",", -1));
      switch (key) {
        case "scopes":
          builder.scopes(ScopeRequirement.of(ScopeRequirement.Match.ANY_OF, values));
          break;
        case "all-scopes":
          builder.scopes(ScopeRequirement.of(ScopeRequirement.Match.ALL_OF, values));
          break;
        case "peer.namespace":
          builder.peer(anyOf(values, PeerMatchers::namespace));
          break;
        case "peer.exact-namespace":
          builder.peer(anyOf(values, PeerMatchers::exactNamespace));
          break;
        case "peer.id":
          builder.peer(anyOf(values, PeerMatchers::id));
          break;
        case "peer.trust-domain":
          builder.peer(anyOf(values, PeerMatchers::trustDomain));
          break;
        case "peer.principal":
          builder.peer(anyOf(values, PeerMatchers::principal));
          break;
        default:
          builder.claim(ClaimCondition.ofPath(claimPath(key, text), values));
      }
    }
    return builder.build();
  }

  private static PeerMatcher anyOf(List<String> values, Function<String, PeerMatcher> matcher) {
    List<PeerMatcher> matchers = new ArrayList<>();
    for (String value : values) {
      matchers.add(matcher.apply(value));
    }
    return PeerMatchers.anyOf(matchers);
  }

  private static List<String> claimPath(String key, String text) {
    if (key.startsWith("claim.") && key.length() > "claim.".length()) {
      return List.of(key.substring("claim.".length()));
    }
    if (key.startsWith("claim[") && key.endsWith("]")) {
      try {
        return ClaimPaths.parse(key.substring("claim".length()));
      } catch (IllegalArgumentException e) {
        // Reported as the unknown key below, as before.
      }
    }
    throw new IllegalArgumentException("Unknown route requirement key '" + key + "' in: " + text);
  }
}
