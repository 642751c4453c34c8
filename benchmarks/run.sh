#!/usr/bin/env bash
# Builds and runs the decision benchmarks with fixed settings (about 3 minutes on 2 cores) and writes
# JMH's JSON, with -prof gc allocation figures, to benchmarks/target/jmh.json.
# Extra arguments go to JMH, e.g. `benchmarks/run.sh meshguardRepeatDecision`.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
java -jar benchmarks/target/benchmarks.jar \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 \
  -prof gc \
  -rf json -rff benchmarks/target/jmh.json \
  "${@:-DecisionBenchmark}"
