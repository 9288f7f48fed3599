// Walks computed apart from the code under test: a textbook Dijkstra over a WalkGraph's edges
// from both ends of a snap, and the walk to another snap (through either end of its segment,
// or directly along a shared segment), for the tests that check answers by walk.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "core/walk_graph.hpp"

namespace sf::test {

inline std::vector<double> dijkstra(const WalkGraph& g, const WalkGraph::Snap& from) {
  std::vector<double> d(g.node_count(), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  const auto [a, b] = g.segment_nodes(from.segment);
  d[a] = from.along_m;
  d[b] = std::min(d[b], std::max(0.0, g.segment_length_m(from.segment) - from.along_m));
  heap.emplace(d[a], a);
  heap.emplace(d[b], b);
  while (!heap.empty()) {
    const auto [du, u] = heap.top();
    heap.pop();
    if (du > d[u]) continue;
    for (const WalkGraph::Edge& e : g.edges_from(u)) {
      if (du + e.length_m < d[e.to]) heap.emplace(d[e.to] = du + e.length_m, e.to);
    }
  }
  return d;
}

// Both snap legs included; infinite when the target cannot be reached.
inline double walk_m(const WalkGraph& g, const std::vector<double>& d, const WalkGraph::Snap& from,
                     const WalkGraph::Snap& to) {
  const auto [a, b] = g.segment_nodes(to.segment);
  double best = std::min(d[a] + to.along_m, d[b] + g.segment_length_m(to.segment) - to.along_m);
  if (from.segment == to.segment) best = std::min(best, std::abs(from.along_m - to.along_m));
  return from.snap_m + best + to.snap_m;
}

}  // namespace sf::test
