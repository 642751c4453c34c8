package io.meshguard.examples.springorders;

import static io.meshguard.testkit.TestRequest.request;
import static io.meshguard.testkit.spring.MeshRequestPostProcessors.meshIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Boot 3.5 keeps the error path in {@code server.error.path} (Boot 4: {@code
 * spring.web.error.path}); the starter finds it by the error controller's class name. With
 * unmatched requests merely authenticated, only the error-path filter answers the path with
 * meshguard's 404.
 */
@SpringBootTest(
    properties = {
      "server.error.path=/oops",
      "spring.web.error.path=/boot4-only",
      "meshguard.unmatched=authenticated"
    })
@AutoConfigureMockMvc
class Boot35ErrorPathTests {

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("meshguardErrorPathFilterRegistration")
  FilterRegistrationBean<?> errorPathFilter;

  @Test
  void errorPathWhenSetByBoot35sKeyThenTheStartersErrorPathFilterCoversIt() throws Exception {
    assertThat(errorPathFilter.getUrlPatterns()).containsExactly("/oops");
    mvc.perform(get("/oops").with(meshIdentity(request())))
        .andExpect(status().isNotFound())
        .andExpect(
            content()
                .string(
                    "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No such resource\"}"));
  }
}
