#include "http/metrics.hpp"

#include <cstdio>

namespace sf::http {

namespace {

// Prometheus label values escape backslash, double quote and line feed.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

size_t Metrics::add_route(const std::string& route) {
  routes_.emplace_back(route);
  return routes_.size() - 1;
}

void Metrics::record(size_t slot, int status, double seconds) {
  Route& r = routes_[slot];
  size_t s = kStatuses.size();
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) {
      s = i;
      break;
    }
  }
  r.by_status[s].fetch_add(1, std::memory_order_relaxed);
  size_t b = kBuckets.size();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      b = i;
      break;
    }
  }
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::render(const std::string& gauges) const {
  std::string out;
  char buf[96];
  out += "# HELP stationfinder_requests_total HTTP requests by route and status.\n";
  out += "# TYPE stationfinder_requests_total counter\n";
  for (const Route& r : routes_) {
    for (size_t i = 0; i <= kStatuses.size(); ++i) {
      const uint64_t n = r.by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = i < kStatuses.size() ? std::to_string(kStatuses[i]) : "other";
      out += "stationfinder_requests_total{route=\"" + label(r.name) + "\",status=\"" + status +
             "\"} " + std::to_string(n) + "\n";
    }
  }
  out += "# HELP stationfinder_request_duration_seconds Time from routing to the handler's end.\n";
  out += "# TYPE stationfinder_request_duration_seconds histogram\n";
  for (const Route& r : routes_) {
    const uint64_t count = r.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string name = label(r.name);
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += r.buckets[i].load(std::memory_order_relaxed);
      if (i < kBuckets.size()) {
        std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      } else {
        std::snprintf(buf, sizeof buf, "+Inf");
      }
      out += "stationfinder_request_duration_seconds_bucket{route=\"" + name + "\",le=\"" + buf +
             "\"} " + std::to_string(cumulative) + "\n";
    }
    std::snprintf(buf, sizeof buf, "%.6f",
                  static_cast<double>(r.micros.load(std::memory_order_relaxed)) / 1e6);
    out += "stationfinder_request_duration_seconds_sum{route=\"" + name + "\"} " + buf + "\n";
    out += "stationfinder_request_duration_seconds_count{route=\"" + name + "\"} " +
           std::to_string(count) + "\n";
  }
  out += "# HELP stationfinder_reloads_total Dataset reloads published.\n";
  out += "# TYPE stationfinder_reloads_total counter\n";
  out += "stationfinder_reloads_total " + std::to_string(reloads.load()) + "\n";
  out += "# HELP stationfinder_failed_writes_total Writes that were refused or failed.\n";
  out += "# TYPE stationfinder_failed_writes_total counter\n";
  out += "stationfinder_failed_writes_total " + std::to_string(writes.failed_writes.load()) + "\n";
  const std::pair<const char*, const std::atomic<uint64_t>*> counters[] = {
      {"write_commits_total Store transactions that committed station writes.",
       &writes.write_commits},
      {"stations_written_total Station changes those transactions held.", &writes.stations_written},
      {"merges_total Change layers folded into a new packed base.", &writes.merges},
      {"replicated_changes_total Station changes picked up from other replicas.",
       &writes.replicated_changes}};
  for (const auto& [help, value] : counters) {
    const std::string text(help);
    const std::string name = "stationfinder_" + text.substr(0, text.find(' '));
    out += "# HELP " + name + text.substr(text.find(' ')) + "\n";
    out += "# TYPE " + name + " counter\n";
    out += name + " " + std::to_string(value->load()) + "\n";
  }
  out += "# HELP stationfinder_coverage_refused_total Coverage jobs refused with 503.\n";
  out += "# TYPE stationfinder_coverage_refused_total counter\n";
  out += "stationfinder_coverage_refused_total " + std::to_string(coverage_refused.load()) + "\n";
  out += gauges;
  return out;
}

}  // namespace sf::http
