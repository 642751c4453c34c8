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
 * <p>Use it instead of {@code @TestSecurity} on endpoints meshguard guards. Without an identity,
 * meshguard's filter, which runs before Quarkus authentication, answers 401. With this one it
 * passes the request, and the {@code SecurityIdentity} is made from the mesh identity, so give the
 * roles {@code @RolesAllowed} needs as {@link #scopes()} or role claims ({@code roles.claims}).
 * Combined with {@code @TestSecurity}, two authentication mechanisms of the same priority (Quarkus'
 * test one and meshguard's) both offer an identity, and which one Quarkus keeps is not defined:
 * runs of the same test were seen to differ. {@code @TestSecurity} alone still serves public
 * endpoints.
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
