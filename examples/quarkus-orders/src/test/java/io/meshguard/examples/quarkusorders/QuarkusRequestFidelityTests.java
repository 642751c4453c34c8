package io.meshguard.examples.quarkusorders;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.examples.contract.RequestFidelityContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Host and path fidelity with Quarkus' proxy forwarding switched on ({@code X-Forwarded-*} and the
 * forwarded prefix), and over HTTP/2 with prior knowledge (h2c, as a sidecar talks to ports named
 * {@code http2}/{@code grpc}), where no {@code Host} header is sent.
 */
@QuarkusTest
@TestProfile(QuarkusRequestFidelityTests.FidelityPolicy.class)
class QuarkusRequestFidelityTests extends RequestFidelityContract {

  /**
   * The fidelity policy. Quarkus' proxy forwarding is off: with policies meshguard refuses it
   * (StartFailsOnProxyForwardingWithPoliciesTests in the extension), so forwarded headers must
   * change nothing here.
   */
  public static class FidelityPolicy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.meshguard.policy-file", policyFile().toString());
    }
  }

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @Inject Vertx vertx;

  @Override
  protected int port() {
    return port;
  }

  @Test
  void policyHostsWhenHttp2PriorKnowledgeThenAuthorityCounts() throws Exception {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    try {
      assertThat(h2Status(client, "evil.example")).isEqualTo(403);
      assertThat(h2Status(client, "good.example")).isEqualTo(200);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private int h2Status(HttpClient client, String authority) throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
            .setHost(authority)
            .setPort(port)
            .setURI("/api/v1/whoami")
            .putHeader("x-jwt-payload", admin())
            .putHeader("x-forwarded-client-cert", gatewayXfcc());
    HttpClientResponse response =
        client
            .request(options)
            .compose(request -> request.send())
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
    return response.statusCode();
  }
}
