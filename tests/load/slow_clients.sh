#!/usr/bin/env bash
# Slow and idle clients, bursts of connects, and hostile bodies against the real server: alone
# (it must not fall over, must keep its memory bounded and recover within a second when the
# clients go) and behind the public front (scripts/public_front.sh: nginx with
# deploy/nginx-public.conf), where every good request must be answered while 2,000 idle,
# 2,000 slow-header and 600 slow-body connections hang. Attackers come from 127.0.0.2-4, good
# clients from 127.0.0.1. Bounded: about a minute in all, loopback only.
# Usage: slow_clients.sh STATIONFINDER SF_LOADGEN   (exit 77: skipped, nginx missing outside CI)
set -euo pipefail
bin="$1"
loadgen="$2"
cd "$(dirname "$0")/../.."
source tests/cli/start_server.sh
work=$(mktemp -d)
export STATIONFINDER_STATE_DIR="$work/state"
server_pid=""
front_pid=""
holds=()
cleanup() {
  for p in "${holds[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$front_pid" ]; then kill -TERM "$front_pid" 2>/dev/null || true; wait "$front_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Connections are files: about 12,000 at once here (root may raise the hard limit too).
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 12000 ] || fail "this test needs 12,000 open files (ulimit -n is $(ulimit -n))"
json_field() { grep -oE "\"$1\":[0-9.]+" <<<"$2" | head -1 | cut -d: -f2; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$1/status"; }
paths=(--path '/v1/stations/nearest?lon=116.397&lat=39.908&k=5'
       --path '/v1/stations?bbox=116.38,39.90,116.42,39.93&limit=50'
       --path '/v1/meta' --path '/v1/stations/nearest?lon=116.5&lat=40.0&k=3&amenities=toilet')
# Good clients: every request answered (within 10 s), no connect lost, no 5xx.
check_good() {  # DESCRIPTION HOST:PORT SECONDS
  local out
  out=$("$loadgen" probe --to "$2" --from 127.0.0.1 --connections 8 --seconds "$3" --deadline 10 "${paths[@]}") ||
    fail "$1: a good request went unanswered or a connect was lost: $out"
  grep -qE '"5[0-9][0-9]"' <<<"$out" && fail "$1: 5xx answers: $out"
  [ "$(json_field answered "$out")" -gt 0 ] || fail "$1: nothing answered: $out"
  echo "$1: $out"
}
hold() {  # HOST:PORT FROM KIND COUNT SECONDS
  "$loadgen" hold --to "$1" --from "$2" "--$3" "$4" --seconds "$5" >"$work/hold_$3.json" &
  holds+=($!)
}

# --- the server alone -------------------------------------------------------------------
start_server alone --threads 512
addr="127.0.0.1:${url##*:}"
"$loadgen" probe --to "$addr" --connections 4 --requests 400 "${paths[@]}" >/dev/null
rss0=$(rss_kb "$server_pid")
out=$("$loadgen" burst --to "$addr" --connections 1000 --path '/v1/stations/nearest?lon=116.4&lat=39.9&k=1') ||
  fail "a burst of 1,000 connects lost some: $out"
grep -qE '"5[0-9][0-9]"' <<<"$out" && fail "5xx in the burst: $out"
echo "burst of 1,000 connects, server alone: $out"
hold "$addr" 127.0.0.2 idle 2000 12
hold "$addr" 127.0.0.3 slow-header 600 12
hold "$addr" 127.0.0.4 slow-body 600 12
sleep 2
check_good "server alone under 2,000 idle, 600 slow-header and 600 slow-body connections" "$addr" 8
wait "${holds[@]}" 2>/dev/null || true
holds=()
echo "held, server alone: $(cat "$work"/hold_*.json | tr '\n' ' ')"
sleep 1  # the clients are gone: within a second it serves at full speed again
out=$("$loadgen" probe --to "$addr" --connections 8 --requests 800 --deadline 1 "${paths[@]}") ||
  fail "not recovered a second after the slow clients left: $out"
echo "server alone, 1 s after the clients left: $out"
kill -0 "$server_pid" || fail "the server died"
rss1=$(rss_kb "$server_pid")
echo "server alone RSS: warm ${rss0} kB, after the slow clients ${rss1} kB"
[ "$rss1" -le $((rss0 * 3 / 2 + 20000)) ] || fail "RSS grew from ${rss0} kB to ${rss1} kB"
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""

# --- behind the public front (nginx) ----------------------------------------------------
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if [ "${CI:-}" = "true" ]; then fail "CI=true but nginx is missing"; fi
  echo "SKIP: nginx is not installed (apt-get install nginx-light); the server-alone part passed"
  exit 77
fi
# docs/DEPLOY.md shows the configuration the front runs, exactly.
sed -n '/<!-- begin deploy\/nginx-public.conf -->/,/<!-- end deploy\/nginx-public.conf -->/p' docs/DEPLOY.md |
  sed '1,2d;$d' | sed '$d' >"$work/documented.conf"
diff -u deploy/nginx-public.conf "$work/documented.conf" >/dev/null ||
  fail "docs/DEPLOY.md's copy of deploy/nginx-public.conf differs: $(diff -u deploy/nginx-public.conf "$work/documented.conf" | head -20)"
port=""
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || fail "no free port"
front="127.0.0.1:$port"
scripts/public_front.sh "$bin" --listen "$front" >"$work/front.log" 2>&1 &
front_pid=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://$front/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "http://$front/healthz" || fail "the front did not come up: $(cat "$work/front.log")"
check_good "through the front, warm" "$front" 2
# 1,000 at once from four addresses (nginx allows 256 requests in progress per address).
for from in 127.0.0.5 127.0.0.6 127.0.0.7 127.0.0.8; do
  "$loadgen" burst --to "$front" --from "$from" --connections 250 \
    --path '/v1/stations/nearest?lon=116.4&lat=39.9&k=1' >"$work/burst_$from.json" &
  holds+=($!)
done
for p in "${holds[@]}"; do wait "$p" || fail "a burst of 1,000 connects to the front lost some: $(cat "$work"/burst_*.json)"; done
holds=()
if grep -qE '"5[0-9][0-9]"' "$work"/burst_*.json; then
  fail "5xx in the burst: $(cat "$work"/burst_*.json); nginx: $(grep -v limiting "$(ls -d /tmp/stationfinder-public.* | tail -1)"/error.log 2>/dev/null | tail -5)"
fi
echo "burst of 1,000 connects, through the front: $(cat "$work"/burst_*.json | tr '\n' ' ')"
hold "$front" 127.0.0.2 idle 2000 20
hold "$front" 127.0.0.3 slow-header 2000 20
hold "$front" 127.0.0.4 slow-body 600 20
sleep 3
check_good "through the front under 2,000 idle, 2,000 slow-header and 600 slow-body connections" "$front" 12
# Hostile bodies and ranges reach nginx's limits first.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary @<(head -c 2000000 /dev/zero | tr '\0' ' ') "http://$front/v1/stations/nearest")
[ "$code" = 413 ] || fail "a 2 MB body through the front answered $code"
wait "${holds[@]}" 2>/dev/null || true
holds=()
echo "held connections: $(cat "$work"/hold_*.json | tr '\n' ' ')"
echo "slow clients: all checks passed"
