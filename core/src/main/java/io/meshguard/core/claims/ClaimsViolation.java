package io.meshguard.core.claims;

/**
 * Why a well-formed claim set is not accepted. Each is answered with 401 {@code invalid_token}; the
 * description is fixed text in the RFC 6750 charset, used as {@code error_description} and problem
 * {@code detail}.
 *
 * @since 0.1.0
 */
public enum ClaimsViolation {
  /** No {@code iss}. */
  ISSUER_MISSING("Token issuer missing"),
  /** {@code iss} is not one of the accepted issuers. */
  ISSUER_NOT_ACCEPTED("Token issuer not accepted"),
  /** No {@code exp}, and expiration is required. */
  EXPIRATION_MISSING("Token expiration missing"),
  /** {@code exp} is more than the skew in the past. */
  EXPIRED("Token expired"),
  /** {@code nbf} is more than the skew in the future. */
  NOT_YET_VALID("Token not yet valid"),
  /** {@code iat} is more than the skew in the future. */
  ISSUED_IN_FUTURE("Token issued in the future"),
  /** No {@code aud} matches an accepted audience. */
  AUDIENCE_NOT_ACCEPTED("Token audience not accepted");

  private final String description;

  ClaimsViolation(String description) {
    this.description = description;
  }

  /** Fixed English text, never built from input. */
  public String description() {
    return description;
  }
}
