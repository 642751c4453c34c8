package io.meshguard.testkit.quarkus;

import io.meshguard.testkit.MeshIdentityHeaders;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.Objects;

/**
 * A RestAssured filter that sends a minted mesh identity with each request, replacing any values of
 * the same header names.
 *
 * <pre>{@code
 * @Inject Meshguard meshguard;
 *
 * given().filter(MeshIdentityFilter.of(MeshIdentityHeaders.of(meshguard).scopes("orders:read")))
 *     .get("/api/v1/orders").then().statusCode(200);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshIdentityFilter implements Filter {

  private final MeshIdentityHeaders identity;

  private MeshIdentityFilter(MeshIdentityHeaders identity) {
    this.identity = identity;
  }

  /** A filter sending {@code identity}, minted afresh for each request. */
  public static MeshIdentityFilter of(MeshIdentityHeaders identity) {
    return new MeshIdentityFilter(Objects.requireNonNull(identity, "identity"));
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    identity.headerNames().forEach(request::removeHeader);
    identity.toMap().forEach(request::header);
    return context.next(request, response);
  }

  /** The identity's header and claim names; never values. */
  @Override
  public String toString() {
    return "MeshIdentityFilter[" + identity + "]";
  }
}
