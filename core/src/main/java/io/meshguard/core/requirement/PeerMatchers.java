package io.meshguard.core.requirement;

import io.meshguard.core.internal.IstioMatch;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.SpiffeIds;
import io.spiffe.spiffeid.SpiffeId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The standard {@link PeerMatcher}s. Every factory validates its argument when called, so a mistake
 * fails at start-up, not on a request; none of them matches by accident when given nothing.
 *
 * <p>A factory named after an Istio AuthorizationPolicy field ({@link #principal}, {@link
 * #namespace}, {@link #trustDomain}, {@link #serviceAccount}) matches exactly as that field does in
 * a policy (the same implementation, WIRE-FORMATS D.3); one that means something stricter says so
 * in its name ({@link #exactNamespace}, {@link #exactServiceAccount}). Unlike a policy, a
 * requirement knows no mesh trust domain, so {@code cluster.local} in a principal is that trust
 * domain itself, not an alias of the mesh's.
 *
 * <p>The standard matchers compare by value: two built from the same arguments are equal (and so
 * are {@link #anyOf}/{@link #allOf} of equal matchers, in any order), which makes {@link
 * Requirement}s comparable.
 *
 * @since 0.1.0
 */
public final class PeerMatchers {

  private static final String SCHEME = "spiffe://";

  private PeerMatchers() {}

  /**
   * The peer's SPIFFE ID equals {@code spiffeId} exactly.
   *
   * @throws IllegalArgumentException when {@code spiffeId} is not a strict SPIFFE ID with a path
   */
  public static PeerMatcher id(String spiffeId) {
    SpiffeId parsed = SpiffeIds.parse(spiffeId);
    if (!SpiffeIds.isWorkloadId(parsed)) {
      throw new IllegalArgumentException("A peer SPIFFE ID needs a workload path");
    }
    String id = parsed.toString();
    return new Standard("id", List.of(id), peer -> peer.id().equals(id), "peer id " + id);
  }

  /**
   * The peer is in a trust domain, as Istio's {@code trustDomains} means it: {@code cluster.local}
   * (the peer's ID starts {@code spiffe://cluster.local/}), {@code *.local} or {@code cluster.*}
   * (one {@code *}, at one end, for any run of characters other than {@code /}), or {@code *} (any
   * trust domain).
   *
   * @throws IllegalArgumentException when {@code pattern} is not a trust domain name, with at most
   *     one {@code *} at one end
   */
  public static PeerMatcher trustDomain(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    String name = pattern;
    if (!pattern.equals("*")) {
      int star = pattern.indexOf('*');
      if (star >= 0
          && (star != pattern.lastIndexOf('*') || (star != 0 && star != pattern.length() - 1))) {
        throw new IllegalArgumentException(
            "A trust domain pattern takes one '*', alone or at its start or its end");
      }
      name = pattern.replace("*", "");
      if (name.indexOf('/') >= 0 || SpiffeIds.tryParse(SCHEME + name).isEmpty()) {
        throw new IllegalArgumentException(
            "Not a trust domain name (lower-case letters, digits, '.', '-', '_')");
      }
    }
    IstioMatch.ValueMatch match = IstioMatch.trustDomain(pattern);
    return new Standard(
        "trustDomain",
        List.of(pattern),
        peer -> match.matches(peer.id()),
        "peer trust domain " + pattern);
  }

  /**
   * The peer matches an Istio principal pattern, with {@code spiffe://} implied as in
   * AuthorizationPolicy {@code principals}: {@code cluster.local/ns/a/sa/b} (exact), {@code
   * cluster.local/ns/a/*} (prefix), {@code *}{@code /sa/b} (suffix), or {@code *} (any peer).
   *
   * @throws IllegalArgumentException for an empty pattern, a {@code *} elsewhere than at one end, a
   *     pattern that spells out the scheme, or an exact pattern that is not a strict SPIFFE ID
   * @see <a
   *     href="https://istio.io/latest/docs/reference/config/security/authorization-policy/">Istio
   *     AuthorizationPolicy</a>
   */
  public static PeerMatcher principal(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("A principal pattern cannot be empty");
    }
    if (pattern.contains("://")) {
      throw new IllegalArgumentException(
          "A principal pattern implies spiffe:// (write cluster.local/ns/<ns>/sa/<sa>)");
    }
    if (!pattern.equals("*")) {
      int star = pattern.indexOf('*');
      if (star < 0 && SpiffeIds.tryParse(SCHEME + pattern).isEmpty()) {
        throw new IllegalArgumentException("An exact principal must be a strict SPIFFE ID");
      }
      if (star >= 0
          && (star != pattern.lastIndexOf('*') || (star != 0 && star != pattern.length() - 1))) {
        throw new IllegalArgumentException(
            "A principal pattern takes one '*', at its start or its end");
      }
    }
    IstioMatch.ValueMatch match = IstioMatch.principal(pattern);
    return new Standard(
        "principal",
        List.of(pattern),
        peer -> match.matches(peer.id()),
        "peer principal " + pattern);
  }

  /**
   * The peer is in an Istio namespace, as AuthorizationPolicy {@code namespaces} means it: its ID
   * holds {@code /ns/<namespace>/} (the regex {@code .*}{@code /ns/<namespace>/.*}), and each
   * {@code *} in {@code namespace} stands for any run of characters ({@code api-*}). For the
   * stricter check that the path is exactly {@code /ns/<namespace>/sa/<account>}, use {@link
   * #exactNamespace}.
   *
   * @throws IllegalArgumentException when {@code namespace} is empty, or not a SPIFFE path segment
   *     once its {@code *}s are taken out
   */
  public static PeerMatcher namespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    String literal = namespace.replace("*", "");
    if (!literal.isEmpty() || namespace.isEmpty()) {
      requireSegment(literal, "namespace");
    }
    IstioMatch.ValueMatch match = IstioMatch.namespace(namespace);
    return new Standard(
        "namespace",
        List.of(namespace),
        peer -> match.matches(peer.id()),
        "peer namespace " + namespace);
  }

  /**
   * The peer's path is exactly {@code /ns/<namespace>/sa/<any account>}: Istio's form, where a
   * longer or different path is not "in" the namespace. Stricter than Istio's {@code namespaces}
   * ({@link #namespace}), which only looks for {@code /ns/<namespace>/} anywhere in the ID.
   *
   * @throws IllegalArgumentException when {@code namespace} is not a valid path segment
   */
  public static PeerMatcher exactNamespace(String namespace) {
    requireSegment(namespace, "namespace");
    return new Standard(
        "exactNamespace",
        List.of(namespace),
        peer -> peer.namespace().map(namespace::equals).orElse(false),
        "peer exact namespace " + namespace);
  }

  /**
   * The peer runs as a service account, as AuthorizationPolicy {@code serviceAccounts} means it:
   * its ID matches {@code spiffe://.+/ns/<namespace>/(.+/|)sa/<serviceAccount>(/.+)?}. For the
   * stricter check that the path is exactly {@code /ns/<namespace>/sa/<serviceAccount>}, use {@link
   * #exactServiceAccount}.
   *
   * @throws IllegalArgumentException when either is not a valid path segment
   */
  public static PeerMatcher serviceAccount(String namespace, String serviceAccount) {
    requireSegment(namespace, "namespace");
    requireSegment(serviceAccount, "service account");
    IstioMatch.ValueMatch match = IstioMatch.serviceAccount(namespace, serviceAccount);
    return new Standard(
        "serviceAccount",
        List.of(namespace, serviceAccount),
        peer -> match.matches(peer.id()),
        "peer service account " + namespace + "/" + serviceAccount);
  }

  /**
   * The peer's path is exactly {@code /ns/<namespace>/sa/<serviceAccount>}.
   *
   * @throws IllegalArgumentException when either is not a valid path segment
   */
  public static PeerMatcher exactServiceAccount(String namespace, String serviceAccount) {
    requireSegment(namespace, "namespace");
    requireSegment(serviceAccount, "service account");
    String path = "/ns/" + namespace + "/sa/" + serviceAccount;
    return new Standard(
        "exactServiceAccount",
        List.of(namespace, serviceAccount),
        peer -> peer.spiffeId().getPath().equals(path),
        "peer exact service account " + namespace + "/" + serviceAccount);
  }

  /**
   * Any of {@code matchers}.
   *
   * @throws IllegalArgumentException when none is given
   */
  public static PeerMatcher anyOf(PeerMatcher... matchers) {
    return anyOf(Arrays.asList(matchers));
  }

  /**
   * Any of {@code matchers}.
   *
   * @throws IllegalArgumentException when none is given
   */
  public static PeerMatcher anyOf(List<PeerMatcher> matchers) {
    List<PeerMatcher> all = nonEmpty(matchers);
    if (all.size() == 1) {
      return all.get(0);
    }
    return new Standard(
        "anyOf",
        List.of(Set.copyOf(all)),
        peer -> {
          for (PeerMatcher matcher : all) {
            if (matcher.matches(peer)) {
              return true;
            }
          }
          return false;
        },
        "any of " + all);
  }

  /**
   * All of {@code matchers}.
   *
   * @throws IllegalArgumentException when none is given
   */
  public static PeerMatcher allOf(PeerMatcher... matchers) {
    return allOf(Arrays.asList(matchers));
  }

  /**
   * All of {@code matchers}.
   *
   * @throws IllegalArgumentException when none is given
   */
  public static PeerMatcher allOf(List<PeerMatcher> matchers) {
    List<PeerMatcher> all = nonEmpty(matchers);
    if (all.size() == 1) {
      return all.get(0);
    }
    return new Standard(
        "allOf",
        List.of(Set.copyOf(all)),
        peer -> {
          for (PeerMatcher matcher : all) {
            if (!matcher.matches(peer)) {
              return false;
            }
          }
          return true;
        },
        "all of " + all);
  }

  private static List<PeerMatcher> nonEmpty(List<PeerMatcher> matchers) {
    List<PeerMatcher> all = List.copyOf(matchers);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("A peer condition needs at least one matcher");
    }
    return all;
  }

  private static void requireSegment(String segment, String what) {
    Objects.requireNonNull(segment, what);
    if (SpiffeIds.tryParse("spiffe://td/" + segment).isEmpty() || segment.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "A " + what + " must be one SPIFFE path segment (letters, digits, '.', '-', '_')");
    }
  }

  /**
   * A standard matcher: a description for explanations, and equality by its kind and arguments
   * (never by the check, which is derived from them).
   */
  private static final class Standard implements PeerMatcher {
    private final String kind;
    private final List<?> arguments;
    private final PeerMatcher check;
    private final String description;

    Standard(String kind, List<?> arguments, PeerMatcher check, String description) {
      this.kind = kind;
      this.arguments = arguments;
      this.check = check;
      this.description = description;
    }

    @Override
    public boolean matches(PeerIdentity peer) {
      return check.matches(peer);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Standard
          && ((Standard) other).kind.equals(kind)
          && ((Standard) other).arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + arguments.hashCode();
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
