#!/usr/bin/env bash
# What the hardening costs and buys, side by side in one run (docs/BENCHMARKS.md):
# - wrk GET /v1/stations/nearest at 16, 64 and 256 connections against the server before the
#   hardening (BEFORE_REV, built in a worktree) and now, alternating, two rounds;
# - through the public front (nginx, deploy/nginx-public.conf) at 256 connections, without
#   and with 2,000 idle, 2,000 slow-header and 600 slow-body connections hanging, saturating
#   (wrk, closed loop) and at fixed rates (sf_loadgen --rate, open loop: latency counted from
#   when each request was due); and the server alone under the same attack.
# Bounded: each wrk run lasts DURATION seconds (default 10), loopback only.
# Usage: scripts/bench_hardening.sh   (results: $WORK/hardening.tsv, default /tmp/sf-hardening)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
before_rev="${BEFORE_REV:-4834c37}"
duration="${DURATION:-10}"
work="${WORK:-/tmp/sf-hardening}"
mkdir -p "$work"
scripts/install-deps.sh wrk nginx-light
scripts/build.sh release stationfinder sf_loadgen
now_bin="$root/build/release/stationfinder"
loadgen="$root/build/release/tests/sf_loadgen"
if [ ! -x "$work/before/build/release/stationfinder" ]; then
  rm -rf "$work/before"
  git worktree add -f "$work/before" "$before_rev" >/dev/null
  (cd "$work/before" && cmake --preset release >/dev/null &&
    cmake --build build/release -j "$(nproc)" --target stationfinder >/dev/null)
fi
before_bin="$work/before/build/release/stationfinder"
# 10,000 query points over Beijing's bounding box, the same every run.
awk 'BEGIN { srand(20261201); for (i = 0; i < 10000; i++)
  printf "%d,%.6f,%.6f\n", i, 115.42 + rand() * 2.08, 39.44 + rand() * 1.62 }' >"$work/queries.csv"
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
results="$work/hardening.tsv"
printf 'target\tconnections\tattack\treq_per_s\tp50_ms\tp99_ms\tnon2xx\tsocket_errors\n' >"$results"
paths=()
while IFS=, read -r _ lon lat; do paths+=(--path "/v1/stations/nearest?lon=$lon&lat=$lat&k=5"); done < <(head -200 "$work/queries.csv")
run_rate() {  # TARGET RATE ATTACK HOST:PORT
  local o
  o=$("$loadgen" probe --to "$4" --connections 256 --seconds "$duration" --rate "$2" --deadline 10 "${paths[@]}")
  printf '%s\t256\t%s\t%s (offered %s)\t%s\t%s\t%s\t%s\n' "$1" "$3" \
    "$(awk -v n="$(grep -oE '"answered":[0-9]+' <<<"$o" | cut -d: -f2)" -v d="$duration" 'BEGIN{printf "%.0f", n/d}')" "$2" \
    "$(grep -oE '"p50_ms":[0-9.]+' <<<"$o" | cut -d: -f2)" "$(grep -oE '"p99_ms":[0-9.]+' <<<"$o" | cut -d: -f2)" \
    "$(grep -oE '"status":\{[^}]*\}' <<<"$o" | grep -oE '"[1-9][0-9]{2}":[0-9]+' | grep -v '"200"' | awk -F: '{ s += $2 } END { print s + 0 }')" \
    "$(grep -oE '"lost_connects":[0-9]+' <<<"$o" | cut -d: -f2)" | tee -a "$results"
}
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stop EXIT

wait_up() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }
run_wrk() {  # TARGET CONNECTIONS ATTACK URL
  local o
  o=$(wrk -t2 -c"$2" -d"${duration}s" --latency -s scripts/wrk_nearest.lua "$4" -- "$work/queries.csv" 2>&1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" \
    "$(awk '/^Requests\/sec/{printf "%.0f", $2}' <<<"$o")" "$(awk '/^p50_ms/{print $2}' <<<"$o")" \
    "$(awk '/^p99_ms/{print $2}' <<<"$o")" "$(awk '/^non2xx/{print $2}' <<<"$o")" \
    "$(awk '/^socket_errors/{print $2}' <<<"$o")" | tee -a "$results"
}
attack() {  # HOST:PORT SECONDS
  "$loadgen" hold --to "$1" --from 127.0.0.2 --idle 2000 --seconds "$2" >/dev/null &
  pids+=($!)
  "$loadgen" hold --to "$1" --from 127.0.0.3 --slow-header 2000 --seconds "$2" >/dev/null &
  pids+=($!)
  "$loadgen" hold --to "$1" --from 127.0.0.4 --slow-body 600 --seconds "$2" >/dev/null &
  pids+=($!)
  sleep 3
}

export STATIONFINDER_STATE_DIR="$work/state"
"$before_bin" serve --port 58191 >"$work/before.log" 2>&1 &
pids+=($!)
"$now_bin" serve --port 58192 >"$work/now.log" 2>&1 &
pids+=($!)
wait_up http://127.0.0.1:58191/healthz
wait_up http://127.0.0.1:58192/healthz
for round in 1 2; do
  for c in 16 64 256; do
    run_wrk "before ($before_rev)" "$c" none http://127.0.0.1:58191
    run_wrk "now" "$c" none http://127.0.0.1:58192
  done
done
attack 127.0.0.1:58192 $((duration + 8))
run_wrk "now, server alone" 256 "2,000 idle + 2,000 slow-header + 600 slow-body" http://127.0.0.1:58192
stop

scripts/public_front.sh "$now_bin" --listen 127.0.0.1:58193 >"$work/front.log" 2>&1 &
pids+=($!)
wait_up http://127.0.0.1:58193/healthz
run_wrk "now, through nginx" 256 none http://127.0.0.1:58193
for rate in 2000 5000 8000; do run_rate "now, through nginx, open loop" "$rate" none 127.0.0.1:58193; done
attack 127.0.0.1:58193 $((4 * duration + 20))
run_wrk "now, through nginx" 256 "2,000 idle + 2,000 slow-header + 600 slow-body" http://127.0.0.1:58193
for rate in 2000 5000 8000; do
  run_rate "now, through nginx, open loop" "$rate" "2,000 idle + 2,000 slow-header + 600 slow-body" 127.0.0.1:58193
done
stop
echo "results: $results"
