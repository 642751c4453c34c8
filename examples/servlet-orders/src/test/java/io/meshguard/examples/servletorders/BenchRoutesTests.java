package io.meshguard.examples.servletorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.policy.PolicySet;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The route pair benchmarks/http.sh drives exists only when asked for, does the same work on both
 * routes, and only the guarded one needs an identity.
 */
class BenchRoutesTests {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path, String payload) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (payload != null) {
      request.header("x-jwt-payload", payload);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String reader() {
    return MeshHeaders.payload(
        Payload.issuedBy(ISSUER).scope("orders:read").expiresIn(Duration.ofHours(1)));
  }

  @Test
  void benchRoutesWhenEnabledThenSameAnswerAndOnlyTheGuardedOneNeedsIdentity() throws Exception {
    Server server =
        ServletOrdersApplication.start("127.0.0.1", 0, Clock.systemUTC(), PolicySet::empty, true);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      HttpResponse<String> open = get(port, "/bench/public", null);
      HttpResponse<String> guarded = get(port, "/bench/guarded", reader());
      assertThat(open.statusCode()).isEqualTo(200);
      assertThat(guarded.statusCode()).isEqualTo(200);
      assertThat(guarded.body()).isEqualTo(open.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(get(port, "/bench/guarded", null).statusCode()).isEqualTo(401);
    } finally {
      server.stop();
    }
  }

  @Test
  void benchRoutesWhenNotEnabledThenOutsideTheContract404() throws Exception {
    Server server =
        ServletOrdersApplication.start("127.0.0.1", 0, Clock.systemUTC(), PolicySet::empty);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      assertThat(get(port, "/bench/public", reader()).statusCode()).isEqualTo(404);
      assertThat(get(port, "/bench/guarded", reader()).statusCode()).isEqualTo(404);
    } finally {
      server.stop();
    }
  }
}
