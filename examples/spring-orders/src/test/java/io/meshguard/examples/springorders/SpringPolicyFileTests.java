package io.meshguard.examples.springorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** MESHGUARD_POLICY_FILE (meshguard.policy-file) in the Spring example. */
class SpringPolicyFileTests {

  @Test
  void policyWhenItDeniesThen403WithoutBearerError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
            + "metadata: {name: only-gateway, namespace: api-system}\n"
            + "spec:\n  selector: {matchLabels: {app: orders}}\n"
            + "  rules:\n  - from: [{source: {principals: [cluster.local/ns/api-system/sa/gateway]}}]\n");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SpringOrdersApplication.class)
            .run("--server.port=0", "--meshguard.policy-file=" + file)) {
      // Boot's local.server.port, not WebServerApplicationContext: that one moved in Boot 4.
      int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      String payload =
          MeshHeaders.payload(
              Payload.issuedBy(ISSUER).scope("orders:read").expiresIn(Duration.ofHours(1)));
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders"))
                      .header("x-jwt-payload", payload)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(response.body()).contains("Denied by mesh authorization policy");
    }
  }

  @Test
  void startWhenPolicyFileCannotBeLoadedThenFailsNamingDocumentAndField(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ips}\n"
            + "spec:\n  rules:\n  - from: [{source: {ipBlocks: [10.0.0.0/8]}}]\n");
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(SpringOrdersApplication.class)
                    .run("--server.port=0", "--meshguard.policy-file=" + file)
                    .close())
        .hasStackTraceContaining("Setting meshguard.policy-file")
        .rootCause()
        .hasMessageStartingWith("document 1 (AuthorizationPolicy api-system/ips), line 6,")
        .hasMessageContaining("spec.rules[0].from[0].source.ipBlocks");
  }
}
