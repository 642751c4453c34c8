package io.meshguard.examples.quarkusorders;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers JSON as plain {@code application/json}, as the other examples do: RFC 8259 defines no
 * {@code charset} parameter for it (JSON is UTF-8), but Quarkus REST appends one.
 */
public class JsonContentType {

  @ServerResponseFilter
  public void plainJson(ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (type != null
        && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        && type.getSubtype().equals("json")
        && !type.getParameters().isEmpty()) {
      response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }
}
