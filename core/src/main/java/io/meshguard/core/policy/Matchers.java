package io.meshguard.core.policy;

import io.meshguard.core.internal.IstioMatch;
import org.jspecify.annotations.Nullable;

/**
 * Istio's string, path, namespace and request-principal matching, compiled once at load. The
 * vocabulary shared with endpoint requirements (string patterns, principals, namespaces, trust
 * domains, service accounts) is {@link IstioMatch}'s; this adds what only policies have (paths,
 * request principals).
 */
final class Matchers {

  private Matchers() {}

  /** A check of one attribute value; {@code null} means the attribute is absent. */
  interface ValueMatch extends IstioMatch.ValueMatch {}

  private static ValueMatch of(IstioMatch.ValueMatch match) {
    return match::matches;
  }

  /** {@link IstioMatch#string}: exact, {@code abc*}, {@code *abc}, {@code *} presence. */
  static ValueMatch string(String pattern, boolean headerStyle, boolean ignoreCase) {
    return of(IstioMatch.string(pattern, headerStyle, ignoreCase));
  }

  private static ValueMatch prefix(String prefix) {
    return value -> value != null && value.startsWith(prefix);
  }

  private static ValueMatch suffix(String suffix) {
    return value -> value != null && value.endsWith(suffix);
  }

  /** {@link IstioMatch#principal}: Istio's {@code principals}, {@code spiffe://} implied. */
  static ValueMatch principal(String pattern) {
    return of(IstioMatch.principal(pattern));
  }

  /** {@link IstioMatch#namespace}: Istio's {@code namespaces}, {@code .*}{@code /ns/<v>/.*}. */
  static ValueMatch namespace(String pattern) {
    return of(IstioMatch.namespace(pattern));
  }

  /** {@link IstioMatch#trustDomain}: Istio's {@code trustDomains}. */
  static ValueMatch trustDomain(String pattern) {
    return of(IstioMatch.trustDomain(pattern));
  }

  /** {@link IstioMatch#serviceAccount}: Istio's {@code serviceAccounts}. */
  static ValueMatch serviceAccount(String namespace, String account) {
    return of(IstioMatch.serviceAccount(namespace, account));
  }

  /** Whether {@code text} matches {@code glob}, where {@code *} is any run of characters. */
  static boolean glob(String glob, String text) {
    return IstioMatch.glob(glob, text);
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
