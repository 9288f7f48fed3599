#!/usr/bin/env bash
# Soak: mixed load on a real server for SECONDS (default 30; docs/BENCHMARKS.md has a 5-minute
# run): nearest, boxes, batch nearest, along-route, coverage gaps and the district report,
# station writes (PUT, PATCH, DELETE) through the store, and a SIGHUP reload every 5 s. Zero
# 5xx, every request answered, and RSS flat after warm-up (at the end at most 1.5x its value
# after the first fifth of the run). Prints p50/p99 and the RSS series.
# Usage: soak.sh STATIONFINDER SF_LOADGEN [SECONDS]
set -euo pipefail
bin="$1"
loadgen="$2"
seconds="${3:-${SOAK_SECONDS:-30}}"
cd "$(dirname "$0")/../.."
source tests/cli/start_server.sh
work=$(mktemp -d)
export STATIONFINDER_STATE_DIR="$work/state"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
token="soak-token-0123456789abcdef"
echo "soak:$token" >"$work/tokens.txt"
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$server_pid/status"; }

# The mix: reads dominate, as in use; writes touch 50 stations of their own.
{
  for i in $(seq 0 39); do
    lon=$(awk -v i="$i" 'BEGIN { printf "%.4f", 116.20 + (i * 37 % 40) * 0.01 }')
    lat=$(awk -v i="$i" 'BEGIN { printf "%.4f", 39.75 + (i * 11 % 40) * 0.008 }')
    echo "GET /v1/stations/nearest?lon=$lon&lat=$lat&k=5&amenities=toilet"
    echo "GET /v1/stations/nearest?lon=$lon&lat=$lat&k=20&open_now=true&at=2026-11-25T22:00&format=geojson"
    echo "GET /v1/stations?bbox=$lon,$lat,$(awk -v x="$lon" 'BEGIN{print x+0.03}'),$(awk -v y="$lat" 'BEGIN{print y+0.02}')&limit=100"
  done
  echo 'POST /v1/stations/nearest?k=3 {"points":[[116.40,39.90],[116.45,39.95],[116.30,39.85]]}'
  echo 'POST /v1/stations/along-route?buffer_m=300 {"type":"LineString","coordinates":[[116.30,39.90],[116.40,39.91],[116.50,39.93]]}'
  echo 'GET /v1/coverage/gaps?district=Dongcheng&radius_m=500&cell_m=200&format=json'
  echo 'GET /v1/coverage/districts?cell_m=1000'
  echo 'GET /v1/stations?district=Xicheng&zoom=12&format=geojson'
  for i in $(seq 0 49); do
    echo "PUT /v1/stations/soak-$i {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.3$i,39.9$i]},\"properties\":{\"name\":\"Soak $i\",\"amenities\":[\"water\"]}}"
    if [ $((i % 5)) -eq 0 ]; then
      echo "PATCH /v1/stations/soak-$i {\"properties\":{\"opening_hours\":\"24/7\"}}"
      echo "DELETE /v1/stations/soak-$i"
    fi
  done
} >"$work/mix.txt"

start_server soak --tokens-file "$work/tokens.txt" --threads 64 --poll-interval 1 --coverage-queue 64 --access-log "$work/access.log"
addr="127.0.0.1:${url##*:}"
"$loadgen" probe --to "$addr" --connections 16 --seconds "$seconds" --deadline 30 \
  --header "Authorization: Bearer $token" --mix "$work/mix.txt" >"$work/probe.json" &
probe=$!
warm_at=$(awk -v s="$seconds" 'BEGIN { printf "%d", s / 5 < 1 ? 1 : s / 5 }')
series=""
warm=""
start=$(date +%s)
while kill -0 "$probe" 2>/dev/null; do
  sleep 1
  t=$(( $(date +%s) - start ))
  kill -0 "$server_pid" || fail "the server died"
  if [ $((t % 5)) -eq 0 ]; then kill -HUP "$server_pid"; fi
  rss=$(rss_kb)
  series="$series $t:$rss"
  if [ -z "$warm" ] && [ "$t" -ge "$warm_at" ]; then warm=$rss; fi
done
wait "$probe" || fail "requests went unanswered: $(cat "$work/probe.json")"
out=$(cat "$work/probe.json")
if grep -qE '"5[0-9][0-9]"' <<<"$out"; then
  fail "5xx answers: $out; for example: $(grep -h '"status":5' "$work/access.log" | head -3)"
fi
end_rss=$(rss_kb)
echo "soak ${seconds} s: $out"
echo "RSS (s:kB):$series"
reloads=$(grep -c "SIGHUP, reloaded" "$work/soak.err" || true)
echo "reloads: $reloads, RSS after warm-up ${warm} kB, at the end ${end_rss} kB"
[ "$reloads" -ge $((seconds / 5 - 1)) ] || fail "only $reloads reloads: $(grep SIGHUP "$work/soak.err" | tail -3)"
[ "$end_rss" -le $((warm * 3 / 2)) ] || fail "RSS grew from ${warm} kB to ${end_rss} kB"
echo "soak: all checks passed"
