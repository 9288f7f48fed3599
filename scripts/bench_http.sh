#!/usr/bin/env bash
# HTTP load test of GET /v1/stations/nearest with wrk, side by side in one run with a bare,
# tuned cpp-httplib server returning a fixed body of the same size. Uses the peers'
# deterministic data (../shared/peers/gen_data.py) so figures compare with the peers' table.
# Bounded: each wrk run lasts DURATION seconds (default 10), on 127.0.0.1 only.
# Usage: scripts/bench_http.sh            (results: $PEERS_WORK/sf/http_results.tsv)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work="${PEERS_WORK:-/tmp/peers-work}"
data="$work/data"
out="$work/sf"
duration="${DURATION:-10}"
port=58181
bare_port=58182
mkdir -p "$out"
scripts/install-deps.sh wrk python3-numpy
if [ ! -s "$data/queries_10k.csv" ] || [ ! -s "$data/stations_1m.csv" ]; then
  /usr/bin/python3 ../shared/peers/gen_data.py --out "$data"
fi
scripts/build.sh release stationfinder
scripts/build.sh bench
bin=build/release/stationfinder
results="$out/http_results.tsv"
printf 'target\tstations\tconnections\treq_per_s\tp50_ms\tp99_ms\tnon2xx\tbody_bytes\n' > "$results"

pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop EXIT

wait_up() {  # URL
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server did not come up" >&2; exit 1
}

run_wrk() {  # TARGET STATIONS CONNECTIONS URL BODY [EXTRA_QUERY]
  local o rps p50 p99 non2xx
  o=$(wrk -t2 -c"$3" -d"${duration}s" --latency -s scripts/wrk_nearest.lua "$4" -- "$data/queries_10k.csv" "${6:-}" 2>&1)
  echo "$o" > "$out/wrk_${1// /_}_$2_c$3.txt"
  rps=$(awk '/^Requests\/sec/{printf "%.0f", $2}' <<<"$o")
  p50=$(awk '/^p50_ms/{print $2}' <<<"$o")
  p99=$(awk '/^p99_ms/{print $2}' <<<"$o")
  non2xx=$(awk '/^non2xx/{print $2}' <<<"$o")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$p50" "$p99" "$non2xx" "$5" | tee -a "$results"
}

# Two answers: the full station records (default) and a lean one (fields=distance_m), each
# compared with the bare server answering a fixed body of the same size.
lean="&fields=distance_m"
full_bytes=0
lean_bytes=0
for n in 10k 1m; do
  gpkg="$out/stations_$n.gpkg"
  if [ ! -s "$gpkg" ]; then
    "$bin" import "$data/stations_$n.csv" --districts none --out "$gpkg" >/dev/null
  fi
  t0=$(date +%s.%N)
  "$bin" serve --data "$gpkg" --districts none --port "$port" >"$out/serve_$n.log" 2>&1 &
  pid=$!
  wait_up "http://127.0.0.1:$port/healthz"
  ready=$(echo "$(date +%s.%N) - $t0" | bc)
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  echo "stationfinder $n: ready in ${ready}s, RSS $((rss / 1024)) MiB (peak $((hwm / 1024)) MiB)" | tee "$out/serve_$n.mem"
  # the typical answer sizes, for the bare server's fixed bodies
  full_bytes=$(curl -s "http://127.0.0.1:$port/v1/stations/nearest?lon=116.40&lat=39.91&k=5" | wc -c)
  lean_bytes=$(curl -s "http://127.0.0.1:$port/v1/stations/nearest?lon=116.40&lat=39.91&k=5$lean" | wc -c)
  for c in 16 256; do
    run_wrk "stationfinder full" "$n" "$c" "http://127.0.0.1:$port" "$full_bytes"
    run_wrk "stationfinder lean" "$n" "$c" "http://127.0.0.1:$port" "$lean_bytes" "$lean"
  done
  stop
done

for variant in "full $full_bytes" "lean $lean_bytes"; do
  set -- $variant
  build/bench/bench/sf_bare_server "$bare_port" "$2" >"$out/bare.log" 2>&1 &
  pid=$!
  wait_up "http://127.0.0.1:$bare_port/v1/stations/nearest"
  for c in 16 256; do
    run_wrk "bare-httplib $1" - "$c" "http://127.0.0.1:$bare_port" "$2"
  done
  stop
done
trap - EXIT
echo "results: $results"
