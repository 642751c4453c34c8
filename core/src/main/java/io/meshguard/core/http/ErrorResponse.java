package io.meshguard.core.http;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A rendered denial: what an adapter writes to the response.
 *
 * @param status the HTTP status
 * @param wwwAuthenticate the {@code WWW-Authenticate} value, or {@code null} when none is sent
 * @param body the problem+json body (UTF-8 when written)
 * @since 0.1.0
 */
public record ErrorResponse(int status, @Nullable String wwwAuthenticate, String body) {

  /** The media type of {@link #body()}: {@code application/problem+json}. */
  public static final String CONTENT_TYPE = "application/problem+json";

  /** Checks the body is present. */
  public ErrorResponse {
    Objects.requireNonNull(body, "body");
  }

  /** The {@code WWW-Authenticate} value, if one is sent. */
  public Optional<String> challenge() {
    return Optional.ofNullable(wwwAuthenticate);
  }

  /** {@link #CONTENT_TYPE}. */
  public String contentType() {
    return CONTENT_TYPE;
  }
}
