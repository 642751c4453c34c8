package io.meshguard.testkit.spring;

import io.meshguard.core.request.MeshRequest;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.TestRequest;
import java.util.Objects;
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

  /** The identity of {@code caller}: its minted payload header and, with a peer, its XFCC value. */
  public static RequestPostProcessor meshIdentity(TestRequest caller) {
    Objects.requireNonNull(caller, "caller");
    return request -> {
      MeshRequest forwarded = caller.toForwardedRequest();
      for (String name : new String[] {MeshHeaders.PAYLOAD_HEADER, MeshHeaders.XFCC_HEADER}) {
        for (String value : forwarded.headers(name)) {
          request.addHeader(name, value);
        }
      }
      return request;
    };
  }
}
