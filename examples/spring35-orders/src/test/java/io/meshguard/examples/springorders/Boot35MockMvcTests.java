package io.meshguard.examples.springorders;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.TestRequest.request;
import static io.meshguard.testkit.spring.MeshRequestPostProcessors.meshIdentity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The test kit's MockMvc post-processor on Boot 3.5, with Boot 3.5's own {@code
 * AutoConfigureMockMvc} (Boot 4 moved it), which applies the starter's filter registrations.
 */
@SpringBootTest
@AutoConfigureMockMvc
class Boot35MockMvcTests {

  @Autowired MockMvc mvc;

  @Test
  void meshIdentityWhenScopesClaimsAndPeerThenDecidedByTheStarter() throws Exception {
    mvc.perform(get("/api/v1/orders").with(meshIdentity(request().scopes("orders:read"))))
        .andExpect(status().isOk());
    mvc.perform(get("/api/v1/orders").with(meshIdentity(request().scopes("orders:write"))))
        .andExpect(status().isForbidden())
        .andExpect(header().string("WWW-Authenticate", Matchers.containsString("orders:read")));
    mvc.perform(
            delete("/api/v1/orders/7")
                .with(meshIdentity(request().claim("role", "api-admin").peer(GATEWAY))))
        .andExpect(status().isNoContent());
    mvc.perform(get("/api/v1/orders")).andExpect(status().isUnauthorized());
  }
}
