// Request metrics for /metrics (Prometheus text format 0.0.4): per route and status a counter,
// per route a latency histogram; plus gauges the server sets (stations loaded, dataset
// version, reloads, failed writes, coverage refusals). Lock-free on the request path: each
// route gets its own block of atomics when it is registered, before serving starts.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <string>

#include "service/write_counters.hpp"

namespace sf::http {

class Metrics {
 public:
  static constexpr std::array<int, 12> kStatuses = {200, 201, 204, 304, 400, 401,
                                                    403, 404, 413, 422, 500, 503};
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

  Metrics() { routes_.emplace_back("unmatched"); }

  // Registers a route (before serving starts); returns its slot for record().
  size_t add_route(const std::string& route);
  // Thread-safe, lock-free.
  void record(size_t slot, int status, double seconds);
  size_t unmatched_slot() const { return 0; }

  std::atomic<uint64_t> reloads{0};
  WriteCounters writes;  // counted by the write path (service/station_writes)
  std::atomic<uint64_t> coverage_refused{0};

  // The exposition; `gauges` is appended as is (the server's own lines).
  std::string render(const std::string& gauges) const;

 private:
  struct Route {
    std::string name;
    std::array<std::atomic<uint64_t>, kStatuses.size() + 1> by_status{};  // last: other
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};     // last: +Inf
    std::atomic<uint64_t> micros{0};
    std::atomic<uint64_t> count{0};
    explicit Route(std::string n) : name(std::move(n)) {}
  };
  std::deque<Route> routes_;  // deque: addresses stay put; [0] is "unmatched"
};

}  // namespace sf::http
