// What the write path counts, for whoever reports it (the HTTP server's /metrics).
#pragma once

#include <atomic>
#include <cstdint>

namespace sf {

struct WriteCounters {
  std::atomic<uint64_t> failed_writes{0};
  std::atomic<uint64_t> write_commits{0};       // store transactions of station writes
  std::atomic<uint64_t> stations_written{0};    // station changes they held
  std::atomic<uint64_t> merges{0};              // change layers folded into a new base
  std::atomic<uint64_t> replicated_changes{0};  // changes picked up from other replicas
};

}  // namespace sf
