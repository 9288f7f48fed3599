# What the wrk benchmark scripts share (sourced, not run): the peers' deterministic data, the
# Release build, the results file ($results: what, stations, connections, req/s, p50 ms, p99 ms,
# non-2xx), the server they start ($pid) and its stop, waiting until it answers, and wrk over a
# list of paths. The sourcing script sets $port and $results_name.
work="${PEERS_WORK:-/tmp/peers-work}"
data="$work/data"
out="$work/sf"
duration="${DURATION:-10}"
mkdir -p "$out"
scripts/install-deps.sh wrk python3-numpy gdal-bin
if [ ! -s "$data/stations_10k.csv" ] || [ ! -s "$data/stations_1m.csv" ]; then
  /usr/bin/python3 ../shared/peers/gen_data.py --out "$data"
fi
scripts/build.sh release stationfinder
bin=build/release/stationfinder
results="$out/$results_name"
printf 'what\tstations\tconnections\treq_per_s\tp50_ms\tp99_ms\tnon2xx\n' > "$results"

pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop EXIT
wait_up() {  # URL: the server just started (as $pid) answers, not another one left on the port
  for _ in $(seq 1 3000); do  # 1M stations placed on the streets take a while
    kill -0 "$pid" 2>/dev/null || { echo "the server exited (port $port taken?)" >&2; exit 1; }
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "server did not come up" >&2; exit 1
}
if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
  echo "port $port is taken: stop what listens there first" >&2; exit 1
fi

# wrk over a list of paths (one a line), each connection walking the list.
cat > "$out/paths.lua" <<'LUA'
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = math.random(#paths)
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function done(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\nnon2xx %d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
LUA

run_wrk() {  # WHAT STATIONS CONNECTIONS PATHS_FILE
  local o threads=$(( $3 < 2 ? $3 : 2 ))  # wrk wants a connection a thread at least
  o=$(wrk -t"$threads" -c"$3" -d"${duration}s" --latency -s "$out/paths.lua" \
    "http://127.0.0.1:$port" -- "$4" 2>&1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" \
    "$(awk '/^Requests\/sec/{printf "%.0f", $2}' <<<"$o")" "$(awk '/^p50_ms/{print $2}' <<<"$o")" \
    "$(awk '/^p99_ms/{print $2}' <<<"$o")" "$(awk '/^non2xx/{print $2}' <<<"$o")" | tee -a "$results"
}
