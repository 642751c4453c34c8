package io.meshguard.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code jwtRules} entry of a {@code RequestAuthentication} that applies to the workload: what
 * an application may use to configure its payload check when it asks to. Its other fields ({@code
 * jwksUri}, {@code fromHeaders}, ...) are accepted and ignored.
 *
 * @param issuer the {@code issuer}
 * @param audiences the {@code audiences}
 * @param outputPayloadToHeader the header the payload is forwarded in, or {@code null}
 * @since 0.1.0
 */
public record RequestAuthenticationRule(
    String issuer, List<String> audiences, @Nullable String outputPayloadToHeader) {

  /** Checks and copies the parts. */
  public RequestAuthenticationRule {
    Objects.requireNonNull(issuer, "issuer");
    audiences = List.copyOf(audiences);
  }

  /** The payload header, if the rule forwards the payload. */
  public Optional<String> payloadHeader() {
    return Optional.ofNullable(outputPayloadToHeader);
  }
}
