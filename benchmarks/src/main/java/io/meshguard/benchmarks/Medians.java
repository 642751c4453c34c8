package io.meshguard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines the JMH result files of interleaved rounds ({@code benchmarks/run.sh}): the median of
 * every measured iteration per benchmark, its allocation per operation, and the project's target
 * ratios computed from those medians (issue #19's names). Writes all rounds' results as one JMH
 * JSON array.
 */
public final class Medians {

  private static final String FLOOR = "floorDecodeAndParse";
  private static final String COLD = "coldDecisionPeerCached";
  private static final String TRULY_COLD = "trulyColdDecision";
  private static final String REPEAT = "meshguardRepeatDecision";
  private static final String HIGH_CARDINALITY = "highCardinalityDecision";

  private Medians() {}

  /**
   * Reads the round files, prints the table and writes the combined JSON.
   *
   * @param args the combined JSON file to write, then the round files
   */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ArrayNode all = json.createArrayNode();
    Map<String, List<Double>> times = new TreeMap<>();
    Map<String, Double> allocation = new TreeMap<>();
    for (int i = 1; i < args.length; i++) {
      for (JsonNode result : json.readTree(new File(args[i]))) {
        all.add(result);
        String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
        for (JsonNode iteration : result.get("primaryMetric").get("rawData")) {
          for (JsonNode value : iteration) {
            times.computeIfAbsent(name, n -> new ArrayList<>()).add(value.asDouble());
          }
        }
        JsonNode alloc = result.get("secondaryMetrics").get("gc.alloc.rate.norm");
        if (alloc != null) {
          allocation.put(name, alloc.get("score").asDouble());
        }
      }
    }
    json.writerWithDefaultPrettyPrinter().writeValue(new File(args[0]), all);
    Map<String, Double> median = new TreeMap<>();
    System.out.printf("%-24s %12s %8s %10s%n", "benchmark", "median ns/op", "samples", "B/op");
    for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
      List<Double> values = entry.getValue();
      Collections.sort(values);
      int n = values.size();
      double m = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
      median.put(entry.getKey(), m);
      System.out.printf(
          Locale.ROOT,
          "%-24s %12.0f %8d %10.0f%n",
          entry.getKey(),
          m,
          n,
          allocation.getOrDefault(entry.getKey(), Double.NaN));
    }
    System.out.println();
    System.out.println("ratios of medians within this run:");
    ratio(median, "cold decision, peer cached / floor", COLD, FLOOR, "<= 1.5");
    ratio(median, "truly cold decision / floor", TRULY_COLD, FLOOR, "<= 2");
    ratio(median, "repeated token / floor", REPEAT, FLOOR, "<= 0.5");
    ratio(median, "spring decoder / cold decision", "springNimbusJwtDecoder", COLD, ">= 25");
    ratio(median, "policy 1000 rules / 10 rules", "policy1000Rules", "policy10Rules", "<= 3");
    System.out.println();
    System.out.println("allocation per operation:");
    bytes(allocation, "floor", FLOOR, null);
    bytes(allocation, "cold decision, peer cached", COLD, "<= 3072");
    bytes(allocation, "truly cold decision", TRULY_COLD, "<= 3072");
    bytes(allocation, "repeated token", REPEAT, "<= 512");
    bytes(allocation, "high cardinality", HIGH_CARDINALITY, null);
    if (median.containsKey(HIGH_CARDINALITY)) {
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "high cardinality: %d distinct tokens (Zipf-like) over %d payload cache slots,"
              + " hit ratio %.2f (replayed)%n",
          HighCardinality.USERS,
          io.meshguard.core.Meshguard.DEFAULT_PAYLOAD_CACHE_SIZE,
          HighCardinality.payloadCacheHitRatio(HighCardinality.headers()));
      ratio(median, "high cardinality / floor", HIGH_CARDINALITY, FLOOR, null);
      ratio(median, "high cardinality / cold decision, peer cached", HIGH_CARDINALITY, COLD, null);
    }
  }

  private static void ratio(
      Map<String, Double> median, String label, String top, String bottom, String goal) {
    if (median.containsKey(top) && median.containsKey(bottom)) {
      System.out.printf(
          Locale.ROOT,
          "  %-46s %6.2f%s%n",
          label,
          median.get(top) / median.get(bottom),
          goal == null ? "" : "  (goal " + goal + ")");
    }
  }

  private static void bytes(
      Map<String, Double> allocation, String label, String name, String goal) {
    if (allocation.containsKey(name)) {
      System.out.printf(
          Locale.ROOT,
          "  %-46s %6.0f B%s%n",
          label,
          allocation.get(name),
          goal == null ? "" : "  (goal " + goal + " B)");
    }
  }
}
