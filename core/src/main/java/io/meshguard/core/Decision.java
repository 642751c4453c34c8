package io.meshguard.core;

import io.meshguard.core.claims.ClaimsViolation;
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
   * <p>Built only from reasons: {@link #of(ErrorCode, Explanation)}, {@link #of(ClaimsViolation,
   * Explanation)}, {@link #insufficientScope} and {@link #peerMissing}; the canonical constructor
   * refuses any other description, so a denial can never carry text built from a request.
   *
   * @param code why, which fixes the status and challenge
   * @param description the code's fixed text (or a {@link ClaimsViolation}'s for {@link
   *     ErrorCode#INVALID_TOKEN}, {@link #PEER_MISSING} for {@link ErrorCode#PEER_DENIED}), used as
   *     {@code error_description} and problem {@code detail}
   * @param requiredScopes the scopes that were needed, for {@link ErrorCode#INSUFFICIENT_SCOPE};
   *     otherwise empty
   * @param explanation the checks
   */
  record Denied(
      ErrorCode code, String description, List<String> requiredScopes, Explanation explanation)
      implements Decision {
    /** The description of a denial because a peer is required and none was authenticated. */
    public static final String PEER_MISSING = "Mesh peer identity missing";

    /**
     * Checks the parts are present, the description is one of the code's reasons, and scopes come
     * only with {@link ErrorCode#INSUFFICIENT_SCOPE}; copies the scopes.
     *
     * @throws IllegalArgumentException for any other description, or scopes with another code
     */
    public Denied {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(description, "description");
      requiredScopes = List.copyOf(requiredScopes);
      Objects.requireNonNull(explanation, "explanation");
      if (!isReason(code, description)) {
        throw new IllegalArgumentException("Not a description of " + code + ": " + description);
      }
      if (!requiredScopes.isEmpty() && code != ErrorCode.INSUFFICIENT_SCOPE) {
        throw new IllegalArgumentException("Only INSUFFICIENT_SCOPE names required scopes");
      }
    }

    /** A denial with the code's default description and no scopes. */
    public static Denied of(ErrorCode code, Explanation explanation) {
      return new Denied(code, code.defaultDescription(), List.of(), explanation);
    }

    /** An {@link ErrorCode#INVALID_TOKEN} denial described by the claims check that failed. */
    public static Denied of(ClaimsViolation violation, Explanation explanation) {
      return new Denied(ErrorCode.INVALID_TOKEN, violation.description(), List.of(), explanation);
    }

    /** An {@link ErrorCode#INSUFFICIENT_SCOPE} denial naming the scopes that would have passed. */
    public static Denied insufficientScope(List<String> scopes, Explanation explanation) {
      return new Denied(
          ErrorCode.INSUFFICIENT_SCOPE,
          ErrorCode.INSUFFICIENT_SCOPE.defaultDescription(),
          scopes,
          explanation);
    }

    /** A {@link ErrorCode#PEER_DENIED} denial because a peer is required and there is none. */
    public static Denied peerMissing(Explanation explanation) {
      return new Denied(ErrorCode.PEER_DENIED, PEER_MISSING, List.of(), explanation);
    }

    private static boolean isReason(ErrorCode code, String description) {
      if (description.equals(code.defaultDescription())) {
        return true;
      }
      if (code == ErrorCode.PEER_DENIED) {
        return description.equals(PEER_MISSING);
      }
      if (code == ErrorCode.INVALID_TOKEN) {
        for (ClaimsViolation violation : ClaimsViolation.values()) {
          if (violation.description().equals(description)) {
            return true;
          }
        }
      }
      return false;
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
