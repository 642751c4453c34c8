package io.meshguard.examples.servletorders;

import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders every error Jetty itself produces (a bad request line, an unexpected exception, an
 * unknown context) as problem+json without detail of the cause, so that no response carries a stack
 * trace or an HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

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
    ErrorResponse problem = problem(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
    response.write(
        true, ByteBuffer.wrap(problem.body().getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, ErrorResponse.CONTENT_TYPE);
    return ByteBuffer.wrap(problem(status).body().getBytes(StandardCharsets.UTF_8));
  }

  private static ErrorResponse problem(int status) {
    return ErrorResponses.forStatus(status >= 400 && status <= 599 ? status : 500);
  }
}
