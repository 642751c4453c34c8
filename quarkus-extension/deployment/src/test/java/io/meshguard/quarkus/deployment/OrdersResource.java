package io.meshguard.quarkus.deployment;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.quarkus.runtime.MeshIdentityProvider;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;

/** The contract's endpoints, plus two guarded by Quarkus' own annotations. */
@Path("/api/v1")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

  static final AtomicInteger CALLS = new AtomicInteger();

  @Inject SecurityIdentity identity;

  @GET
  @Path("health")
  @PublicEndpoint
  public String health() {
    return "{\"status\":\"UP\"}";
  }

  @GET
  @Path("whoami")
  public String whoami() {
    CALLS.incrementAndGet();
    MeshIdentity mesh = MeshIdentityProvider.meshIdentity(identity).orElseThrow();
    return "{\"name\":\""
        + identity.getPrincipal().getName()
        + "\",\"roles\":\""
        + String.join(" ", new java.util.TreeSet<>(identity.getRoles()))
        + "\",\"peer\":\""
        + mesh.peer().map(Object::toString).orElse("none")
        + "\"}";
  }

  @GET
  @Path("orders")
  @RequireScopes("orders:read")
  public String list() {
    CALLS.incrementAndGet();
    return "{\"orders\":[]}";
  }

  @POST
  @Path("orders")
  @RequireScopes("orders:write")
  public Response create(String body) {
    CALLS.incrementAndGet();
    return Response.status(201).entity(body).build();
  }

  @DELETE
  @Path("orders/{id}")
  @RequireClaim(claim = "role", values = "api-admin")
  @RequirePeer(exactNamespaces = "api-system")
  public Response delete(@PathParam("id") String id) {
    CALLS.incrementAndGet();
    return Response.noContent().build();
  }

  @GET
  @Path("orders/latest")
  @RequireScopes("orders:audit")
  public String latest() {
    CALLS.incrementAndGet();
    return "{\"latest\":true}";
  }

  @GET
  @Path("reports")
  @RolesAllowed("reports:read")
  public String reports() {
    CALLS.incrementAndGet();
    return "{\"reports\":[]}";
  }

  @GET
  @Path("exports")
  @PermissionsAllowed("exports:read")
  public String exports() {
    CALLS.incrementAndGet();
    return "{\"exports\":[]}";
  }
}
