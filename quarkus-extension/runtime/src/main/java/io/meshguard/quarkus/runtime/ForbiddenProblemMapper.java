package io.meshguard.quarkus.runtime;

import io.meshguard.core.ErrorCode;
import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Renders a denial by Quarkus' own security annotations ({@code @RolesAllowed},
 * {@code @PermissionsAllowed}, ...) as meshguard renders its own 403: problem+json, no {@code
 * WWW-Authenticate} (such an annotation names no scope to ask for).
 *
 * @since 0.1.0
 */
public class ForbiddenProblemMapper implements ExceptionMapper<ForbiddenException> {

  @Override
  public Response toResponse(ForbiddenException exception) {
    ErrorResponse error = ErrorResponses.render(ErrorCode.ACCESS_DENIED);
    return Response.status(error.status())
        .type(ErrorResponse.CONTENT_TYPE)
        .entity(error.body())
        .build();
  }
}
