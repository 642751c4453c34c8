package io.meshguard.examples.quarkusorders;

import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A test-only resource checked by both meshguard ({@code @RequireScopes}) and Quarkus
 * ({@code @RolesAllowed}, on the {@code SecurityIdentity} made from the mesh identity).
 */
@Path("/test-kit/roles-checked")
public class RolesCheckedResource {

  @Inject SecurityIdentity identity;

  @GET
  @RequireScopes("orders:read")
  @RolesAllowed("admin")
  public String get() {
    return identity.getPrincipal().getName();
  }
}
