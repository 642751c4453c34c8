package io.meshguard.quarkus.runtime;

import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Requests Vert.x Web refuses before any route runs (an HTTP/1.1 request without a valid {@code
 * Host}, an HTTP/2 one without {@code :authority}) get a problem+json 400, and no log line:
 * Quarkus' default error handler logs each one at ERROR with a stack trace, which lets any client
 * fill the log. Other failures go on to Quarkus as before.
 */
@Singleton
public class InvalidRequestProblems {

  void register(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            context -> {
              Throwable failure = context.failure();
              if (context.statusCode() == 400
                  && failure != null
                  && failure.getClass() == VertxException.class
                  && !context.response().headWritten()) {
                ErrorResponse error = ErrorResponses.forStatus(400);
                context
                    .response()
                    .setStatusCode(error.status())
                    .putHeader("Content-Type", ErrorResponse.CONTENT_TYPE)
                    .end(error.body());
              } else {
                context.next();
              }
            });
  }
}
