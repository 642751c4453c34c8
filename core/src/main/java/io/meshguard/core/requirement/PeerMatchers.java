package io.meshguard.core.requirement;

import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.SpiffeIds;
import io.spiffe.spiffeid.SpiffeId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link PeerMatcher}s. Every factory validates its argument when called, so a mistake
 * fails at start-up, not on a request; none of them matches by accident when given nothing.
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
    return new Described(peer -> peer.id().equals(id), "peer id " + id);
  }

  /**
   * The peer is in trust domain {@code name}.
   *
   * @throws IllegalArgumentException when {@code name} is not a trust domain name
   */
  public static PeerMatcher trustDomain(String name) {
    if (name.indexOf('/') >= 0 || SpiffeIds.tryParse(SCHEME + name).isEmpty()) {
      throw new IllegalArgumentException(
          "Not a trust domain name (lower-case letters, digits, '.', '-', '_')");
    }
    return new Described(
        peer -> peer.spiffeId().getTrustDomain().getName().equals(name),
        "peer trust domain " + name);
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
    String description = "peer principal " + pattern;
    if (pattern.equals("*")) {
      return new Described(peer -> true, description);
    }
    int star = pattern.indexOf('*');
    if (star < 0) {
      String id = SCHEME + pattern;
      if (SpiffeIds.tryParse(id).isEmpty()) {
        throw new IllegalArgumentException("An exact principal must be a strict SPIFFE ID");
      }
      return new Described(peer -> peer.id().equals(id), description);
    }
    if (star != pattern.lastIndexOf('*') || (star != 0 && star != pattern.length() - 1)) {
      throw new IllegalArgumentException(
          "A principal pattern takes one '*', at its start or its end");
    }
    if (star == 0) {
      String suffix = pattern.substring(1);
      return new Described(peer -> peer.id().endsWith(suffix), description);
    }
    String prefix = SCHEME + pattern.substring(0, star);
    return new Described(peer -> peer.id().startsWith(prefix), description);
  }

  /**
   * The peer's path is exactly {@code /ns/<namespace>/sa/<any account>} (Istio's form; a longer or
   * different path is not "in" the namespace).
   *
   * @throws IllegalArgumentException when {@code namespace} is not a valid path segment
   */
  public static PeerMatcher namespace(String namespace) {
    requireSegment(namespace, "namespace");
    return new Described(
        peer -> peer.namespace().map(namespace::equals).orElse(false),
        "peer namespace " + namespace);
  }

  /**
   * The peer's path is exactly {@code /ns/<namespace>/sa/<serviceAccount>}.
   *
   * @throws IllegalArgumentException when either is not a valid path segment
   */
  public static PeerMatcher serviceAccount(String namespace, String serviceAccount) {
    requireSegment(namespace, "namespace");
    requireSegment(serviceAccount, "service account");
    String path = "/ns/" + namespace + "/sa/" + serviceAccount;
    return new Described(
        peer -> peer.spiffeId().getPath().equals(path),
        "peer service account " + namespace + "/" + serviceAccount);
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
    return new Described(
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
    return new Described(
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

  /** A matcher with a description for explanations. */
  private static final class Described implements PeerMatcher {
    private final PeerMatcher check;
    private final String description;

    Described(PeerMatcher check, String description) {
      this.check = check;
      this.description = description;
    }

    @Override
    public boolean matches(PeerIdentity peer) {
      return check.matches(peer);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
