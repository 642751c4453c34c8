package io.meshguard.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Istio's matching vocabulary, in one place for AuthorizationPolicy rules and endpoint requirements
 * alike: string patterns, the peer-principal fields ({@code principals}, {@code namespaces}, {@code
 * trustDomains}, {@code serviceAccounts}) and claim values. Every matcher is compiled once and
 * matches without backtracking regular expressions. The sources are in WIRE-FORMATS D.2, D.3 and
 * D.5.
 *
 * <p>Not API: the policy engine and the requirement matchers use it; adapters must not.
 */
public final class IstioMatch {

  private static final String SPIFFE = "spiffe://";

  /**
   * The top-level claims Istio has the sidecar split on spaces for every {@code jwtRules} entry
   * (policy_applier.go {@code buildSpaceDelimitedClaims}).
   */
  public static final Set<String> SPACE_DELIMITED_BY_DEFAULT = Set.of("scope", "permission");

  private IstioMatch() {}

  /** A check of one attribute value; {@code null} means the attribute is absent. */
  public interface ValueMatch {
    /** Whether {@code value} matches; an absent ({@code null}) value never does. */
    boolean matches(@Nullable String value);
  }

  /**
   * Istio's string match: {@code abc} exact, {@code abc*} prefix, {@code *abc} suffix, {@code *}
   * presence. Presence means non-empty, except for header-type fields ({@code headerStyle}), where
   * Envoy's {@code present_match} accepts an empty value. A {@code *} anywhere else is the
   * character itself.
   */
  public static ValueMatch string(String pattern, boolean headerStyle, boolean ignoreCase) {
    if (pattern.equals("*")) {
      return headerStyle ? value -> value != null : value -> value != null && !value.isEmpty();
    }
    String p = fold(pattern, ignoreCase);
    // Istio's order (matcher.StringMatcherWithPrefix, HostMatcher, HeaderMatcher): a leading '*'
    // first, so "*a*" is the suffix "a*" with a literal '*'.
    if (p.startsWith("*")) {
      String suffix = p.substring(1);
      return value -> value != null && fold(value, ignoreCase).endsWith(suffix);
    }
    if (p.endsWith("*")) {
      String prefix = p.substring(0, p.length() - 1);
      return value -> value != null && fold(value, ignoreCase).startsWith(prefix);
    }
    return value -> value != null && fold(value, ignoreCase).equals(p);
  }

  /** Envoy's {@code ignore_case} folds ASCII letters only (no Kelvin sign becoming {@code k}). */
  private static String fold(String value, boolean ignoreCase) {
    if (!ignoreCase) {
      return value;
    }
    char[] chars = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (chars == null) {
          chars = value.toCharArray();
        }
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return chars == null ? value : new String(chars);
  }

  /**
   * Istio's {@code principals}: the value gets {@code spiffe://} in front, then string match
   * ({@code *} means any non-empty principal).
   */
  public static ValueMatch principal(String pattern) {
    if (pattern.equals("*")) {
      return value -> value != null && !value.isEmpty();
    }
    if (pattern.startsWith("*")) {
      // the regex spiffe://.*<suffix>: the suffix may not overlap the scheme
      String suffix = pattern.substring(1);
      int shortest = SPIFFE.length() + suffix.length();
      return value ->
          value != null
              && value.length() >= shortest
              && value.startsWith(SPIFFE)
              && value.endsWith(suffix);
    }
    return string(SPIFFE + pattern, false, false);
  }

  /**
   * Istio's {@code namespaces}: the regex {@code .*}{@code /ns/<value>/.*} over the peer principal,
   * {@code *} in the value standing for {@code .*}; matched here as a glob without backtracking
   * regexes.
   */
  public static ValueMatch namespace(String pattern) {
    String glob = "*/ns/" + pattern + "/*";
    return value -> value != null && glob(glob, value);
  }

