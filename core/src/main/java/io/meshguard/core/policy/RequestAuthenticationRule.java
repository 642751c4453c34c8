package io.meshguard.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jwtRules} entry of a {@code RequestAuthentication} that applies to the workload: what
 * an application may use to configure its payload check when it asks to, and the claims it splits
 * on spaces for {@code request.auth.claims[...]} matching. Its other fields ({@code jwksUri},
 * {@code fromHeaders}, ...) are accepted and ignored.
 *
 * @param issuer the {@code issuer}; empty when the rule has only a {@code jwksUri} (Envoy then
 *     accepts any {@code iss})
 * @param audiences the {@code audiences}
 * @param outputPayloadToHeader the header the payload is forwarded in, or {@code null}
 * @param spaceDelimitedClaims the {@code spaceDelimitedClaims} as written: top-level claims split
 *     on spaces for tokens of this issuer, besides {@code scope} and {@code permission}, which
 *     always are
 * @since 0.1.0
 */
public record RequestAuthenticationRule(
    String issuer,
    List<String> audiences,
    @Nullable String outputPayloadToHeader,
    List<String> spaceDelimitedClaims) {

  /** Checks and copies the parts. */
  public RequestAuthenticationRule {
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
    spaceDelimitedClaims = List.copyOf(spaceDelimitedClaims);
  }

  /** A rule without {@code spaceDelimitedClaims}. */
  public RequestAuthenticationRule(
      String issuer, List<String> audiences, @Nullable String outputPayloadToHeader) {
    this(issuer, audiences, outputPayloadToHeader, List.of());
  }

  /** The payload header, if the rule forwards the payload. */
  public Optional<String> payloadHeader() {
    return Optional.ofNullable(outputPayloadToHeader);
  }
}
