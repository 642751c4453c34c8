package io.meshguard.core.http;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.internal.HeaderText;
import java.util.List;
import java.util.Objects;

/**
 * Renders denials, the same way for every adapter:
 *
 * <ul>
 *   <li>{@link ErrorCode#MISSING_CREDENTIALS}: {@code WWW-Authenticate: Bearer} (RFC 6750 §3.1: no
 *       error code when the request carried no credentials);
 *   <li>{@code invalid_request}, {@code invalid_token}: {@code Bearer error="...",
 *       error_description="..."};
 *   <li>{@code insufficient_scope}: the same plus {@code scope="<needed scopes, space-separated>"};
 *   <li>every other code: no challenge.
 * </ul>
 *
 * <p>The body is an RFC 9457 problem: {@code {"type":"about:blank","title":...,"status":...,
 * "detail":...}}, {@code detail} being the denial's fixed description. Nothing from the request
 * ever appears. A description or scope outside the RFC 6750 charset (which no meshguard code
 * produces) is replaced by the code's default rather than sent. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ErrorResponses {

  private ErrorResponses() {}

  /** Renders a denial. */
  public static ErrorResponse render(Decision.Denied denied) {
    Objects.requireNonNull(denied, "denied");
    return render(denied.code(), denied.description(), denied.requiredScopes());
  }

  /**
   * Renders {@code code} with its default description (for 404, 405, 500 and framework denials).
   */
  public static ErrorResponse render(ErrorCode code) {
    return render(code, code.defaultDescription(), List.of());
  }

  /**
   * A problem for an HTTP error that is not a meshguard decision (a container's own 400, 413 or
   * 431, an application's 404, an exception's 500), so that every error a service returns is
   * problem+json. Statuses meshguard has a code for render as that code; others get their reason
   * phrase as title and a generic detail. Never a challenge.
   *
   * @param status an HTTP error status, 400 to 599
   * @throws IllegalArgumentException for a status outside 400 to 599
   */
  public static ErrorResponse forStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("Not an error status: " + status);
    }
    switch (status) {
      case 404:
        return render(ErrorCode.NOT_FOUND);
      case 405:
        return render(ErrorCode.METHOD_NOT_ALLOWED);
      case 500:
        return render(ErrorCode.INTERNAL_ERROR);
      default:
        String title = reasonPhrase(status);
        String detail = status >= 500 ? "The service could not answer" : "The request was rejected";
        return new ErrorResponse(status, null, problem(status, title, detail));
    }
  }

  private static String reasonPhrase(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 406:
        return "Not Acceptable";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 411:
        return "Length Required";
      case 413:
        return "Content Too Large";
      case 414:
        return "URI Too Long";
      case 415:
        return "Unsupported Media Type";
      case 422:
        return "Unprocessable Content";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      case 501:
        return "Not Implemented";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return status >= 500 ? "Server Error" : "Client Error";
    }
  }

  private static ErrorResponse render(ErrorCode code, String description, List<String> scopes) {
    // Decision.Denied admits only the fixed descriptions, all in the RFC 6750 charset.
    return new ErrorResponse(
        code.status(), challenge(code, description, scopes), problem(code, description));
  }

  private static @org.jspecify.annotations.Nullable String challenge(
      ErrorCode code, String description, List<String> scopes) {
    if (!code.challenges()) {
      return null;
    }
    String error = code.bearerError();
    if (error == null) {
      return "Bearer";
    }
    StringBuilder value =
        new StringBuilder("Bearer error=\"")
            .append(error)
            .append("\", error_description=\"")
            .append(description)
            .append('"');
    if (code == ErrorCode.INSUFFICIENT_SCOPE && !scopes.isEmpty()) {
      boolean valid = scopes.stream().allMatch(HeaderText::isScopeToken);
      if (valid) {
        value.append(", scope=\"").append(String.join(" ", scopes)).append('"');
      }
    }
    return value.toString();
  }

  private static String problem(ErrorCode code, String detail) {
    return problem(code.status(), code.title(), detail);
  }

  /** Title and detail are fixed RFC 6750 text (no '"', '\\' or controls): no escaping needed. */
  private static String problem(int status, String title, String detail) {
    return "{\"type\":\"about:blank\",\"title\":\""
        + title
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + detail
        + "\"}";
  }
}
