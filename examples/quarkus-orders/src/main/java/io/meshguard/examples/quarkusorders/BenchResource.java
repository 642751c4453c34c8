package io.meshguard.examples.quarkusorders;

import io.meshguard.core.annotation.PublicEndpoint;
import io.meshguard.core.annotation.RequireScopes;
import io.quarkus.resteasy.reactive.server.EndpointDisabled;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The route pair {@code benchmarks/http.sh} drives, outside the contract and served only with
 * {@code QUARKUS_ORDERS_BENCH_ROUTES=true} ({@code quarkus-orders.bench-routes}, read at start-up:
 * Quarkus REST evaluates {@link EndpointDisabled} at run time, and so does meshguard, which leaves
 * a disabled class out of its routes). Both answer with the same code, one is public and one needs
 * the scope {@code orders:read}, so the difference between them is what meshguard does.
 */
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
@EndpointDisabled(
    name = "quarkus-orders.bench-routes",
    stringValue = "false",
    disableIfMissing = true)
public class BenchResource {

  private static final Map<String, String> UP = Map.of("status", "UP");

  @GET
  @Path("public")
  @PublicEndpoint
  public Map<String, String> open() {
    return status();
  }

  @GET
  @Path("guarded")
  @RequireScopes("orders:read")
  public Map<String, String> guarded() {
    return status();
  }

  private static Map<String, String> status() {
    return UP;
  }
}
