package io.meshguard.examples.contract;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.meshguard.testkit.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Policies see the request as the sidecar does (CONTRACT.md, "Policy file"): {@code hosts} match
 * the authority as received, {@code paths} the path after Istio's BASE normalisation, and neither
 * ever a value rewritten from client-sent {@code Forwarded}/{@code X-Forwarded-*} headers.
 *
 * <p>A subclass starts its example with {@link #POLICY} as the policy file and with its framework's
 * forwarded-header support switched on, and says where it listens.
 */
public abstract class RequestFidelityContract {

  /** DENY the host {@code evil.example} (any port) and two DELETE paths. */
  public static final String POLICY =
      "apiVersion: security.istio.io/v1\n"
          + "kind: AuthorizationPolicy\n"
          + "metadata: {name: deny-evil-host}\n"
          + "spec:\n"
          + "  action: DENY\n"
          + "  rules:\n"
          + "  - to: [{operation: {hosts: [evil.example, 'evil.example:*']}}]\n"
          + "---\n"
          + "apiVersion: security.istio.io/v1\n"
          + "kind: AuthorizationPolicy\n"
          + "metadata: {name: deny-paths}\n"
          + "spec:\n"
          + "  action: DENY\n"
          + "  rules:\n"
          + "  - to: [{operation: {methods: [DELETE],"
          + " paths: [/api/v1/orders/a%3Ab, /api/v1/orders/admin]}}]\n";

  /** {@link #POLICY} in a new temporary file. */
  public static Path policyFile() {
    try {
      Path file = Files.createTempFile("meshguard-fidelity", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, POLICY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port of the example started with {@link #POLICY} and forwarded headers on. */
  protected abstract int port();

  /** The {@code x-forwarded-client-cert} value of a gateway peer. */
  protected static String gatewayXfcc() {
    return MeshHeaders.xfcc(SELF, GATEWAY);
  }

  /** A payload header value that every endpoint accepts. */
  protected static String admin() {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER)
            .clock(OrdersContract.CLOCK)
            .subject("alice")
            .scope("orders:read")
            .claim("role", "api-admin")
            .expiresIn(Duration.ofHours(1)));
  }

  private String send(String method, String target, String host, String... headerLines)
      throws IOException {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    if (host != null) {
      request.append("Host: ").append(host).append("\r\n");
    }
    request.append("x-jwt-payload: ").append(admin()).append("\r\n");
    request.append("x-forwarded-client-cert: ").append(gatewayXfcc());
    request.append("\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
    return rawRequest(request.toString());
  }

  private String rawRequest(String request) throws IOException {
    return RawHttp.send(port(), request);
  }

  private static int status(String response) {
    assertThat(response).startsWith("HTTP/1.1 ");
    return Integer.parseInt(response.substring(9, 12));
  }

  @Test
  void policyPathsWhenReservedEscapeThenMatchedAsSentNotDecoded() throws Exception {
    assertThat(status(send("DELETE", "/api/v1/orders/a%3Ab", "127.0.0.1"))).isEqualTo(403);
    assertThat(status(send("DELETE", "/api/v1/orders/a:b", "127.0.0.1"))).isEqualTo(204);
    assertThat(status(send("DELETE", "/api/v1/orders/a%3ab", "127.0.0.1"))).isEqualTo(204);
  }

  @Test
  void policyPathsWhenUnreservedEscapeThenDecodedFirstAsTheSidecarDoes() throws Exception {
    assertThat(status(send("DELETE", "/api/v1/orders/%61dmin", "127.0.0.1"))).isEqualTo(403);
    assertThat(status(send("DELETE", "/api/v1/orders/ad%6D%69n", "127.0.0.1"))).isEqualTo(403);
    assertThat(status(send("DELETE", "/api/v1/orders/admin", "127.0.0.1"))).isEqualTo(403);
    assertThat(status(send("DELETE", "/api/v1/orders/admins", "127.0.0.1"))).isEqualTo(204);
  }

  @Test
  void policyHostsWhenHostIsDeniedThen403() throws Exception {
    assertThat(status(send("GET", "/api/v1/whoami", "evil.example"))).isEqualTo(403);
    assertThat(status(send("GET", "/api/v1/whoami", "EVIL.example:8080"))).isEqualTo(403);
    assertThat(status(send("GET", "/api/v1/whoami", "good.example"))).isEqualTo(200);
  }

  /**
   * {@code X-Forwarded-*} and {@code Forwarded} are sent apart: some servers refuse both at once.
   */
  @Test
  void policyHostsWhenForwardedHeadersNameAnotherHostThenTheReceivedHostCounts() throws Exception {
    String[] xForwardedGood = {
      "X-Forwarded-Host: good.example", "X-Forwarded-Proto: https", "X-Forwarded-Port: 443"
    };
    String[] forwardedGood = {"Forwarded: host=good.example;proto=https"};
    assertThat(status(send("GET", "/api/v1/whoami", "evil.example", xForwardedGood)))
        .isEqualTo(403);
    assertThat(status(send("GET", "/api/v1/whoami", "evil.example", forwardedGood))).isEqualTo(403);
    String[] xForwardedEvil = {"X-Forwarded-Host: evil.example"};
    String[] forwardedEvil = {"Forwarded: host=evil.example;proto=https"};
    assertThat(status(send("GET", "/api/v1/whoami", "good.example", xForwardedEvil)))
        .isEqualTo(200);
    assertThat(status(send("GET", "/api/v1/whoami", "good.example", forwardedEvil))).isEqualTo(200);
  }

  @Test
  void policyPathsWhenForwardedPrefixIsSentThenTheReceivedPathCounts() throws Exception {
    assertThat(
            status(
                send(
                    "DELETE",
                    "/api/v1/orders/admin",
                    "127.0.0.1",
                    "X-Forwarded-Prefix: /gateway",
                    "X-Forwarded-Host: good.example")))
        .isEqualTo(403);
  }

  /**
   * The hostile request generator of {@link OrdersContract} again, now with policies that read
   * {@code hosts} and {@code paths} in force: the normalisation and authority code never fails.
   */
  @Test
  void generatedRequestsWhenPoliciesAreInForceThenNever5xx() throws Exception {
    HostileRequests requests = new HostileRequests(20261203L, ISSUER, OrdersContract.NOW);
    java.util.List<String> failures = new java.util.ArrayList<>();
    for (int i = 0; i < HostileRequests.COUNT; i++) {
      String request = requests.next();
      String response = rawRequest(request);
      if (response.isEmpty() || response.matches("(?s)HTTP/1\\.[01] 5\\d\\d.*")) {
        failures.add(
            response.lines().findFirst().orElse("") + " <- " + request.lines().findFirst());
      }
    }
    assertThat(failures).as("requests answered with a 5xx or nothing").isEmpty();
  }

  /** RFC 9112 §3.2.2: the target's authority, not {@code Host}; or the server refuses it. */
  @Test
  void absoluteFormWhenTargetNamesDeniedHostThenNeverServed() throws Exception {
    int evilTarget = status(send("GET", "http://evil.example/api/v1/whoami", "good.example"));
    assertThat(evilTarget).isIn(400, 403);
    int goodTarget = status(send("GET", "http://good.example/api/v1/whoami", "evil.example"));
    assertThat(goodTarget).isIn(200, 400);
    int evilPath =
        status(send("DELETE", "http://good.example/api/v1/orders/a%3Ab", "good.example"));
    assertThat(evilPath).isIn(400, 403);
  }
}
