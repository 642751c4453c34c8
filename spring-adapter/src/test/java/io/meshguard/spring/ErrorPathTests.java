package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.PROBLEM_JSON;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Boot's error path is where the container forwards errors, not a route: a request sent to it is
 * 404 after the identity check, whatever {@code meshguard.unmatched} says, while the container's
 * own error dispatches still reach Boot's error controller there. Real applications on Tomcat, one
 * per configuration, driven over loopback HTTP.
 */
class ErrorPathTests {

  private static final String NOT_FOUND =
      "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
          + "\"detail\":\"No such resource\"}";

  private static final Map<String, ConfigurableApplicationContext> APPS = new ConcurrentHashMap<>();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(TeapotController.class)
  static class App {}

  @RestController
  static class TeapotController {
    @GetMapping("/api/v1/teapot")
    String teapot() {
      throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT);
    }
  }

  @AfterAll
  static void stopApps() {
    APPS.values().forEach(ConfigurableApplicationContext::close);
  }

  /** One application per set of properties, started on first use, on a free port. */
  private static int port(String... properties) {
    ConfigurableApplicationContext app =
        APPS.computeIfAbsent(
            String.join(" ", properties),
            key ->
                new SpringApplicationBuilder(App.class)
                    .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "meshguard.issuers=" + ISSUER,
                        "meshguard.trust-domains=" + TRUST_DOMAIN)
                    .properties(properties)
                    .run());
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  private static HttpResponse<String> send(int port, String method, String path, Payload payload)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (payload != null) {
      request.header(MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Payload alice() {
    return Payload.issuedBy(ISSUER).subject("alice").expiresIn(Duration.ofHours(1));
  }

  private static void assertNotFoundProblem(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo(NOT_FOUND);
  }

  @ParameterizedTest
  @ValueSource(strings = {"authenticated", "deny", "not-found"})
  void errorPathWhenRequestedWithAValidIdentityThen404ProblemWhateverUnmatchedSays(String unmatched)
      throws Exception {
    int port = port("meshguard.unmatched=" + unmatched);
    assertNotFoundProblem(send(port, "GET", "/error", alice()));
    assertNotFoundProblem(send(port, "POST", "/error", alice()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"authenticated", "deny", "not-found"})
  void errorPathWhenRequestedWithoutIdentityThen401First(String unmatched) throws Exception {
    HttpResponse<String> response =
        send(port("meshguard.unmatched=" + unmatched), "GET", "/error", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"authenticated", "deny", "not-found"})
  void errorDispatchWhenAHandlerFailsThenBootsErrorControllerStillRendersIt(String unmatched)
      throws Exception {
    HttpResponse<String> response =
        send(port("meshguard.unmatched=" + unmatched), "GET", "/api/v1/teapot", alice());
    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).contains("\"status\":418").contains("\"path\":\"/api/v1/teapot\"");
  }

  @Test
  void errorPathWhenMovedUnderAServletPathThenTheNewPathIs404AndErrorsStillRenderThere()
      throws Exception {
    int port = port("spring.web.error.path=/oops", "spring.mvc.servlet.path=/app");
    assertNotFoundProblem(send(port, "GET", "/app/oops", alice()));
    HttpResponse<String> failure = send(port, "GET", "/app/api/v1/teapot", alice());
    assertThat(failure.statusCode()).isEqualTo(418);
    assertThat(failure.body()).contains("\"status\":418");
  }
}
