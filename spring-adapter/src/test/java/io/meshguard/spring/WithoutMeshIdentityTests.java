package io.meshguard.spring;

import static io.meshguard.testkit.spring.MeshMockMvc.meshIdentity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The MockMvc configurer adds nothing to a test without {@code @WithMeshIdentity}. */
@SpringBootTest(
    classes = MeshguardSpringIntegrationTests.App.class,
    properties = {
      "meshguard.issuers=" + WithMeshIdentityTests.ISSUER,
      "meshguard.payload-header=x-shop-claims",
      "meshguard.trust-domains=shop.internal"
    })
class WithoutMeshIdentityTests {

  @Autowired WebApplicationContext context;
  @Autowired FilterRegistrationBean<? extends Filter> meshguardFilterRegistration;

  @Test
  void configurerWhenNoAnnotationThenNoIdentityAnd401() throws Exception {
    MockMvc mvc =
        MockMvcBuilders.webAppContextSetup(context)
            .addFilters(meshguardFilterRegistration.getFilter())
            .apply(meshIdentity())
            .build();
    mvc.perform(get("/api/v1/whoami")).andExpect(status().isUnauthorized());
  }
}
