package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.PROBLEM_JSON;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Only the application's own handlers are routes: Spring MVC's built-in answer to OPTIONS is not
 * one, a handler mapping that fails is a 500 rather than a guess, and a handler that matches all
 * but the media type or parameters is still a match. A real application on Tomcat with {@code
 * meshguard.unmatched=not-found}, driven over loopback HTTP.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "meshguard.issuers=" + ISSUER,
      "meshguard.trust-domains=" + TRUST_DOMAIN,
      "meshguard.unmatched=not-found"
    })
@ExtendWith(OutputCaptureExtension.class)
class HandlerRouteResolverTests {

  private static final String METHOD_NOT_ALLOWED =
      "{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"
          + "\"detail\":\"Method not allowed for this resource\"}";
  private static final String INTERNAL_ERROR =
      "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
          + "\"detail\":\"Internal error\"}";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ItemsController.class)
  static class App {
    /** Before the application's own mapping: fails for two paths, matches nothing else. */
    @Bean
    RequestMappingHandlerMapping failingMapping() {
      RequestMappingHandlerMapping mapping =
          new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
              return false;
            }

            @Override
            protected HandlerMethod getHandlerInternal(HttpServletRequest request) {
              switch (request.getRequestURI()) {
                case "/api/v1/broken":
                  throw new IllegalStateException("a failing mapping with secret details");
                case "/api/v1/unavailable":
                  throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "secret");
                default:
                  return null;
              }
            }
          };
      mapping.setOrder(-1);
      return mapping;
    }
  }

  @RestController
  @RequestMapping("/api/v1")
  static class ItemsController {
    @CrossOrigin("https://app.example.com")
    @GetMapping("/items")
    Map<String, String> items() {
      return Map.of("items", "none");
    }

    @PostMapping(path = "/items", consumes = "application/json")
    Map<String, String> create() {
      return Map.of("id", "item-1");
    }

    @GetMapping("/capabilities")
    Map<String, String> capabilities() {
      return Map.of("capabilities", "none");
    }

    @RequestMapping(path = "/capabilities", method = RequestMethod.OPTIONS)
    Map<String, String> capabilitiesOptions() {
      return Map.of("options", "explicit");
    }
  }

  @LocalServerPort int port;

  private HttpResponse<String> send(String method, String path, Payload payload, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.ofString("x"));
    if (payload != null) {
      request.header(MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload));
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Payload alice() {
    return Payload.issuedBy(ISSUER).subject("alice").expiresIn(Duration.ofHours(1));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void optionsWhenNotAPreflightAndNoHandlerDeclaresItThen405Problem() throws Exception {
    HttpResponse<String> response = send("OPTIONS", "/api/v1/items", alice());
    assertProblem(response, 405, METHOD_NOT_ALLOWED);
    assertThat(response.headers().firstValue("Allow")).isEmpty();
  }

  @Test
  void optionsWhenNotAPreflightAndNoIdentityThen401First() throws Exception {
    HttpResponse<String> response = send("OPTIONS", "/api/v1/items", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @Test
  void optionsWhenAHandlerMapsItExplicitlyThenThatHandlerIsReached() throws Exception {
    HttpResponse<String> response = send("OPTIONS", "/api/v1/capabilities", alice());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"options\":\"explicit\"}");
  }

  @Test
  void corsPreflightWhenIdentityHeadersMalformedThenLeftToSpringsCorsHandling() throws Exception {
    HttpResponse<String> response =
        send(
            "OPTIONS",
            "/api/v1/items",
            null,
            MeshHeaders.PAYLOAD_HEADER,
            "%%%",
            "Origin",
            "https://app.example.com",
            "Access-Control-Request-Method",
            "GET");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/broken", "/api/v1/unavailable"})
  void handlerMappingWhenItFailsOtherwiseThan4xxThen500ProblemLoggedOnce(
      String path, CapturedOutput output) throws Exception {
    assertProblem(send("GET", path, alice()), 500, INTERNAL_ERROR);
    assertProblem(send("GET", path, alice()), 500, INTERNAL_ERROR);
    // One stack trace for both requests; the filter's own line per request carries none.
    assertThat(occurrences(output.getAll(), "handler mapping failed while routing")).isOne();
    assertThat(occurrences(output.getAll(), "at " + AbstractHandlerMapping.class.getName()))
        .isOne();
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void handlerMappingWhenOnlyTheMediaTypeDiffersThenAMatchThatSpringAnswers() throws Exception {
    assertThat(send("POST", "/api/v1/items", null, "Content-Type", "text/plain").statusCode())
        .isEqualTo(401);
    HttpResponse<String> response =
        send("POST", "/api/v1/items", alice(), "Content-Type", "text/plain");
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).doesNotContain("No such resource");
  }
}
