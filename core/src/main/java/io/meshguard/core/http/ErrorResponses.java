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

  private static ErrorResponse render(ErrorCode code, String description, List<String> scopes) {
    String text = HeaderText.isRfc6750Text(description) ? description : code.defaultDescription();
    return new ErrorResponse(code.status(), challenge(code, text, scopes), problem(code, text));
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
    // Title and detail are fixed RFC 6750 text (no '"', '\' or controls), so they need no escaping.
    return "{\"type\":\"about:blank\",\"title\":\""
        + code.title()
        + "\",\"status\":"
        + code.status()
        + ",\"detail\":\""
        + detail
        + "\"}";
  }
}
