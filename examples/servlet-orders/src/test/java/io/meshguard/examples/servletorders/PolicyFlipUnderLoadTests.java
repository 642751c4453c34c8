package io.meshguard.examples.servletorders;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded concurrent load (8 threads, 20,000 requests, loopback only) against servlet-orders while
 * its policy file flips between two versions 100 times by Kubernetes-style {@code ..data} symlink
 * swaps. Every response must be what one of the two versions answers; none a 5xx, none lost.
 */
class PolicyFlipUnderLoadTests {

  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 2_500;
  private static final int FLIPS = 100;

  /** Version A allows the read; version B denies it. Both allow health. */
  private static final String ALLOW =
      "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
          + "metadata: {name: allow-reads, namespace: api-system}\n"
          + "spec: {rules: [{to: [{operation: {methods: [GET]}}]}]}\n";

  private static final String DENY =
      "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
          + "metadata: {name: deny-reads, namespace: api-system}\n"
          + "spec: {action: DENY, rules: [{to: [{operation: {paths: [/api/v1/orders]}}]}]}\n";

  @Test
  void loadWhenPolicyFlipsThenEveryResponseIsOneOfTheTwoVersions(@TempDir Path dir)
      throws Exception {
    Path a = Files.createDirectory(dir.resolve("..v_a"));
    Path b = Files.createDirectory(dir.resolve("..v_b"));
    Files.writeString(a.resolve("policy.yaml"), ALLOW);
    Files.writeString(b.resolve("policy.yaml"), DENY);
    Path data = dir.resolve("..data");
    Files.createSymbolicLink(data, a.getFileName());
    Path file = dir.resolve("policy.yaml");
    Files.createSymbolicLink(file, Path.of("..data", "policy.yaml"));

    PolicyFileWatcher policies =
        (PolicyFileWatcher)
            ServletOrdersApplication.policies(file.toString(), Duration.ofMillis(5));
    Server server = ServletOrdersApplication.start("127.0.0.1", 0, Clock.systemUTC(), policies);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      URI orders = URI.create("http://127.0.0.1:" + port + "/api/v1/orders");
      String payload =
          MeshHeaders.payload(
              Payload.issuedBy(ISSUER)
                  .subject("load")
                  .scope("orders:read")
                  .expiresIn(Duration.ofHours(1)));
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      AtomicInteger unexpected = new AtomicInteger();
      List<String> samples = new ArrayList<>();
      String denied =
          "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
              + "\"detail\":\"Denied by mesh authorization policy\"}";

      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  HttpClient client = HttpClient.newHttpClient();
                  for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    HttpResponse<String> response =
                        client.send(
                            HttpRequest.newBuilder(orders)
                                .timeout(Duration.ofSeconds(10))
                                .header("x-jwt-payload", payload)
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    boolean isAllowed =
                        response.statusCode() == 200
                            && response.body().endsWith("\"subject\":\"load\"}");
                    boolean isDenied =
                        response.statusCode() == 403 && response.body().equals(denied);
                    String outcome = isAllowed ? "allowed" : isDenied ? "denied" : "unexpected";
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (!isAllowed && !isDenied && unexpected.getAndIncrement() < 5) {
                      synchronized (samples) {
                        samples.add(response.statusCode() + " " + response.body());
                      }
                    }
                  }
                  return null;
                }));
      }
      Future<?> flipper =
          pool.submit(
              () -> {
                for (int flip = 0; flip < FLIPS; flip++) {
                  Path next = dir.resolve("..data_tmp");
                  Files.deleteIfExists(next);
                  Files.createSymbolicLink(next, (flip % 2 == 0 ? b : a).getFileName());
                  Files.move(
                      next,
                      data,
                      StandardCopyOption.ATOMIC_MOVE,
                      StandardCopyOption.REPLACE_EXISTING);
                  Thread.sleep(20);
                }
                return null;
              });
      flipper.get();
      for (Future<?> worker : workers) {
        worker.get();
      }
      int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
      assertThat(samples).as("responses that match neither version").isEmpty();
      assertThat(total).as("responses received").isEqualTo(THREADS * REQUESTS_PER_THREAD);
      assertThat(outcomes.get("allowed")).as("allowed responses").isNotNull();
      assertThat(outcomes.get("denied")).as("denied responses").isNotNull();
    } finally {
      pool.shutdownNow();
      server.stop();
      policies.close(); // the filter does not own a guard passed in code, nor its watcher
    }
  }
}
