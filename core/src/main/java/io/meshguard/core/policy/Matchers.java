package io.meshguard.core.policy;

import org.jspecify.annotations.Nullable;

/** Istio's string, path, namespace and request-principal matching, compiled once at load. */
final class Matchers {

  private static final String SPIFFE = "spiffe://";

  private Matchers() {}

  /** A check of one attribute value; {@code null} means the attribute is absent. */
  interface ValueMatch {
    boolean matches(@Nullable String value);
  }

  /**
   * Istio's string match: {@code abc} exact, {@code abc*} prefix, {@code *abc} suffix, {@code *}
   * presence. Presence means non-empty, except for header-type fields ({@code headerStyle}), where
   * Envoy's {@code present_match} accepts an empty value.
   */
  static ValueMatch string(String pattern, boolean headerStyle, boolean ignoreCase) {
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

  private static ValueMatch prefix(String prefix) {
    return value -> value != null && value.startsWith(prefix);
  }

  private static ValueMatch suffix(String suffix) {
    return value -> value != null && value.endsWith(suffix);
  }

  /**
   * Istio's {@code principals}: the value gets {@code spiffe://} in front, then string match
   * ({@code *} means any non-empty principal).
   */
  static ValueMatch principal(String pattern) {
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
    return string("spiffe://" + pattern, false, false);
  }

  /**
   * Istio's {@code namespaces}: the regex {@code .*}{@code /ns/<value>/.*} over the peer principal,
   * {@code *} in the value standing for {@code .*}; matched here as a glob without backtracking
   * regexes.
   */
  static ValueMatch namespace(String pattern) {
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
  static ValueMatch trustDomain(String pattern) {
    if (pattern.equals("*")) {
      return value -> value != null && value.startsWith("spiffe://");
    }
    int star = pattern.indexOf('*');
    if (star < 0) {
      String prefix = "spiffe://" + pattern + "/";
      return value -> value != null && value.startsWith(prefix);
    }
    String start = "spiffe://" + pattern.substring(0, star);
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
  static ValueMatch serviceAccount(String namespace, String account) {
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
  static boolean glob(String glob, String text) {
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
   * Istio's {@code paths}: string match ({@code /p/*} is the prefix {@code /p/}) or, with {@code
   * {*}}/{@code {**}}, Envoy's URI template ({@link PathTemplate}).
   *
   * @throws IllegalArgumentException when the value is a template Istio or Envoy refuses
   */
  static ValueMatch path(String pattern) {
    PathTemplate template =
        pattern.indexOf('{') >= 0 || pattern.indexOf('}') >= 0 ? PathTemplate.check(pattern) : null;
    return template != null ? template : string(pattern, false, false);
  }

  /** Istio's {@code requestPrincipals} (≥ 1.21): split at the last {@code /} (WIRE-FORMATS D.4). */
  static final class RequestPrincipal {
    private final ValueMatch issuer;
    private final ValueMatch subject;

    private RequestPrincipal(ValueMatch issuer, ValueMatch subject) {
      this.issuer = issuer;
      this.subject = subject;
    }

    static RequestPrincipal of(String value) {
      ValueMatch any = v -> v != null && !v.isEmpty();
      if (value.equals("*")) {
        return new RequestPrincipal(any, any);
      }
      int slash = value.lastIndexOf('/');
      if (value.startsWith("*")) {
        if (slash >= 0) {
          String iss = value.substring(0, slash);
          String sub = value.substring(slash + 1);
          return new RequestPrincipal(iss.equals("*") ? any : suffix(iss.substring(1)), exact(sub));
        }
        return new RequestPrincipal(any, suffix(value.substring(1)));
      }
      if (value.endsWith("*")) {
        // generator.go: the subject (or, without '/', the issuer) is a prefix match on the value
        // less its trailing '*', whatever else it holds ("*x*" is the prefix "*x").
        if (slash >= 0) {
          String sub = value.substring(slash + 1);
          return new RequestPrincipal(
              exact(value.substring(0, slash)),
              sub.equals("*") ? any : prefix(sub.substring(0, sub.length() - 1)));
        }
        return new RequestPrincipal(prefix(value.substring(0, value.length() - 1)), any);
      }
      return slash < 0
          ? new RequestPrincipal(exact(value), exact(""))
          : new RequestPrincipal(
              exact(value.substring(0, slash)), exact(value.substring(slash + 1)));
    }

    private static ValueMatch exact(String text) {
      return value -> text.equals(value);
    }

    boolean matches(@Nullable String iss, @Nullable String sub) {
      return iss != null && issuer.matches(iss) && subject.matches(sub);
    }
  }
}
