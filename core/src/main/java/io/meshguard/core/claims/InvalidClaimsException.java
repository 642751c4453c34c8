package io.meshguard.core.claims;

import java.util.Objects;

/**
 * Thrown by {@link Claims#of(java.util.Map)} when a registered claim has the wrong type or range,
 * or a value is not a JSON value. The message names the claim, never its value.
 *
 * @since 0.1.0
 */
public final class InvalidClaimsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final boolean rangeError;
  private final String claim;

  InvalidClaimsException(boolean rangeError, String claim) {
    super(
        "Claim '"
            + claim
            + (rangeError ? "' is out of range" : "' has a type that RFC 7519 does not allow"),
        null);
    this.rangeError = rangeError;
    this.claim = Objects.requireNonNull(claim);
  }

  /**
   * Whether a NumericDate lies outside {@code [0, 2^63-1]}; otherwise a value has the wrong type.
   */
  public boolean isRangeError() {
    return rangeError;
  }

  /** The top-level name of the claim concerned. */
  public String claim() {
    return claim;
  }

  /** No stack trace: the decoder turns this into a value, and hostile input must stay cheap. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
