package io.meshguard.examples.quarkusorders;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireClaim;
import io.meshguard.core.annotation.RequirePeer;
import io.meshguard.core.annotation.RequireScopes;
import io.meshguard.quarkus.runtime.MeshIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The orders API; meshguard has checked identity, route, policy and these annotations already. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

  @Inject SecurityIdentity securityIdentity;

  @GET
  @Path("health")
  @PublicEndpoint
  public Map<String, String> health() {
    return Map.of("status", "UP");
  }

  /** Any valid identity: an endpoint without meshguard annotations needs one. */
  @GET
  @Path("whoami")
  public Map<String, Object> whoami() {
    MeshIdentity identity = identity();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sub", identity.subject().orElse(null));
    body.put("iss", identity.issuer().orElse(null));
    body.put("scopes", identity.scopes());
    body.put("peer", identity.peer().map(peer -> peer.id()).orElse(null));
    return body;
  }

  @GET
  @Path("orders")
  @RequireScopes("orders:read")
  public Map<String, Object> orders() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "orders",
        List.of(
            Map.of("id", "ord-1001", "item", "espresso beans", "quantity", 2),
            Map.of("id", "ord-1002", "item", "milk frother", "quantity", 1)));
    body.put("subject", identity().subject().orElse(null));
    return body;
  }

  @POST
  @Path("orders")
  @Consumes(MediaType.WILDCARD)
  @RequireScopes("orders:write")
  public Response create(Map<String, Object> order) {
    Map<String, Object> body = new LinkedHashMap<>(order == null ? Map.of() : order);
    body.put("id", UUID.randomUUID().toString());
    body.put("status", "created");
    identity().subject().ifPresent(subject -> body.put("createdBy", subject));
    return Response.status(Response.Status.CREATED).entity(body).build();
  }

  @DELETE
  @Path("orders/{id}")
  @RequireClaim(claim = "role", values = "api-admin")
  @RequirePeer(exactNamespaces = "api-system")
  public Response delete(@PathParam("id") String id) {
    return Response.noContent().build();
  }

  private MeshIdentity identity() {
    return MeshIdentityProvider.meshIdentity(securityIdentity).orElseThrow();
  }
}
