#!/usr/bin/env bash
# HTTP overhead of meshguard in the servlet example, measured with wrk on loopback.
#
# Starts examples/servlet-orders with its benchmark route pair (SERVLET_ORDERS_BENCH_ROUTES=true: two
# routes outside the contract with the same handler, writing {"status":"UP"}) and drives, in
# interleaved rounds (order alternating), the guarded GET /bench/guarded (meshguard checks the
# identity and the scope orders:read) and the public GET /bench/public (meshguard only recognises
# it as public). Both requests carry the same identity headers, so they differ only in what
# meshguard does with them. Reports req/s, p50 and p99 per round, the median of the rounds per
# route and the ratio guarded/public, also written to benchmarks/target/http.txt.
#
# Needs wrk (Debian: apt-get install wrk). Settings: ROUNDS (5), DURATION per run (10s),
# CONNECTIONS (16), THREADS (1), PORT (18090). Takes about ROUNDS x 2 x DURATION plus a warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${ROUNDS:-5}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
port="${PORT:-18090}"
out=benchmarks/target/http.txt

command -v wrk >/dev/null || { echo "http.sh needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }

./mvnw -q -B -pl examples/servlet-orders -am package -DskipTests -Dspotless.check.skip=true
mkdir -p benchmarks/target

PORT="$port" SERVLET_ORDERS_BENCH_ROUTES=true java -jar examples/servlet-orders/target/servlet-orders.jar >benchmarks/target/http-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
  sleep 0.5
done

# The payload Istio would forward: unpadded base64url of the JSON, valid for the next two hours.
exp=$(( $(date +%s) + 7200 ))
json='{"iss":"https://auth.example.com","sub":"alice","aud":"orders","exp":'"$exp"',"iat":'"$(date +%s)"',"scope":"orders:read orders:write","role":"api-admin"}'
payload=$(printf '%s' "$json" | basenc --base64url -w0 | tr -d '=')
xfcc='By=spiffe://cluster.local/ns/api-system/sa/orders;Hash=abc;Subject="";URI=spiffe://cluster.local/ns/api-system/sa/gateway'

run() { # route -> "req/s p50_ms p99_ms"
  local result
  result=$(wrk -t"$threads" -c"$connections" -d"$1" --latency \
    -H "x-jwt-payload: $payload" -H "x-forwarded-client-cert: $xfcc" \
    "http://127.0.0.1:$port$2")
  if grep -q "Non-2xx" <<<"$result"; then
    echo "http.sh: $2 answered non-2xx responses; check the token and the server log" >&2
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
run 10s /bench/guarded >/dev/null
run 10s /bench/public >/dev/null

guarded=() public=()
{
  echo "# wrk -t$threads -c$connections -d$duration, $rounds interleaved rounds, $(date -u +%FT%TZ)"
  printf '%-6s %-8s %10s %9s %9s\n' round route "req/s" "p50 ms" "p99 ms"
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then order="guarded public"; else order="public guarded"; fi
    for route in $order; do
      path="/bench/$route"
      read -r rps p50 p99 < <(run "$duration" "$path")
      printf '%-6s %-8s %10s %9s %9s\n' "$round" "$route" "$rps" "$p50" "$p99"
      if [[ $route == guarded ]]; then guarded+=("$rps $p50 $p99"); else public+=("$rps $p50 $p99"); fi
    done
  done
  median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  column() { for row in "${@:2}"; do echo "$row" | cut -d' ' -f"$1"; done | median; }
  g_rps=$(column 1 "${guarded[@]}") p_rps=$(column 1 "${public[@]}")
  printf 'median guarded: %s req/s, p50 %s ms, p99 %s ms\n' "$g_rps" "$(column 2 "${guarded[@]}")" "$(column 3 "${guarded[@]}")"
  printf 'median public:  %s req/s, p50 %s ms, p99 %s ms\n' "$p_rps" "$(column 2 "${public[@]}")" "$(column 3 "${public[@]}")"
  awk -v g="$g_rps" -v p="$p_rps" 'BEGIN { printf "guarded/public throughput: %.3f (target >= 0.93)\n", g / p }'
} | tee "$out"
