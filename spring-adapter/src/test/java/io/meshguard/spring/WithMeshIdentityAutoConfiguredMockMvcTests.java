package io.meshguard.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.meshguard.testkit.spring.WithMeshIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code @WithMeshIdentity} reaches the MockMvc Spring Boot builds ({@code @AutoConfigureMockMvc})
 * without the test applying anything, minted from a non-default issuer and payload header.
 */
@SpringBootTest(
    classes = MeshguardSpringIntegrationTests.App.class,
    properties = {
      "meshguard.issuers=" + WithMeshIdentityTests.ISSUER,
      "meshguard.payload-header=x-shop-claims",
      "meshguard.trust-domains=shop.internal"
    })
@AutoConfigureMockMvc
class WithMeshIdentityAutoConfiguredMockMvcTests {

  @Autowired MockMvc mvc;

  @Test
  @WithMeshIdentity(subject = "alice", scopes = "orders:read")
  void autoConfiguredMockMvcWhenAnnotatedThenAllowed() throws Exception {
    mvc.perform(get("/api/v1/orders"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subject").value("alice"));
  }

  @Test
  void autoConfiguredMockMvcWhenNotAnnotatedThen401() throws Exception {
    mvc.perform(get("/api/v1/orders")).andExpect(status().isUnauthorized());
  }
}
