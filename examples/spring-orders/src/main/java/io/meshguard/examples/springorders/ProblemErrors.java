package io.meshguard.examples.springorders;

import io.meshguard.core.ErrorCode;
import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error is problem+json: Spring MVC's own (problem details on), unexpected exceptions (500
 * without detail), and those Jetty answers before Spring (bad request lines, oversized headers).
 */
@Configuration(proxyBeanMethods = false)
class ProblemErrors {

  /**
   * Lets exactly the ambiguous paths reach meshguard and renders Jetty's own errors as problems:
   * what the Boot line's Jetty customizer bean ({@link Boot4JettyCustomizer}) does to the server.
   */
  static void customize(Server server) {
    for (var connector : server.getConnectors()) {
      HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
      if (http != null) {
        http.getHttpConfiguration()
            .setUriCompliance(
                UriCompliance.DEFAULT.with(
                    "meshguard",
                    UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
                    UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                    UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                    UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
                    UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                    UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
        http.getHttpConfiguration().setSendServerVersion(false);
      }
    }
    server.setErrorHandler(new JettyProblems());
  }

  /** Jetty's own errors as problem+json, without detail of the cause. */
  static final class JettyProblems extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
      response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
      return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
      return ErrorResponses.forStatus(status >= 400 && status <= 599 ? status : 500)
          .body()
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Unexpected failures: 500 problem, logged with the stack trace, never shown. */
  @RestControllerAdvice
  static class Unexpected {
    private static final Logger LOG = LoggerFactory.getLogger(Unexpected.class);

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> unexpected(RuntimeException e) {
      LOG.error("Unexpected failure", e);
      ErrorResponse problem = ErrorResponses.render(ErrorCode.INTERNAL_ERROR);
      return ResponseEntity.status(problem.status())
          .contentType(MediaType.parseMediaType(ErrorResponse.CONTENT_TYPE))
          .body(problem.body());
    }
  }
}
