package io.meshguard.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a request: allowed (with the caller's identity, unless the route is
 * public) or denied (with an error code, the scopes that were needed, and a fixed description).
 * Both carry an {@link Explanation}. Expected failures are decisions, never exceptions.
 *
 * @since 0.1.0
 */
public sealed interface Decision {

  /** Whether the request may proceed. */
  boolean isAllowed();

  /** The checks behind this decision. */
  Explanation explanation();

  /**
   * The request may proceed.
   *
   * @param identity the caller's identity; {@code null} for a public endpoint or a CORS preflight,
   *     whose identity headers are not read
   * @param explanation the checks
   */
  record Allowed(@Nullable MeshIdentity identity, Explanation explanation) implements Decision {
    /** Checks the explanation is present. */
    public Allowed {
      Objects.requireNonNull(explanation, "explanation");
    }

    /** The caller's identity, when one was checked. */
    public Optional<MeshIdentity> optionalIdentity() {
      return Optional.ofNullable(identity);
    }

    @Override
    public boolean isAllowed() {
      return true;
    }

    /** For example {@code allowed: payload: passed; claims: passed; ...}. */
    @Override
    public String toString() {
      return "allowed: " + explanation;
    }
  }

  /**
   * The request is denied.
   *
   * @param code why, which fixes the status and challenge
   * @param description fixed text in the RFC 6750 charset, used as {@code error_description} and
   *     problem {@code detail}; never built from input
   * @param requiredScopes the scopes that were needed, for {@link ErrorCode#INSUFFICIENT_SCOPE};
   *     otherwise empty
   * @param explanation the checks
   */
  record Denied(
      ErrorCode code, String description, List<String> requiredScopes, Explanation explanation)
      implements Decision {
    /** Checks the parts are present and copies the scopes. */
    public Denied {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(description, "description");
      requiredScopes = List.copyOf(requiredScopes);
      Objects.requireNonNull(explanation, "explanation");
    }

    /** A denial with the code's default description and no scopes. */
    public static Denied of(ErrorCode code, Explanation explanation) {
      return new Denied(code, code.defaultDescription(), List.of(), explanation);
    }

    @Override
    public boolean isAllowed() {
      return false;
    }

    /** For example {@code denied INSUFFICIENT_SCOPE: payload: passed; ...}. */
    @Override
    public String toString() {
      return "denied " + code + ": " + explanation;
    }
  }
}
