package io.meshguard.testkit;

import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.SpiffeIds;
import io.meshguard.core.peer.XfccPeerResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Real identity headers minted from the application's own configuration, for tests that call the
 * application through its real meshguard filter: the payload header (named as the application names
 * it, {@code iss} its first configured issuer, {@code aud} its first configured audience, {@code
 * exp} an hour after its clock's now) and, with a peer, an XFCC element in its XFCC header ({@code
 * By} its expected own ID, a peer path read in its first trust domain). Nothing is skipped: the
 * application checks these headers as it checks the sidecar's. Immutable: each setter returns a
 * copy.
 *
 * <pre>{@code
 * Map<String, String> headers = MeshIdentityHeaders.of(meshguard)
 *     .scopes("orders:read").peer("ns/api-system/sa/gateway").toMap();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshIdentityHeaders {

  /** The subject of the minted token unless set: {@value}. */
  public static final String DEFAULT_SUBJECT = "test-user";

  /** The {@code By} of the minted XFCC element when the application checks none. */
  public static final String DEFAULT_SELF = TestRequest.DEFAULT_SELF;

  private static final PayloadDecoder JSON = PayloadDecoder.defaults();

  private final String payloadHeader;
  private final @Nullable String xfccHeader;
  private final @Nullable String trustDomain;
  private final String self;
  private final Clock clock;
  private final Map<String, @Nullable Object> claims;
  private final @Nullable String peer;

  private MeshIdentityHeaders(
      String payloadHeader,
      @Nullable String xfccHeader,
      @Nullable String trustDomain,
      String self,
      Clock clock,
      Map<String, @Nullable Object> claims,
      @Nullable String peer) {
    this.payloadHeader = payloadHeader;
    this.xfccHeader = xfccHeader;
    this.trustDomain = trustDomain;
    this.self = self;
    this.clock = clock;
    this.claims = Collections.unmodifiableMap(claims);
    this.peer = peer;
  }

  /**
   * Headers for {@code guard}'s configuration, for the subject {@value #DEFAULT_SUBJECT} without
   * scopes or peer.
   *
   * @param guard the application's guard (its {@code Meshguard} bean)
   */
  public static MeshIdentityHeaders of(Meshguard guard) {
    ClaimsValidator validator = guard.claimsValidator();
    Map<String, @Nullable Object> claims = new LinkedHashMap<>();
    String issuer = validator.issuers().iterator().next();
    claims.put("iss", issuer);
    claims.put("sub", DEFAULT_SUBJECT);
    // That issuer's own audiences: with issuer-rules another issuer's would be refused.
    if (!validator.audiences(issuer).isEmpty()) {
      claims.put("aud", validator.audiences(issuer).iterator().next());
    }
    Optional<XfccPeerResolver> xfcc = guard.xfcc();
    return new MeshIdentityHeaders(
        guard.payloadHeader(),
        xfcc.isPresent() ? guard.xfccHeader() : null,
        xfcc.flatMap(resolver -> resolver.trustDomains().stream().findFirst()).orElse(null),
        xfcc.flatMap(XfccPeerResolver::expectedBy).orElse(DEFAULT_SELF),
        validator.clock(),
        claims,
        null);
  }

  /** Sets {@code sub}. */
  public MeshIdentityHeaders subject(String subject) {
    return claim("sub", Objects.requireNonNull(subject, "subject"));
  }

  /** Sets {@code scope} to the scopes, space-separated; none removes it. */
  public MeshIdentityHeaders scopes(String... scopes) {
    return claim("scope", scopes.length == 0 ? null : String.join(" ", scopes));
  }

  /**
   * Sets a claim to a JSON value (string, number, boolean, list, map), replacing the minted one
   * ({@code iss}, {@code sub}, {@code aud}, {@code exp} too); {@code null} removes it.
   */
  public MeshIdentityHeaders claim(String name, @Nullable Object value) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(claims);
    if (value == null) {
      copy.remove(Objects.requireNonNull(name, "name"));
    } else {
      copy.put(Objects.requireNonNull(name, "name"), value);
    }
    return new MeshIdentityHeaders(payloadHeader, xfccHeader, trustDomain, self, clock, copy, peer);
  }

  /**
   * Sets a claim from text as an annotation carries it: a JSON value when {@code json} is one
   * ({@code 42}, {@code true}, {@code ["a","b"]}, {@code {"k":"v"}}, {@code "quoted"}), else the
   * text itself as a string.
   */
  public MeshIdentityHeaders claimFromText(String name, String json) {
    String value = MeshHeaders.payload("{\"v\":" + json + "}");
    PayloadResult result = JSON.decode(value);
    if (result instanceof PayloadResult.Decoded decoded && decoded.claims().contains("v")) {
      return claim(name, decoded.claims().get("v").orElse(null));
    }
    return claim(name, json);
  }

  /**
   * Sets the calling workload: a SPIFFE ID, or a path such as {@code ns/api-system/sa/gateway} in
   * the application's first trust domain.
   *
   * @throws IllegalStateException when the application reads no XFCC header, or a path is given and
   *     it has no trust domain
   */
  public MeshIdentityHeaders peer(String peer) {
    Objects.requireNonNull(peer, "peer");
    if (xfccHeader == null) {
      throw new IllegalStateException(
          "The application reads no XFCC header (peer source is not xfcc); no peer can be sent");
    }
    String id;
    if (peer.startsWith("spiffe://")) {
      id = SpiffeIds.parse(peer).toString();
    } else if (trustDomain == null) {
      throw new IllegalStateException("No trust domain configured for peer " + peer);
    } else {
      id = SpiffeIds.parse("spiffe://" + trustDomain + "/" + stripSlash(peer)).toString();
    }
    return new MeshIdentityHeaders(payloadHeader, xfccHeader, trustDomain, self, clock, claims, id);
  }

  /** Sends no XFCC header. */
  public MeshIdentityHeaders withoutPeer() {
    return new MeshIdentityHeaders(
        payloadHeader, xfccHeader, trustDomain, self, clock, claims, null);
  }

  /** The application's payload header name (lower case). */
  public String payloadHeader() {
    return payloadHeader;
  }

  /** The application's XFCC header name, if its peer source is XFCC. */
  public Optional<String> xfccHeader() {
    return Optional.ofNullable(xfccHeader);
  }

  /** The claims the payload will carry, without {@code exp} unless set. */
  public Map<String, @Nullable Object> claims() {
    return claims;
  }

  /** The minted payload header's value: unpadded base64url of the claims, as Istio sends it. */
  public String payload() {
    Payload payload = Payload.empty().clock(clock);
    claims.forEach(payload::claim);
    if (!claims.containsKey("exp")) {
      payload.expiresIn(Duration.ofHours(1));
    }
    return MeshHeaders.payload(payload);
  }

  /** Header name to value: the payload header and, with a peer, the XFCC header. */
  public Map<String, String> toMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(payloadHeader, payload());
    if (peer != null && xfccHeader != null) {
      headers.put(xfccHeader, MeshHeaders.xfcc(self, peer));
    }
    return Collections.unmodifiableMap(headers);
  }

  /** The header names this sets: the payload header and the XFCC header if read. */
  public List<String> headerNames() {
    return xfccHeader == null ? List.of(payloadHeader) : List.of(payloadHeader, xfccHeader);
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /** The header names and claim names; never claim values. */
  @Override
  public String toString() {
    return "MeshIdentityHeaders[headers="
        + headerNames()
        + ", claims="
        + claims.keySet()
        + ", peer="
        + (peer == null ? "none" : peer)
        + "]";
  }
}
