package io.meshguard.servlet;

import io.meshguard.core.http.ErrorResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a rendered {@link ErrorResponse} to a servlet response: status, {@code WWW-Authenticate}
 * when there is one, {@code application/problem+json} body.
 *
 * @since 0.1.0
 */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  /**
   * Writes {@code error}, replacing anything buffered. A response that is already committed cannot
   * be changed; that is logged and the connection is left to the container.
   *
   * @throws IOException when writing fails
   */
  public static void write(HttpServletResponse response, ErrorResponse error) throws IOException {
    if (response.isCommitted()) {
      LOG.warn("Response already committed; cannot write the {} problem response", error.status());
      return;
    }
    response.resetBuffer();
    byte[] body = error.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(error.status());
    if (error.wwwAuthenticate() != null) {
      response.setHeader("WWW-Authenticate", error.wwwAuthenticate());
    }
    // JSON is UTF-8 by definition (RFC 8259 §8.1): no charset parameter.
    response.setContentType(ErrorResponse.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }
}
