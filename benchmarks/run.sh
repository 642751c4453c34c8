#!/usr/bin/env bash
# Builds and runs the decision benchmarks (JMH, -prof gc) in interleaved rounds and prints each
# benchmark's median over all rounds with the target ratios computed from those medians.
#
# The machines here are shared and noisy: a benchmark run once, minutes after another, can be 50 %
# slower for reasons outside it. So every round runs each benchmark briefly (one fork, 2 x 1 s
# warm-up, 3 x 1 s measurement), the order alternates between rounds, and medians are taken over
# all rounds. ROUNDS (default 3) sets the number of rounds; about 100 s each on 2 cores.
# Output: benchmarks/target/jmh.json (every round's JMH JSON, in one array) and
# benchmarks/target/jmh-medians.txt. Extra arguments name the benchmarks to run (default: all),
# e.g. `benchmarks/run.sh coldDecisionPeerCached floorDecodeAndParse`.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true

rounds="${ROUNDS:-3}"
benchmarks=("$@")
if [ ${#benchmarks[@]} -eq 0 ]; then
  benchmarks=(floorDecodeAndParse coldDecisionPeerCached trulyColdDecision meshguardRepeatDecision
    highCardinalityDecision
    nimbusVerifyRs256 springNimbusJwtDecoder policy10Rules policy1000Rules)
fi
rm -f benchmarks/target/jmh-round-*.json
for round in $(seq 1 "$rounds"); do
  order=("${benchmarks[@]}")
  if (( round % 2 == 0 )); then
    order=()
    for (( i = ${#benchmarks[@]} - 1; i >= 0; i-- )); do order+=("${benchmarks[$i]}"); done
  fi
  for benchmark in "${order[@]}"; do
    echo "round $round: $benchmark" >&2
    java -jar benchmarks/target/benchmarks.jar "DecisionBenchmark\.$benchmark\$" \
      -f 1 -wi 2 -w 1s -i 3 -r 1s -t 1 -prof gc \
      -rf json -rff "benchmarks/target/jmh-round-$round-$benchmark.json" >/dev/null
  done
done
java -cp benchmarks/target/benchmarks.jar io.meshguard.benchmarks.Medians \
  benchmarks/target/jmh.json benchmarks/target/jmh-round-*.json | tee benchmarks/target/jmh-medians.txt
