// Walking distances over a WalkGraph from one snapped point: a Dijkstra bounded by a distance,
// seeded at the two ends of the point's segment. The walk to another snapped point is then
// exact with respect to the graph: along the shared segment directly when both lie on it,
// else in through either end of the target's segment, whichever is shorter. One WalkSearch
// is reused query after query by one thread (its arrays are reset by what the last run
// touched, not cleared whole).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <utility>
#include <vector>

#include "core/function_ref.hpp"
#include "core/walk_graph.hpp"

namespace sf {

class WalkSearch {
 public:
  static constexpr double kUnreached = std::numeric_limits<double>::infinity();

  explicit WalkSearch(const WalkGraph& graph);

  // Settles every node within max_m metres along the streets from the snapped point (its
  // straight snap leg not included).
  void run(const WalkGraph::Snap& from, double max_m);
  // The same, calling on_settle(node, metres) as each node is settled, nearest first, before
  // its edges are followed; the search stops when it returns false.
  void run(const WalkGraph::Snap& from, double max_m,
           FunctionRef<bool(uint32_t, double)> on_settle);

  // Metres along the streets from the point to node n; kUnreached beyond max_m.
  double to_node(uint32_t n) const { return settled_[n] ? dist_[n] : kUnreached; }
  // Metres along the streets from the point to another snapped point (neither snap leg
  // included); kUnreached when that is beyond max_m.
  double to_snap(const WalkGraph::Snap& target) const;
  // The nodes settled by the last run, nearest first.
  const std::vector<uint32_t>& settled() const { return order_; }
  // The node before n on its shortest walk (n itself for the two seeds).
  uint32_t parent(uint32_t n) const { return parent_[n]; }

 private:
  const WalkGraph& graph_;
  WalkGraph::Snap from_{};
  double max_m_ = 0;
  std::vector<double> dist_;
  std::vector<uint32_t> parent_;
  std::vector<bool> settled_;
  std::vector<uint32_t> touched_;
  std::vector<uint32_t> order_;
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
};

// The walk the last run found from `from` (at `from_point`) to `to` (at `to_point`), as the
// points to draw: the query point, its snap, the nodes along the streets, the target's snap
// and the target; empty when the target was not reached.
std::vector<LonLat> walk_path(const WalkSearch& search, const WalkGraph& graph, LonLat from_point,
                              const WalkGraph::Snap& from, LonLat to_point,
                              const WalkGraph::Snap& to);

// WalkSearches over one graph, lent to one query at a time: a server keeps as many as ran at
// once (each holds arrays the size of the graph), not one per thread.
class WalkSearchPool {
 public:
  explicit WalkSearchPool(const WalkGraph& graph) : graph_(graph) {}

  class Lease {
   public:
    Lease(const WalkSearchPool& pool, std::unique_ptr<WalkSearch> search)
        : pool_(pool), search_(std::move(search)) {}
    ~Lease() { pool_.give_back(std::move(search_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    WalkSearch& operator*() const { return *search_; }

   private:
    const WalkSearchPool& pool_;
    std::unique_ptr<WalkSearch> search_;
  };
  Lease acquire() const;

 private:
  void give_back(std::unique_ptr<WalkSearch> search) const;
  const WalkGraph& graph_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<WalkSearch>> free_;
};

}  // namespace sf
