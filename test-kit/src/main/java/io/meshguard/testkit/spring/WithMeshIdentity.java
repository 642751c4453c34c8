package io.meshguard.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives every MockMvc request of a test (a method, or every method of a class) a mesh identity, as
 * {@code @WithMockUser} does for Spring Security: real headers minted from the application's own
 * configuration by {@link io.meshguard.testkit.MeshIdentityHeaders#of} (its first issuer, first
 * audience, payload and XFCC header names, trust domain, expected {@code By}, clock), which the
 * application's meshguard filter checks as it checks the sidecar's. A method's annotation replaces
 * its class's.
 *
 * <p>The headers reach MockMvc through {@link MeshMockMvc#meshIdentity()}, applied for you to a
 * MockMvc that Spring Boot builds ({@code @AutoConfigureMockMvc}), and applied by you to one you
 * build: {@code MockMvcBuilders.webAppContextSetup(context).apply(meshIdentity())}. A request's own
 * {@link MeshRequestPostProcessors#meshIdentity(java.util.function.UnaryOperator)} replaces them.
 *
 * <pre>{@code
 * @Test
 * @WithMeshIdentity(scopes = "orders:read", claims = "tenant=acme", peer = "ns/api-system/sa/gateway")
 * void listWhenReaderThenOk() throws Exception {
 *   mvc.perform(get("/api/v1/orders")).andExpect(status().isOk());
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
   * level=3}, {@code admin=true}, {@code roles=["admin"]}), else text ({@code tenant=acme}). They
   * may replace the minted {@code iss}, {@code aud} or {@code exp}.
   */
  String[] claims() default {};

  /**
   * The calling workload: a SPIFFE ID, or a path such as {@code ns/api-system/sa/gateway} in the
   * application's first trust domain; empty for none.
   */
  String peer() default "";
}
