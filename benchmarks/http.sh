#!/usr/bin/env bash
# HTTP overhead of meshguard in the three example services, measured with wrk on loopback.
#
# Builds and starts examples/servlet-orders, spring-orders and quarkus-orders side by side (ports
# PORT, PORT+1, PORT+2), each with its benchmark route pair switched on by an environment variable
# (SERVLET_ORDERS_BENCH_ROUTES, SPRING_ORDERS_BENCH_ROUTES, QUARKUS_ORDERS_BENCH_ROUTES = true: two
# routes outside the contract, absent without it, served by the same handler code and answering
# {"status":"UP"}). It then drives, in interleaved rounds, the guarded GET /bench/guarded (meshguard
# checks the identity and the scope orders:read) and the public GET /bench/public (meshguard only
# recognises it as public) of every adapter. Both requests carry the same identity headers, so they
# differ only in what meshguard does with them. The adapters' order rotates from round to round and
# the order of each adapter's two routes alternates; an adapter's two runs are always next to each
# other, so its ratio compares like with like on a noisy machine. Reports req/s, p50 and p99 per run,
# the median of the rounds per route and the ratio guarded/public per adapter (also per round),
# written to benchmarks/target/http.txt; compare ratios within one run, never across runs.
#
# Needs wrk (Debian: apt-get install wrk). Settings: ADAPTERS ("servlet spring quarkus"), ROUNDS (5),
# DURATION per run (10s), WARMUP per route before the rounds (10s), CONNECTIONS (16), THREADS (1),
# PORT (18090, the first of three), BUILD (true; false reuses the jars already built), JAVA_OPTS
# (extra options for every server's JVM, e.g. a JFR recording). Takes about WARMUP x 2 x adapters
# plus ROUNDS x 2 x adapters x DURATION, plus the build: 6 minutes for all three with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."

adapters="${ADAPTERS:-servlet spring quarkus}"
rounds="${ROUNDS:-5}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-10s}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
base_port="${PORT:-18090}"
build="${BUILD:-true}"
java_opts="${JAVA_OPTS:-}"
out=benchmarks/target/http.txt

command -v wrk >/dev/null || { echo "http.sh needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }

declare -A module port
for adapter in $adapters; do
  case "$adapter" in
    servlet) module[$adapter]=examples/servlet-orders; port[$adapter]=$base_port ;;
    spring) module[$adapter]=examples/spring-orders; port[$adapter]=$((base_port + 1)) ;;
    quarkus) module[$adapter]=examples/quarkus-orders; port[$adapter]=$((base_port + 2)) ;;
    *) echo "http.sh: unknown adapter '$adapter' (servlet, spring, quarkus)" >&2; exit 1 ;;
  esac
done
read -ra adapter_list <<<"$adapters"

if [[ $build == true ]]; then
  modules=$(for adapter in "${adapter_list[@]}"; do printf '%s,' "${module[$adapter]}"; done)
  ./mvnw -q -B -pl "${modules%,}" -am package -DskipTests -Dspotless.check.skip=true \
    -Dmaven.javadoc.skip=true
fi
mkdir -p benchmarks/target

servers=()
stop_servers() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

start() { # adapter
  local log="benchmarks/target/http-$1.log"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  case "$1" in
    servlet)
      PORT="${port[$1]}" SERVLET_ORDERS_BENCH_ROUTES=true \
        java $java_opts -jar examples/servlet-orders/target/servlet-orders.jar >"$log" 2>&1 & ;;
    spring)
      PORT="${port[$1]}" SPRING_ORDERS_BENCH_ROUTES=true \
        java $java_opts -jar examples/spring-orders/target/spring-orders.jar >"$log" 2>&1 & ;;
    quarkus)
      PORT="${port[$1]}" QUARKUS_ORDERS_BENCH_ROUTES=true \
        java $java_opts -jar examples/quarkus-orders/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 & ;;
  esac
  servers+=($!)
}
for adapter in "${adapter_list[@]}"; do start "$adapter"; done
for adapter in "${adapter_list[@]}"; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${port[$adapter]}/api/v1/health" >/dev/null && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${port[$adapter]}/bench/public" >/dev/null || {
    echo "http.sh: $adapter did not start with its bench routes; see benchmarks/target/http-$adapter.log" >&2
    exit 1
  }
