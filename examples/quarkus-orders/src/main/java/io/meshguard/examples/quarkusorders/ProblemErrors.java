package io.meshguard.examples.quarkusorders;

import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error Quarkus REST answers itself is problem+json too (CONTRACT.md): its own status errors
 * (a body that is not JSON, an unsupported media type) and unexpected exceptions (500 without
 * detail, logged here with the stack trace).
 */
public class ProblemErrors {

  private static final Logger LOG = Logger.getLogger(ProblemErrors.class);

  @ServerExceptionMapper
  public Response status(WebApplicationException exception) {
    return problem(exception.getResponse().getStatus());
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException exception) {
    LOG.error("Unexpected error while handling a request", exception);
    return problem(500);
  }

  private static Response problem(int status) {
    ErrorResponse error = ErrorResponses.forStatus(status);
    return Response.status(error.status())
        .type(ErrorResponse.CONTENT_TYPE)
        .entity(error.body())
        .build();
  }
}
