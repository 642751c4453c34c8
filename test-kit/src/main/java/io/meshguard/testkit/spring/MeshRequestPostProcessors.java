package io.meshguard.testkit.spring;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.MeshIdentityHeaders;
import io.meshguard.testkit.TestRequest;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * MockMvc request post-processors that give a request a mesh identity, as {@code jwt()} from
 * spring-security-test does for a resource server: the payload header and XFCC value are minted
 * from a {@link TestRequest} (its claims, scopes and peer; its method and path are MockMvc's).
 *
 * <pre>{@code
 * mockMvc.perform(get("/api/v1/orders")
 *         .with(meshIdentity(request().scopes("orders:read").peer(GATEWAY))))
 *     .andExpect(status().isOk());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MeshRequestPostProcessors {

  private MeshRequestPostProcessors() {}

  /**
   * The identity of {@code caller}: its minted payload header and, with a peer, its XFCC value,
   * under the default header names ({@link MeshHeaders#PAYLOAD_HEADER}, {@link
   * MeshHeaders#XFCC_HEADER}), replacing any values of those names. For an application with other
   * names or issuer, use {@link #meshIdentity(UnaryOperator)}.
   */
  public static RequestPostProcessor meshIdentity(TestRequest caller) {
    Objects.requireNonNull(caller, "caller");
    return request -> {
      MeshRequest forwarded = caller.toForwardedRequest();
      for (String name : new String[] {MeshHeaders.PAYLOAD_HEADER, MeshHeaders.XFCC_HEADER}) {
        request.removeHeader(name);
        for (String value : forwarded.headers(name)) {
          request.addHeader(name, value);
        }
      }
      return request;
    };
  }

  /**
   * An identity minted from the configuration of the application the request goes to (its {@code
   * Meshguard} bean, found through the request's servlet context): {@code caller} adds the subject,
   * scopes, claims and peer to {@link MeshIdentityHeaders#of}. It replaces the headers of a {@link
   * WithMeshIdentity} for this request.
   *
   * <pre>{@code
   * mockMvc.perform(get("/api/v1/orders")
   *     .with(meshIdentity(id -> id.scopes("orders:read").peer("ns/api-system/sa/gateway"))));
   * }</pre>
   */
  public static RequestPostProcessor meshIdentity(UnaryOperator<MeshIdentityHeaders> caller) {
    return MeshMockMvc.minted(Objects.requireNonNull(caller, "caller"));
  }
}
