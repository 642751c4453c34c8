package io.meshguard.testkit.quarkus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives every RestAssured request of a {@code @QuarkusTest} method (or of every method of a class)
 * a mesh identity: real headers minted from the running application's {@code Meshguard} by {@link
 * io.meshguard.testkit.MeshIdentityHeaders#of} (its first issuer, first audience, payload and XFCC
 * header names, trust domain, expected {@code By}, clock), which meshguard's filter checks as it
 * checks the sidecar's. A method's annotation replaces its class's. {@link
 * WithMeshIdentityCallback} applies it; it needs {@code quarkus-junit} and {@code rest-assured} on
 * the test class path.
 *
 * <p>It replaces {@code @TestSecurity} on endpoints meshguard guards. There meshguard's filter,
 * which runs before Quarkus authentication, answers 401 without an identity; with this one it
 * passes the request, and the mesh identity becomes the {@code SecurityIdentity}: Quarkus uses a
 * {@code @TestSecurity} identity only where authentication found none, so {@code @RolesAllowed}
 * reads the mesh identity's roles (its scopes, and its {@code roles.claims} values). Give the roles
 * as {@link #scopes()} or role claims; {@code @TestSecurity} still applies to public endpoints.
 *
 * <pre>{@code
 * @Test
 * @WithMeshIdentity(scopes = "orders:read", peer = "ns/api-system/sa/gateway")
 * void listWhenReaderThenOk() {
 *   given().get("/api/v1/orders").then().statusCode(200);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WithMeshIdentity {

  /** {@code sub}. */
  String subject() default io.meshguard.testkit.MeshIdentityHeaders.DEFAULT_SUBJECT;

  /** The granted scopes ({@code scope}, space-separated); none by default. */
  String[] scopes() default {};

  /**
   * Further claims as {@code name=value}: the value is JSON when it is a JSON value ({@code
   * level=3}, {@code roles=["admin"]}), else text ({@code tenant=acme}).
   */
  String[] claims() default {};

  /**
   * The calling workload: a SPIFFE ID, or a path such as {@code ns/api-system/sa/gateway} in the
   * application's first trust domain; empty for none.
   */
  String peer() default "";
}