done

# The payload Istio would forward: unpadded base64url of the JSON, valid for the next two hours.
exp=$(( $(date +%s) + 7200 ))
json='{"iss":"https://auth.example.com","sub":"alice","aud":"orders","exp":'"$exp"',"iat":'"$(date +%s)"',"scope":"orders:read orders:write","role":"api-admin"}'
payload=$(printf '%s' "$json" | basenc --base64url -w0 | tr -d '=')
xfcc='By=spiffe://cluster.local/ns/api-system/sa/orders;Hash=abc;Subject="";URI=spiffe://cluster.local/ns/api-system/sa/gateway'

run() { # duration adapter route -> "req/s p50_ms p99_ms"
  local result url="http://127.0.0.1:${port[$2]}/bench/$3"
  result=$(wrk -t"$threads" -c"$connections" -d"$1" --latency \
    -H "x-jwt-payload: $payload" -H "x-forwarded-client-cert: $xfcc" "$url")
  if grep -q "Non-2xx" <<<"$result"; then
    echo "http.sh: $2 $url answered non-2xx responses; check the token and the server log" >&2
    exit 1
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }' <<<"$result"
}

echo "warm-up ..." >&2
for adapter in "${adapter_list[@]}"; do
  run "$warmup" "$adapter" guarded >/dev/null
  run "$warmup" "$adapter" public >/dev/null
done

declare -A rows # "adapter route" -> lines of "req/s p50 p99"
declare -A round_ratios # adapter -> "r1 r2 ..."
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column() { cut -d' ' -f"$1" <<<"$2" | median; }
{
  echo "# wrk -t$threads -c$connections -d$duration, $rounds interleaved rounds, adapters: ${adapter_list[*]}, $(date -u +%FT%TZ)"
  printf '%-6s %-8s %-8s %10s %9s %9s\n' round adapter route "req/s" "p50 ms" "p99 ms"
  count=${#adapter_list[@]}
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then order="guarded public"; else order="public guarded"; fi
    for i in $(seq 0 $((count - 1))); do
      adapter=${adapter_list[$(( (i + round - 1) % count ))]}
      declare -A this=()
      for route in $order; do
        read -r rps p50 p99 < <(run "$duration" "$adapter" "$route")
        [[ -n ${rps:-} ]] || exit 1
        printf '%-6s %-8s %-8s %10s %9s %9s\n' "$round" "$adapter" "$route" "$rps" "$p50" "$p99"
        rows["$adapter $route"]+="$rps $p50 $p99"$'\n'
        this[$route]=$rps
      done
      round_ratios[$adapter]+=$(awk -v g="${this[guarded]}" -v p="${this[public]}" 'BEGIN { printf "%.3f ", g / p }')
    done
  done
  echo
  for adapter in "${adapter_list[@]}"; do
    for route in guarded public; do
      data=${rows["$adapter $route"]%$'\n'}
      printf 'median %-8s %-8s %8s req/s, p50 %s ms, p99 %s ms\n' "$adapter" "$route" \
        "$(column 1 "$data")" "$(column 2 "$data")" "$(column 3 "$data")"
    done
  done
  echo
  for adapter in "${adapter_list[@]}"; do
    g=$(column 1 "${rows["$adapter guarded"]%$'\n'}")
    p=$(column 1 "${rows["$adapter public"]%$'\n'}")
    awk -v a="$adapter" -v g="$g" -v p="$p" -v r="${round_ratios[$adapter]}" \
      'BEGIN { printf "guarded/public throughput %-8s %.3f (per round: %s)\n", a, g / p, r }'
  done
} | tee "$out"
