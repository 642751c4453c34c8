package io.meshguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.Decision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every benchmark measures what it claims: the decisions are allowed, the tokens verify. */
class DecisionBenchmarkTests {

  private static DecisionBenchmark benchmark;

  @BeforeAll
  static void setUp() throws Exception {
    benchmark = new DecisionBenchmark();
    benchmark.setUp();
  }

  @Test
  void fixturesWhenMeasuredThenRealisticSizes() {
    assertThat(Fixtures.payloadJson("00000000-3c1d-4e2f-8a9b-0c1d2e3f4a5b").length())
        .isBetween(550, 750);
    assertThat(benchmark.coldHeaders).doesNotHaveDuplicates();
  }

  @Test
  void everyMeshguardBenchmarkWhenRunThenAllowsTheRequest() {
    for (Decision decision :
        new Decision[] {
          benchmark.coldDecisionPeerCached(),
          benchmark.trulyColdDecision(),
          benchmark.highCardinalityDecision(),
          benchmark.meshguardRepeatDecision(),
          benchmark.policy10Rules(),
          benchmark.policy1000Rules()
        }) {
      assertThat(decision.isAllowed()).as(decision.toString()).isTrue();
    }
    assertThat(benchmark.policy1000Rules().toString()).contains("ALLOW api-system/orders rule 999");
  }

  @Test
  void coldScenariosWhenBuiltThenDifferInWhatIsCached() {
    assertThat(
            java.util.Arrays.stream(benchmark.coldRequests)
                .map(r -> r.headers("x-forwarded-client-cert").get(0))
                .distinct()
                .count())
        .isEqualTo(DecisionBenchmark.FEW_PEERS);
    assertThat(
            java.util.Arrays.stream(benchmark.trulyColdRequests)
                .map(r -> r.headers("x-forwarded-client-cert").get(0))
                .distinct()
                .count())
        .isEqualTo(DecisionBenchmark.COLD_TOKENS)
        .isGreaterThan(io.meshguard.core.Meshguard.DEFAULT_PEER_CACHE_SIZE);
    assertThat(HighCardinality.USERS)
        .isGreaterThan(io.meshguard.core.Meshguard.DEFAULT_PAYLOAD_CACHE_SIZE);
    assertThat(HighCardinality.payloadCacheHitRatio(HighCardinality.headers())).isBetween(0.0, 1.0);
  }

  @Test
  void alternativesWhenRunThenVerifyTheSameToken() throws Exception {
    assertThat(benchmark.floorDecodeAndParse()).isGreaterThan(50);
    assertThat(benchmark.nimbusVerifyRs256()).isTrue();
    assertThat(benchmark.springNimbusJwtDecoder().getSubject())
        .isEqualTo("6f1c2a9e-4b7d-4c1e-9a3f-2d8b5e7c1a40");
  }
}
