package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static io.meshguard.testkit.TestRequest.request;
import static io.meshguard.testkit.spring.MeshRequestPostProcessors.meshIdentity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The test kit's MockMvc post-processor against the annotated controller of the HTTP tests. */
@SpringBootTest(
    classes = MeshguardSpringIntegrationTests.App.class,
    properties = {"meshguard.issuers=" + ISSUER, "meshguard.trust-domains=" + TRUST_DOMAIN})
class MockMvcTests {

  @Autowired WebApplicationContext context;
  @Autowired FilterRegistrationBean<? extends Filter> meshguardFilterRegistration;
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc =
        MockMvcBuilders.webAppContextSetup(context)
            .addFilters(meshguardFilterRegistration.getFilter())
            .build();
  }

  @Test
  void meshIdentityWhenScopesAndPeerThenControllersSeeThem() throws Exception {
    mvc.perform(get("/api/v1/orders").with(meshIdentity(request().scopes("orders:read"))))
        .andExpect(status().isOk());
    mvc.perform(get("/api/v1/orders").with(meshIdentity(request().scopes("orders:write"))))
        .andExpect(status().isForbidden())
        .andExpect(
            header()
                .string(
                    "WWW-Authenticate",
                    org.hamcrest.Matchers.containsString("scope=\"orders:read\"")));
    mvc.perform(
            delete("/api/v1/orders/7")
                .with(meshIdentity(request().claim("role", "api-admin").peer(GATEWAY))))
        .andExpect(status().isNoContent());
    mvc.perform(get("/api/v1/orders")).andExpect(status().isUnauthorized());
  }
}
