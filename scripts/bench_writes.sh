#!/usr/bin/env bash
# The write path under load, on the GeoPackage store, at 10k and 1M stations (the peers'
# deterministic stations), all in one run on 127.0.0.1 with wrk. Bounded: each wrk run lasts
# DURATION seconds (default 10). For each size:
#   1. single writes, one client (PUT of a new station, acknowledged after the commit);
#   2. writes from 16 clients at once (group commit);
#   3. queries alone, 64 connections (k=5 nearest);
#   4. the same queries while two clients write ~50 stations/s: query throughput kept, and
#      the writes' latency under that load;
#   5. a bulk upsert of 10,000 stations (CSV, one request);
#   0. (first, on the freshly started server) a SIGHUP reload: peak RSS during the reload
#      (VmHWM after clear_refs) over the steady RSS before it, queries answered throughout.
# Usage: scripts/bench_writes.sh      (results: $PEERS_WORK/sf/writes_results.tsv)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${PEERS_WORK:-/tmp/peers-work}"
data="$work/data"
out="$work/sf"
duration="${DURATION:-10}"
port=58191
mkdir -p "$out"
scripts/install-deps.sh wrk python3-numpy
if [ ! -s "$data/queries_10k.csv" ] || [ ! -s "$data/stations_1m.csv" ]; then
  /usr/bin/python3 ../shared/peers/gen_data.py --out "$data"
fi
scripts/build.sh release stationfinder
bin=build/release/stationfinder
token=bench-writes-token-0123456789
printf 'bench:%s\n' "$token" >"$out/writes_tokens.txt"
results="$out/writes_results.tsv"
printf 'stations\tmeasure\tvalue\tunit\n' >"$results"
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$results"; }

pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop EXIT
wait_up() {
  for _ in $(seq 1 1200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server did not come up" >&2
  exit 1
}
field() { awk -v k="$1" '$1 == k {print $2}' <<<"$2"; }
rps_of() { awk '/^Requests\/sec/{printf "%.0f", $2}' <<<"$1"; }

# 10,000 stations for the bulk upsert: the 10k set moved a little, under new ids.
bulk_csv="$out/bulk_10k.csv"
awk -F, 'NR == 1 {print "id,name,lon,lat,amenities"; next}
         {printf "bulk-%s,Bulk %s,%.6f,%.6f,water\n", $1, $1, $2 + 0.0003, $3 + 0.0002}' \
  "$data/stations_10k.csv" >"$bulk_csv"

for n in 10k 1m; do
  packed="$out/stations_$n.gpkg"
  [ -s "$packed" ] || "$bin" import "$data/stations_$n.csv" --districts none --out "$packed" >/dev/null
  store="$out/writes_store_$n.gpkg"
  cp "$packed" "$store"
  url="http://127.0.0.1:$port"
  "$bin" serve --data "$store" --districts none --port "$port" --poll-interval 0 \
    --tokens-file "$out/writes_tokens.txt" >"$out/writes_serve_$n.log" 2>&1 &
  pid=$!
  wait_up "$url/healthz"
  tag="$n-$(date +%s)"

  # Reload first, on the freshly loaded data: the old snapshot serves until the new one is
  # published; the peak RSS during it against the steady RSS after start.
  steady=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  echo 5 >"/proc/$pid/clear_refs"
  before=$(grep -c "SIGHUP, reloaded" "$out/writes_serve_$n.log" || true)
  t0=$(date +%s.%N)
  kill -HUP "$pid"
  for _ in $(seq 1 1200); do
    [ "$(grep -c "SIGHUP, reloaded" "$out/writes_serve_$n.log" || true)" -gt "$before" ] && break
    curl -sf -o /dev/null "$url/v1/stations/nearest?lon=116.4&lat=39.9&k=1" || { echo "a query failed during the reload" >&2; exit 1; }
    sleep 0.05
  done
  reload_s=$(echo "$(date +%s.%N) - $t0" | bc)
  peak=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  row "$n" "reload time (queries answered throughout)" "$reload_s" "s"
  row "$n" "steady RSS before reload" "$((steady / 1024))" "MiB"
  row "$n" "peak RSS during reload" "$((peak / 1024))" "MiB"
  row "$n" "reload peak / steady" "$(echo "scale=2; $peak / $steady" | bc)" "ratio"

  o=$(wrk -t1 -c1 -d"${duration}s" -s scripts/wrk_put.lua "$url" -- "$token" 0 "$tag-a" 2>&1)
  echo "$o" >"$out/writes_single_$n.txt"
  row "$n" "single writes, 1 client" "$(rps_of "$o")" "writes/s"
  row "$n" "single write p50, 1 client" "$(field p50_ms "$o")" "ms"
  row "$n" "single write p99, 1 client" "$(field p99_ms "$o")" "ms"
  [ "$(field non2xx "$o")" = 0 ] || echo "warning: $(field non2xx "$o") writes failed" >&2

  o=$(wrk -t2 -c16 -d"${duration}s" -s scripts/wrk_put.lua "$url" -- "$token" 0 "$tag-b" 2>&1)
  echo "$o" >"$out/writes_group_$n.txt"
  row "$n" "single writes, 16 clients (group commit)" "$(rps_of "$o")" "writes/s"
  row "$n" "write p99, 16 clients" "$(field p99_ms "$o")" "ms"

  o=$(wrk -t2 -c64 -d"${duration}s" -s scripts/wrk_nearest.lua "$url" -- "$data/queries_10k.csv" 2>&1)
  base_rps=$(rps_of "$o")
  row "$n" "queries alone, 64 connections" "$base_rps" "req/s"

  # ~50 writes/s (two clients, 30 ms between each one's writes) during the same query load.
  wrk -t1 -c2 -d"${duration}s" -s scripts/wrk_put.lua "$url" -- "$token" 30 "$tag-c" \
    >"$out/writes_paced_$n.txt" 2>&1 &
  writer=$!
  o=$(wrk -t2 -c64 -d"${duration}s" -s scripts/wrk_nearest.lua "$url" -- "$data/queries_10k.csv" 2>&1)
  wait "$writer"
  paced=$(cat "$out/writes_paced_$n.txt")
  loaded_rps=$(rps_of "$o")
  row "$n" "queries during ~50 writes/s, 64 connections" "$loaded_rps" "req/s"
  row "$n" "query throughput kept" "$(echo "scale=3; $loaded_rps / $base_rps" | bc)" "ratio"
  row "$n" "paced writes achieved" "$(rps_of "$paced")" "writes/s"
  row "$n" "write p50 under 64-connection query load" "$(field p50_ms "$paced")" "ms"
  row "$n" "write p99 under 64-connection query load" "$(field p99_ms "$paced")" "ms"

  t=$(curl -s -o "$out/bulk_answer_$n.json" -w '%{time_total}' -X POST \
    -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary @"$bulk_csv" "$url/v1/stations/bulk")
  grep -q '"received":10000' "$out/bulk_answer_$n.json" || { cat "$out/bulk_answer_$n.json"; exit 1; }
  row "$n" "bulk upsert of 10,000 stations" "$t" "s"
  merges=$(curl -sf "$url/metrics" | awk '/^stationfinder_merges_total/{print $2}')
  row "$n" "background merges during the run" "$merges" "merges"

  stop
done
trap - EXIT
echo "results: $results"
