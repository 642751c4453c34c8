package io.meshguard.core.policy;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.request.MeshRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The attributes of one request that policies read, each computed at most once. */
final class PolicyContext {

  final MeshRequest request;
  private final Claims claims;
  private final @Nullable String peer;
  private @Nullable String host;
  private boolean hostRead;
  private @Nullable String path;
  private boolean pathRead;

  private final SpaceDelimitedClaims spaceDelimited;
  private @Nullable Map<String, Object> splitClaims;

  PolicyContext(
      MeshRequest request,
      Claims claims,
      @Nullable PeerIdentity peer,
      SpaceDelimitedClaims spaceDelimited) {
    this.request = request;
    this.claims = claims;
    this.peer = peer == null ? null : peer.id();
    this.spaceDelimited = spaceDelimited;
  }

  /** The peer's SPIFFE ID ({@code spiffe://...}), or {@code null} without an authenticated peer. */
  @Nullable String peer() {
    return peer;
  }

  /**
   * {@code iss} for {@code requestPrincipals}, which Istio matches with a string matcher: {@code
   * null} when absent or split into a list ({@link SpaceDelimitedClaims}).
   */
  @Nullable String issuer() {
    Object value = claim(List.of("iss"));
    return value instanceof String ? (String) value : null;
  }

  /** {@code sub} for {@code requestPrincipals}, as {@link #issuer()}. */
  @Nullable String subject() {
    Object value = claim(List.of("sub"));
    return value instanceof String ? (String) value : null;
  }

  String method() {
    return request.method();
  }

  /**
   * The path as the sidecar matches {@code paths}: the raw path after Istio's BASE normalisation;
   * {@code null} when the sidecar would refuse the path.
   */
  @Nullable String path() {
    if (!pathRead) {
      path = IstioPathNormalizer.normalize(request.rawPath());
      pathRead = true;
    }
    return path;
  }

  /** The authority as received (HTTP/2 {@code :authority}, else {@code Host}), port included. */
  @Nullable String host() {
    if (!hostRead) {
      host = request.authority();
      hostRead = true;
    }
    return host;
  }

  /** The destination port, or {@code null} when unknown. */
  @Nullable String port() {
    int port = request.localPort();
    return port > 0 ? Integer.toString(port) : null;
  }

  /**
   * A header's value, several lines joined with {@code ,} as Envoy does; {@code null} if absent.
   */
  @Nullable String header(String lowerCaseName) {
    List<String> values = request.headers(lowerCaseName);
    return values.isEmpty() ? null : String.join(",", values);
  }

  /**
   * A claim as the sidecar's JWT metadata holds it: a top-level string claim that is split on
   * spaces for this token's issuer ({@link SpaceDelimitedClaims}) is the list of its parts; {@code
   * null} when absent.
   */
  @Nullable Object claim(List<String> path) {
    Object value = claims.get(path).orElse(null);
    if (path.size() == 1
        && value instanceof String
        && spaceDelimited.splits(path.get(0), claims.issuer().orElse(null))) {
      // Split once per request, however many rules read the claim.
      if (splitClaims == null) {
        splitClaims = new HashMap<>(4);
      }
      return splitClaims.computeIfAbsent(
          path.get(0), name -> SpaceDelimitedClaims.split((String) value));
    }
    return value;
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
