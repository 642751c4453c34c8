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
 * ratios computed from those medians. Writes all rounds' results as one JMH JSON array.
 */
public final class Medians {

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
    ratio(median, "meshguardFullDecision", "floorDecodeAndParse", "<= 1.5");
    ratio(median, "meshguardRepeatDecision", "floorDecodeAndParse", "<= 0.5");
    ratio(median, "springNimbusJwtDecoder", "meshguardFullDecision", ">= 25");
    ratio(median, "policy1000Rules", "policy10Rules", "<= 3");
  }

  private static void ratio(Map<String, Double> median, String top, String bottom, String goal) {
    if (median.containsKey(top) && median.containsKey(bottom)) {
      System.out.printf(
          Locale.ROOT,
          "%s / %s = %.2f (goal %s)%n",
          top,
          bottom,
          median.get(top) / median.get(bottom),
          goal);
    }
  }
}
