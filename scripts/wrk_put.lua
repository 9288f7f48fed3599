-- wrk script: authenticated station writes, PUT /v1/stations/{id} with a new id each time (so
-- every request adds a station; ids are unique per thread and run), optionally paced.
-- Usage: wrk -s scripts/wrk_put.lua URL -- TOKEN [DELAY_MS] [RUN_TAG]
local token, delay_ms, tag = "", 0, ""
local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function init(args)
  token = args[1] or ""
  delay_ms = tonumber(args[2] or "0") or 0
  tag = args[3] or tostring(os.time())
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local lon = 116.0 + (counter % 1000) * 0.0007
  local lat = 39.7 + (counter % 997) * 0.0006
  local id = string.format("w-%s-%d-%d", tag, thread_id, counter)
  local body = string.format(
    '{"type":"Feature","geometry":{"type":"Point","coordinates":[%.6f,%.6f]},' ..
    '"properties":{"name":"Bench write %d","amenities":["water"]}}', lon, lat, counter)
  return wrk.format("PUT", "/v1/stations/" .. id,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/geo+json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("non2xx %d\n", summary.errors.status))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read +
                                                 summary.errors.write + summary.errors.timeout))
end
