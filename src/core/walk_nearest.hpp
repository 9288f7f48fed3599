// Stations on the street network and the k nearest of them by walk. Each station's access is
// its snap (none beyond max_snap_m: unreachable by walk); stations are grouped by segment, so
// a Dijkstra from the query's snap meets them as it settles the ends of their segments. A walk
// is the query's snap leg + along the streets + the station's snap leg.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/function_ref.hpp"
#include "core/walk_graph.hpp"
#include "core/walk_search.hpp"

namespace sf {

class StationsOnNetwork {
 public:
  struct OnSegment {
    uint32_t station;
    double along_m;  // from the segment's node a
    double snap_m;
  };
  StationsOnNetwork(const WalkGraph& graph, std::span<const LonLat> positions, double max_snap_m);
  // From snaps made already (none: unreachable, or no station in that slot).
  StationsOnNetwork(const WalkGraph& graph, std::vector<std::optional<WalkGraph::Snap>> snaps);

  const std::optional<WalkGraph::Snap>& snap(uint32_t station) const { return snaps_[station]; }
  size_t unreachable() const { return unreachable_; }
  size_t size() const { return snaps_.size(); }  // stations, reachable or not
  std::span<const OnSegment> on_segment(uint32_t segment) const {
    return {list_.data() + offsets_[segment], list_.data() + offsets_[segment + 1]};
  }

 private:
  std::vector<std::optional<WalkGraph::Snap>> snaps_;
  std::vector<uint32_t> offsets_;  // per segment, CSR into list_
  std::vector<OnSegment> list_;
  size_t unreachable_ = 0;
};

struct WalkHit {
  uint32_t station;
  double walk_m;  // both snap legs included
};

// The k nearest stations by walk from `from` (the query's snap) that `accept` takes, within
// max_m metres of walk, nearest first, ties by station index. Exact with respect to the graph:
// a station is final once no node left to settle could reach it shorter.
std::vector<WalkHit> nearest_by_walk(WalkSearch& search, const WalkGraph& graph,
                                     const StationsOnNetwork& stations, const WalkGraph::Snap& from,
                                     size_t k, double max_m, FunctionRef<bool(uint32_t)> accept);

}  // namespace sf