  /**
   * Istio's {@code trustDomains}/{@code source.trustDomain} over the peer principal (generator.go
   * {@code srcTrustDomainGenerator}): {@code *} is the prefix {@code spiffe://}; a value without
   * {@code *} the prefix {@code spiffe://<value>/}; otherwise the regex {@code
   * spiffe://<before>[^/]*<after>/.*}, matched here without a regex: the run {@code [^/]*} ends
   * where the principal's first {@code /} after {@code <before>} forces it to.
   */
  public static ValueMatch trustDomain(String pattern) {
    if (pattern.equals("*")) {
      return value -> value != null && value.startsWith(SPIFFE);
    }
    int star = pattern.indexOf('*');
    if (star < 0) {
      String prefix = SPIFFE + pattern + "/";
      return value -> value != null && value.startsWith(prefix);
    }
    String start = SPIFFE + pattern.substring(0, star);
    String after = pattern.substring(star + 1);
    String rest = after + "/";
    int slash = after.indexOf('/');
    int beforeFirstSlash = slash >= 0 ? slash : after.length();
    return value -> {
      if (value == null || !value.startsWith(start)) {
        return false;
      }
      int firstSlash = value.indexOf('/', start.length());
      int run = firstSlash - beforeFirstSlash;
      return firstSlash >= 0 && run >= start.length() && value.startsWith(rest, run);
    };
  }

  /**
   * Istio's {@code serviceAccounts}/{@code source.serviceAccount} over the peer principal:
   * generator.go's {@code serviceAccountRegex}, {@code spiffe://.+/ns/<ns>/(.+/|)sa/<sa>(/.+)?}
   * (whole string, namespace and account literal), matched without a regex. The earliest {@code
   * /ns/<ns>/} after a non-empty trust domain part is the one to try: any {@code sa/<sa>} a later
   * one admits, it admits too (the later one ends at least two characters further, on a {@code /}).
   */
  public static ValueMatch serviceAccount(String namespace, String account) {
    String nsPart = "/ns/" + namespace + "/";
    String saPart = "sa/" + account;
    return value -> {
      if (value == null || !value.startsWith(SPIFFE)) {
        return false;
      }
      int ns = value.indexOf(nsPart, SPIFFE.length() + 1);
      if (ns < 0) {
        return false;
      }
      int from = ns + nsPart.length();
      for (int sa = value.indexOf(saPart, from); sa >= 0; sa = value.indexOf(saPart, sa + 1)) {
        int end = sa + saPart.length();
        boolean before = sa == from || (sa >= from + 2 && value.charAt(sa - 1) == '/');
        boolean after =
            end == value.length() || (value.charAt(end) == '/' && end + 1 < value.length());
        if (before && after) {
          return true;
        }
      }
      return false;
    };
  }

  /** Whether {@code text} matches {@code glob}, where {@code *} is any run of characters. */
  public static boolean glob(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  /**
   * Whether a claim matches any of {@code values}: a string that matches one, or a list with a
   * string element that matches one (Istio's {@code MetadataListValueMatcher} with {@code
   * useExtendedJwt}); numbers, booleans, objects and an absent ({@code null}) claim never match.
   * Split the claim first ({@link #splitSpaceDelimited}) where the sidecar would.
   */
  public static boolean claimMatches(@Nullable Object claim, List<? extends ValueMatch> values) {
    if (claim instanceof String) {
      return anyMatch(values, (String) claim);
    }
    if (claim instanceof List) {
      for (Object item : (List<?>) claim) {
        if (item instanceof String && anyMatch(values, (String) item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyMatch(List<? extends ValueMatch> values, String value) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A top-level string claim as the sidecar's metadata holds it once split on spaces: the list of
   * its non-empty parts ({@code absl::StrSplit(value, ' ', absl::SkipEmpty())}), or the string
   * itself when there are none.
   */
  public static Object splitSpaceDelimited(String value) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == ' ') {
        if (i > start) {
          parts.add(value.substring(start, i));
        }
        start = i + 1;
      }
    }
    return parts.isEmpty() ? value : List.copyOf(parts);
  }
}
