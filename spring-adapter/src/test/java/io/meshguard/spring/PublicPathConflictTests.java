package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshguard.core.annotation.RequireScopes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code meshguard.public-paths}: served without identity, by path only; a public pattern that also
 * matches a handler with requirements stops the start, naming both.
 */
class PublicPathConflictTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    OpsController opsController() {
      return new OpsController();
    }

    /** A servlet of its own, not a Spring MVC handler: what a public path is for. */
    @Bean
    ServletRegistrationBean<HttpServlet> opsServlet() {
      return new ServletRegistrationBean<>(
          new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
              response.getWriter().print("ok");
            }
          },
          "/ops/status");
    }
  }

  @RestController
  static class OpsController {
    @GetMapping("/info/status")
    String info() {
      return "info";
    }

    @RequireScopes("ops:admin")
    @GetMapping("/admin/{name}")
    String admin() {
      return "admin";
    }
  }

  private static SpringApplicationBuilder app(String publicPaths) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.SERVLET)
        .properties(
            "server.port=0",
            "meshguard.issuers=" + ISSUER,
            "meshguard.trust-domains=" + TRUST_DOMAIN,
            "meshguard.public-paths=" + publicPaths);
  }

  @Test
  void startWhenAPublicPathMatchesAHandlerWithRequirementsThenFailsNamingBoth() {
    assertThatThrownBy(() -> app("/ops/**,/admin/*").run().close())
        .satisfies(
            failure -> {
              StringBuilder messages = new StringBuilder();
              for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
              }
              assertThat(messages.toString())
                  .contains("The public path /admin/* also matches handler OpsController#admin");
            });
  }

  @Test
  void startWhenAPublicPathMatchesAHandlerNeedingOnlyAnIdentityThenFailsToo() {
    assertThatThrownBy(() -> app("/info/*").run().close())
        .satisfies(
            failure ->
                assertThat(messages(failure))
                    .contains("The public path /info/* also matches handler OpsController#info"));
  }

  @Test
  void startWhenServletPathIsSetThenHandlerPatternsAreComparedUnderIt() {
    // Public paths match the whole path, servlet path included; handler patterns do not have it.
    assertThatThrownBy(
            () ->
                app("/svc/admin/**")
                    .properties(
                        "spring.mvc.servlet.path=/svc", "meshguard.public-paths=/svc/admin/**")
                    .run()
                    .close())
        .satisfies(
            failure ->
                assertThat(messages(failure))
                    .contains(
                        "The public path /svc/admin/** also matches handler OpsController#admin"));
  }

  @Test
  void startWhenAMeshguardKeyIsMisspeltThenFails() {
    assertThatThrownBy(
            () -> app("/ops/**").properties("meshguard.issuer-rules[0].audience=x").run().close())
        .satisfies(failure -> assertThat(messages(failure)).contains("meshguard"));
  }

  private static String messages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }

  @Test
  void requestWhenThePathIsPublicThenServedWithoutAnyIdentityHeader() throws Exception {
    try (ConfigurableApplicationContext context = app("/ops/**").run()) {
      int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/status"))
                      .header("User-Agent", "kube-probe/1.31")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      HttpResponse<String> admin =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/x"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(admin.statusCode()).isEqualTo(401);
    }
  }
}
