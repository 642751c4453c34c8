package io.meshguard.core;

import org.jspecify.annotations.Nullable;

/**
 * Why a request is denied, each with its HTTP status and, where RFC 6750 gives one, its Bearer
 * {@code error} code. {@link io.meshguard.core.http.ErrorResponses} turns a code into a response.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 * @since 0.1.0
 */
public enum ErrorCode {
  /** No identity payload: 401 with a bare {@code Bearer} challenge. */
  MISSING_CREDENTIALS(401, null, true, "Unauthorized", "Missing mesh identity payload"),
  /** The payload is malformed: 400 {@code invalid_request}. */
  INVALID_REQUEST(400, "invalid_request", true, "Bad Request", "Malformed mesh identity payload"),
  /**
   * The payload is well-formed but not accepted (time, issuer, audience): 401 {@code
   * invalid_token}.
   */
  INVALID_TOKEN(401, "invalid_token", true, "Unauthorized", "Invalid mesh identity"),
  /** A needed scope was not granted: 403 {@code insufficient_scope} with {@code scope="..."}. */
  INSUFFICIENT_SCOPE(
      403, "insufficient_scope", true, "Forbidden", "Insufficient scope for mesh routing"),
  /** A claim condition does not hold: 403 without a challenge. */
  CLAIM_DENIED(403, null, false, "Forbidden", "Required claim not satisfied"),
  /** The peer is missing or not allowed: 403 without a challenge. */
  PEER_DENIED(403, null, false, "Forbidden", "Mesh peer not allowed"),
  /** An authorization policy denies: 403 without a challenge. */
  POLICY_DENIED(403, null, false, "Forbidden", "Denied by mesh authorization policy"),
  /** A framework's own role or permission check denies: 403 without a challenge. */
  ACCESS_DENIED(403, null, false, "Forbidden", "Access denied"),
  /** The raw request path is ambiguous: 400 without a challenge. */
  AMBIGUOUS_PATH(400, null, false, "Bad Request", "Ambiguous request path"),
  /** No such resource: 404. */
  NOT_FOUND(404, null, false, "Not Found", "No such resource"),
  /** The resource exists but not for this method: 405. */
  METHOD_NOT_ALLOWED(
      405, null, false, "Method Not Allowed", "Method not allowed for this resource"),
  /** Something failed inside meshguard: 500, and the request is never let through. */
  INTERNAL_ERROR(500, null, false, "Internal Server Error", "Internal error");

  private final int status;
  private final @Nullable String bearerError;
  private final boolean challenges;
  private final String title;
  private final String defaultDescription;

  ErrorCode(
      int status,
      @Nullable String bearerError,
      boolean challenges,
      String title,
      String defaultDescription) {
    this.status = status;
    this.bearerError = bearerError;
    this.challenges = challenges;
    this.title = title;
    this.defaultDescription = defaultDescription;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The RFC 6750 {@code error} code, if this code has one. */
  public @Nullable String bearerError() {
    return bearerError;
  }

  /** Whether responses carry a {@code WWW-Authenticate: Bearer} challenge. */
  public boolean challenges() {
    return challenges;
  }

  /** The HTTP reason phrase, used as the problem {@code title}. */
  public String title() {
    return title;
  }

  /** The description used when a denial gives no more specific one. */
  public String defaultDescription() {
    return defaultDescription;
  }
}
