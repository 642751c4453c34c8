package io.meshguard.benchmarks;

import io.meshguard.core.Meshguard;
import io.meshguard.core.internal.DirectMappedCache;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The request sequence of a service with many users: {@link #USERS} distinct tokens, eight times
 * the payload cache's default slots, drawn with Zipf-like popularity (the k-th most active user
 * sends about 1/k as many requests as the most active one), so a few users are hot and the long
 * tail is cold. Deterministic (fixed seed), so the expected cache hit ratio can be replayed
 * exactly.
 */
public final class HighCardinality {

  /** Distinct tokens: eight times {@link Meshguard#DEFAULT_PAYLOAD_CACHE_SIZE}. */
  public static final int USERS = 8 * Meshguard.DEFAULT_PAYLOAD_CACHE_SIZE;

  /** Length of the cycled sequence of requests. */
  public static final int REQUESTS = 1 << 16;

  private HighCardinality() {}

  /** The user (token index) of each request, in order. */
  public static int[] sequence() {
    double[] cumulative = new double[USERS];
    double sum = 0;
    for (int k = 0; k < USERS; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    Random random = new Random(19);
    int[] users = new int[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      double target = random.nextDouble() * sum;
      int low = 0;
      int high = USERS - 1;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulative[mid] < target) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      // Spread popularity ranks over the token indices so hot users do not share neighbours.
      users[i] = (int) ((low * 2_654_435_761L) & (USERS - 1));
    }
    return users;
  }

  /**
   * The payload cache's hit ratio in steady state on {@link #sequence()} with {@code headers} as
   * the tokens: the sequence replayed twice through a cache of the same class and size as the
   * guard's, counting the second pass.
   */
  public static double payloadCacheHitRatio(String[] headers) {
    DirectMappedCache<Boolean> cache =
        new DirectMappedCache<>(Meshguard.DEFAULT_PAYLOAD_CACHE_SIZE);
    int[] users = sequence();
    long hits = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int user : users) {
        String header = headers[user];
        if (cache.get(header) != null) {
          hits += pass;
        } else {
          cache.put(header, Boolean.TRUE);
        }
      }
    }
    return (double) hits / users.length;
  }

  /**
   * The distinct tokens' header values: the benchmark payload as each user's own token, with its
   * own {@code sub}, {@code session_state}, {@code jti} and issue time, as tokens of different
   * users differ (tokens that differed in {@code jti} alone would all share a few cache slots,
   * since the cache samples characters spread over the value rather than hashing all of it).
   */
  public static String[] headers() {
    String[] headers = new String[USERS];
    for (int user = 0; user < USERS; user++) {
      String id = String.format("%08x", user * 2_654_435_761L & 0xFFFFFFFFL);
      long issuedAt = Fixtures.NOW - 60 - user % 3000;
      String json =
          Fixtures.payloadJson(id + "-3c1d-4e2f-8a9b-0c1d2e3f4a5b")
              .replace("6f1c2a9e-4b7d", id + "-4b7d")
              .replace("b6d2c0a4-0c1e", new StringBuilder(id).reverse() + "-0c1e")
              .replace("\"iat\":" + (Fixtures.NOW - 60), "\"iat\":" + issuedAt);
      headers[user] =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }
}
