package io.meshguard.quarkus.runtime;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.claims.NumericDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jspecify.annotations.Nullable;

/**
 * A MicroProfile {@link JsonWebToken} read from the {@link MeshIdentity} meshguard checked, so that
 * code written for smallrye-jwt ({@code @Inject JsonWebToken}, {@code @Claim}) runs behind a
 * sidecar that has already verified the token. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #getName()} is the mesh principal's name ({@code principal-claim}, else {@code sub},
 *       else {@value MeshIdentity#UNNAMED}), not MP-JWT's {@code upn} rule.
 *   <li>{@link #getGroups()} is the granted scopes and then the roles ({@code roles.claims}): the
 *       roles of the Quarkus {@code SecurityIdentity}.
 *   <li>{@code aud} reads as a {@code Set<String>}; {@code exp}, {@code iat}, {@code nbf} and
 *       {@code auth_time} as {@code Long} epoch seconds; {@link #getExpirationTime()} and {@link
 *       #getIssuedAtTime()} are {@code 0} when the claim is absent.
 *   <li>Other claims read as meshguard's JSON values ({@link String}, {@link Long}, {@link
 *       java.math.BigInteger}, {@link java.math.BigDecimal}, {@link Boolean}, unmodifiable {@link
 *       List} and {@link java.util.Map}), not as {@code jakarta.json} values as in smallrye-jwt.
 *   <li>{@link #getRawToken()} (and claim {@code raw_token}) is the original token only when the
 *       sidecar forwarded it and its payload is the one meshguard checked; see {@link
 *       #rawToken(List, List)}.
 * </ul>
 *
 * <p>A request without a mesh identity (a public endpoint) sees {@link #anonymous()}: no claims, a
 * {@code null} name and no raw token, as smallrye-jwt's token of an unauthenticated request.
 *
 * @since 0.1.0
 */
public final class MeshJsonWebToken implements JsonWebToken {

  /** {@code groups}. */
  static final String GROUPS = "groups";

  /** {@code raw_token}. */
  static final String RAW_TOKEN = "raw_token";

  private static final MeshJsonWebToken ANONYMOUS = new MeshJsonWebToken(null, null);

  private final @Nullable MeshIdentity identity;
  private final @Nullable String rawToken;

  private MeshJsonWebToken(@Nullable MeshIdentity identity, @Nullable String rawToken) {
    this.identity = identity;
    this.rawToken = rawToken;
  }

  /**
   * The token of {@code identity}.
   *
   * @param identity the checked identity
   * @param rawToken the original token, already matched with {@link #rawToken(List, List)}, or
   *     {@code null}
   */
  public static MeshJsonWebToken of(MeshIdentity identity, @Nullable String rawToken) {
    return new MeshJsonWebToken(java.util.Objects.requireNonNull(identity, "identity"), rawToken);
  }

  /** The token of a request without a mesh identity: no claims, no name. */
  public static MeshJsonWebToken anonymous() {
    return ANONYMOUS;
  }

  /**
   * The original token, when the sidecar forwarded it and it is the token whose payload meshguard
   * checked; else {@code null}.
   *
   * <p>Envoy removes the token from the request after verifying it unless told to keep it (Istio
   * {@code RequestAuthentication} {@code jwtRules[].forwardOriginalToken: true}, Envoy {@code
   * forward: true}); then it stays where the client sent it. This reads only Istio's default
   * location, {@code Authorization: Bearer <token>}. The token is returned only when there is
   * exactly one {@code Authorization} header and exactly one payload header, the token is a compact
   * JWS ({@code header.payload.signature}), and its payload segment equals the payload header
   * (ignoring the {@code =} padding Envoy's {@code pad_forward_payload_header} adds). A payload
   * header sent in a development encoding (raw or percent-encoded JSON) never matches.
   *
   * <p>Equal payloads show that the client sent this token's claims, which the sidecar verified;
   * the application does not verify the token's signature itself. If the sidecar took the token
   * from another location ({@code fromHeaders}, {@code fromParams}) and the client also sent an
   * {@code Authorization} header with the same payload, this returns that header's token, whose
   * header and signature segments nobody verified: pass it on only to services that verify it.
   *
   * @param authorization the {@code Authorization} header's values
   * @param payloadHeaders the payload header's values
   */
  public static @Nullable String rawToken(List<String> authorization, List<String> payloadHeaders) {
    if (authorization.size() != 1 || payloadHeaders.size() != 1) {
      return null;
    }
    String value = authorization.get(0).strip();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = value.substring(7).strip();
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    String payload = payloadHeaders.get(0).strip();
    int end = payload.length();
    while (end > 0 && payload.charAt(end - 1) == '=') {
      end--;
    }
    int length = second - first - 1;
    if (length == 0 || length != end || !token.regionMatches(first + 1, payload, 0, end)) {
      return null;
    }
    return token;
  }

