-- wrk script: GET /v1/stations/nearest for the peers' 10k random query points, in turn.
-- Usage: wrk -s scripts/wrk_nearest.lua URL -- QUERIES_CSV [EXTRA_QUERY]
local paths = {}
local counter = 0

function init(args)
  local file = args[1] or "/tmp/peers-work/data/queries_10k.csv"
  local extra = args[2] or ""
  for line in io.lines(file) do
    local lon, lat = line:match("^%d+,([%d%.%-]+),([%d%.%-]+)")
    if lon then
      paths[#paths + 1] = "/v1/stations/nearest?lon=" .. lon .. "&lat=" .. lat .. "&k=5" .. extra
    end
  end
  counter = math.random(#paths)  -- each wrk thread starts at its own place
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("non2xx %d\n", summary.errors.status))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read +
                                                 summary.errors.write + summary.errors.timeout))
end
