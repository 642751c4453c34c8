package io.meshguard.examples.servletorders;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MESHGUARD_POLICY_FILE: evaluated for every non-public request, and fail-closed at start. */
class PolicyFileTests {

  @Test
  void policyWhenItDeniesThen403WithoutBearerErrorAndPublicStaysOpen(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\n"
            + "kind: AuthorizationPolicy\n"
            + "metadata: {name: only-gateway, namespace: api-system}\n"
            + "spec:\n"
            + "  selector: {matchLabels: {app: orders}}\n"
            + "  rules:\n"
            + "  - from: [{source: {principals: [cluster.local/ns/api-system/sa/gateway]}}]\n");
    PolicyFileWatcher policies =
        (PolicyFileWatcher) ServletOrdersApplication.policies(file.toString());
    Server server = ServletOrdersApplication.start("127.0.0.1", 0, Clock.systemUTC(), policies);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      String payload =
          MeshHeaders.payload(
              Payload.issuedBy(ISSUER)
                  .subject("alice")
                  .scope("orders:read")
                  .expiresIn(Duration.ofHours(1)));

      HttpResponse<String> denied = get(port, "/api/v1/orders", payload, null);
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.headers().firstValue("WWW-Authenticate")).isEmpty();
      assertThat(denied.body())
          .isEqualTo(
              "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                  + "\"detail\":\"Denied by mesh authorization policy\"}");

      String gateway = MeshHeaders.xfcc(SELF, GATEWAY);
      assertThat(get(port, "/api/v1/orders", payload, gateway).statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/v1/health", null, null).statusCode()).isEqualTo(200);
      assertThat(get(port, "/api/v1/orders", null, null).statusCode()).isEqualTo(401);
    } finally {
      server.stop();
      policies.close(); // the filter does not own a guard passed in code, nor its watcher
    }
  }

  @Test
  void policyWhenItNamesTheDestinationPortThenTheServletsLocalPortIsUsed(@TempDir Path dir)
      throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path file = dir.resolve("ports.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: port}\n"
            + "spec:\n  rules:\n  - to: [{operation: {ports: ['"
            + port
            + "']}}]\n");
    PolicyFileWatcher policies =
        (PolicyFileWatcher) ServletOrdersApplication.policies(file.toString());
    Server server = ServletOrdersApplication.start("127.0.0.1", port, Clock.systemUTC(), policies);
    try {
      String payload =
          MeshHeaders.payload(
              Payload.issuedBy(ISSUER).scope("orders:read").expiresIn(Duration.ofHours(1)));
      assertThat(get(port, "/api/v1/orders", payload, null).statusCode()).isEqualTo(200);
    } finally {
      server.stop();
      policies.close(); // the filter does not own a guard passed in code, nor its watcher
    }
  }

  @Test
  void policiesWhenFileCannotBeLoadedThenNamesDocumentAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("custom.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ext}\n"
            + "spec: {action: CUSTOM, provider: {name: opa}}\n");
    assertThatExceptionOfType(PolicyLoadException.class)
        .isThrownBy(() -> ServletOrdersApplication.policies(file.toString()))
        .withMessageStartingWith(
            "document 1 (AuthorizationPolicy api-system/ext), line 4, spec.action");
    assertThat(ServletOrdersApplication.policies(null).get()).isSameAs(PolicySet.empty());
  }

  @Test
  void startWhenPolicyFileIsBadThenTheProcessExitsNonZeroWithAMessage(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ips}\n"
            + "spec:\n  rules:\n  - from: [{source: {ipBlocks: [10.0.0.0/8]}}]\n");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServletOrdersApplication.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("MESHGUARD_POLICY_FILE", file.toString());
    builder.environment().put("PORT", "0");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isNotZero();
    assertThat(output)
        .contains("cannot load MESHGUARD_POLICY_FILE")
        .contains("spec.rules[0].from[0].source.ipBlocks");
    assertThat(new File(file.toString())).exists();
  }

  private static HttpResponse<String> get(int port, String path, String payload, String xfcc)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (payload != null) {
      request.header("x-jwt-payload", payload);
    }
    if (xfcc != null) {
      request.header("x-forwarded-client-cert", xfcc);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