  /** The mesh identity, or empty for {@link #anonymous()}. */
  public Optional<MeshIdentity> meshIdentity() {
    return Optional.ofNullable(identity);
  }

  /** The mesh principal's name; {@code null} for {@link #anonymous()}. */
  @Override
  public @Nullable String getName() {
    return identity == null ? null : identity.getName();
  }

  /** The original token, or {@code null}; see {@link #rawToken(List, List)}. */
  @Override
  public @Nullable String getRawToken() {
    return rawToken;
  }

  /** {@code exp} in epoch seconds, {@code 0} when absent. */
  @Override
  public long getExpirationTime() {
    return identity == null
        ? 0
        : identity.claims().expiresAt().map(NumericDate::epochSecond).orElse(0L);
  }

  /** {@code iat} in epoch seconds, {@code 0} when absent. */
  @Override
  public long getIssuedAtTime() {
    return identity == null
        ? 0
        : identity.claims().issuedAt().map(NumericDate::epochSecond).orElse(0L);
  }

  /** The scopes and then the roles, as the {@code SecurityIdentity}'s roles. */
  @Override
  public Set<String> getGroups() {
    if (identity == null) {
      return Set.of();
    }
    Set<String> groups = new LinkedHashSet<>(identity.scopes());
    groups.addAll(identity.roles());
    return Collections.unmodifiableSet(groups);
  }

  /** The payload's claim names (not {@code raw_token} or {@code groups}). */
  @Override
  public Set<String> getClaimNames() {
    return identity == null ? Set.of() : identity.claims().names();
  }

  @Override
  public boolean containsClaim(String claimName) {
    return getClaim(claimName) != null;
  }

  /**
   * A claim's value; {@code null} when absent. {@code groups} and {@code raw_token} are {@link
   * #getGroups()} and {@link #getRawToken()}; see the class documentation for the types.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> @Nullable T getClaim(String claimName) {
    return (T) value(claimName);
  }

  private @Nullable Object value(String name) {
    if (RAW_TOKEN.equals(name)) {
      return rawToken;
    }
    if (identity == null) {
      return null;
    }
    if (GROUPS.equals(name)) {
      return getGroups();
    }
    Claims claims = identity.claims();
    switch (name) {
      case Claims.AUDIENCE:
        return claims.contains(name)
            ? Collections.unmodifiableSet(new LinkedHashSet<>(claims.audiences()))
            : null;
      case Claims.EXPIRATION:
        return claims.expiresAt().map(NumericDate::epochSecond).orElse(null);
      case Claims.ISSUED_AT:
        return claims.issuedAt().map(NumericDate::epochSecond).orElse(null);
      case Claims.NOT_BEFORE:
        return claims.notBefore().map(NumericDate::epochSecond).orElse(null);
      case "auth_time":
        Object authTime = claims.get(name).orElse(null);
        return authTime instanceof java.math.BigDecimal fraction ? fraction.longValue() : authTime;
      default:
        return claims.get(name).orElse(null);
    }
  }

  /** The claim names; never the name or claim values (log-identity keeps those out of logs). */
  @Override
  public String toString() {
    return "MeshJsonWebToken[claims=" + getClaimNames() + "]";
  }
}
