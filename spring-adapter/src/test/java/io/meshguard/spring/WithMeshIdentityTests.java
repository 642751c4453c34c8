package io.meshguard.spring;

import static io.meshguard.testkit.spring.MeshMockMvc.meshIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.meshguard.testkit.MeshIdentityHeaders;
import io.meshguard.testkit.spring.MeshMockMvc;
import io.meshguard.testkit.spring.MeshRequestPostProcessors;
import io.meshguard.testkit.spring.WithMeshIdentity;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code @WithMeshIdentity} mints real headers from the application's own configuration (a
 * non-default issuer, payload header, XFCC header and trust domain) for every MockMvc request of a
 * test, and the meshguard filter checks them as it checks the sidecar's.
 */
@SpringBootTest(
    classes = MeshguardSpringIntegrationTests.App.class,
    properties = {
      "meshguard.issuers=" + WithMeshIdentityTests.ISSUER + ",https://other.test",
      "meshguard.audiences=orders-api",
      "meshguard.payload-header=x-shop-claims",
      "meshguard.xfcc-header=x-shop-client-cert",
      "meshguard.trust-domains=shop.internal"
    })
@WithMeshIdentity(subject = "class-user", scopes = "orders:read")
class WithMeshIdentityTests {

  static final String ISSUER = "https://login.shop.test/realms/shop";

  @Autowired WebApplicationContext context;
  @Autowired FilterRegistrationBean<? extends Filter> meshguardFilterRegistration;
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc =
        MockMvcBuilders.webAppContextSetup(context)
            .addFilters(meshguardFilterRegistration.getFilter())
            .apply(meshIdentity())
            .build();
  }

  @Test
  void classAnnotationWhenRequestSentThenMintedFromTheApplicationsConfiguration() throws Exception {
    mvc.perform(get("/api/v1/whoami"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sub").value("class-user"))
        .andExpect(jsonPath("$.scopes[0]").value("orders:read"));
    MeshIdentityHeaders current = MeshMockMvc.current();
    assertThat(current).isNotNull();
    assertThat(current.headerNames()).containsExactly("x-shop-claims", "x-shop-client-cert");
    assertThat(current.claims()).containsEntry("iss", ISSUER).containsEntry("aud", "orders-api");
  }

  @Test
  @WithMeshIdentity(
      claims = {"role=api-admin", "level=3"},
      peer = "ns/api-system/sa/gateway")
  void methodAnnotationWhenClaimsAndPeerThenRequirementsMet() throws Exception {
    mvc.perform(delete("/api/v1/orders/7")).andExpect(status().isNoContent());
    assertThat(MeshMockMvc.current().claims()).containsEntry("level", 3L);
  }

  @Test
  @WithMeshIdentity(claims = "role=api-admin")
  void methodAnnotationWhenPeerMissingThenStillChecked403() throws Exception {
    mvc.perform(delete("/api/v1/orders/7")).andExpect(status().isForbidden());
  }

  @Test
  void processorWhenScopeMissingThenStillChecked403() throws Exception {
    mvc.perform(get("/api/v1/orders").with(noScopes())).andExpect(status().isForbidden());
  }

  @Test
  void requestPostProcessorWhenGivenThenReplacesTheAnnotationsHeaders() throws Exception {
    mvc.perform(
            get("/api/v1/whoami")
                .with(MeshRequestPostProcessors.meshIdentity(id -> id.subject("bob"))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sub").value("bob"));
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor noScopes() {
    return MeshRequestPostProcessors.meshIdentity(id -> id.subject("carol"));
  }

  /** Without an annotation, no identity: the filter answers 401. */
  @Nested
  @WithMeshIdentity(subject = "nested-user")
  class NestedClassTests {
    @Test
    void nestedClassWhenAnnotatedThenItsIdentity() throws Exception {
      mvc.perform(get("/api/v1/whoami"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.sub").value("nested-user"));
    }
  }
}
