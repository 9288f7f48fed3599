#include "core/walk_search.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

WalkSearch::WalkSearch(const WalkGraph& graph)
    : graph_(graph),
      dist_(graph.node_count(), kUnreached),
      parent_(graph.node_count(), 0),
      settled_(graph.node_count(), false) {}

void WalkSearch::run(const WalkGraph::Snap& from, double max_m) {
  run(from, max_m, [](uint32_t, double) { return true; });
}

void WalkSearch::run(const WalkGraph::Snap& from, double max_m,
                     FunctionRef<bool(uint32_t, double)> on_settle) {
  for (uint32_t n : touched_) {
    dist_[n] = kUnreached;
    settled_[n] = false;
  }
  touched_.clear();
  order_.clear();
  heap_ = {};
  from_ = from;
  max_m_ = max_m;
  auto reach = [this](uint32_t n, double d, uint32_t via) {
    if (d > max_m_ || d >= dist_[n]) return;
    if (dist_[n] == kUnreached) touched_.push_back(n);
    dist_[n] = d;
    parent_[n] = via;
    heap_.emplace(d, n);
  };
  const auto [a, b] = graph_.segment_nodes(from.segment);
  const double length = graph_.segment_length_m(from.segment);
  reach(a, from.along_m, a);
  reach(b, std::max(0.0, length - from.along_m), b);
  while (!heap_.empty()) {
    const auto [d, n] = heap_.top();
    heap_.pop();
    if (settled_[n] || d > dist_[n]) continue;
    settled_[n] = true;
    order_.push_back(n);
    if (!on_settle(n, d)) return;
    for (const WalkGraph::Edge& e : graph_.edges_from(n)) {
      if (!settled_[e.to]) reach(e.to, d + e.length_m, n);
    }
  }
}

double WalkSearch::to_snap(const WalkGraph::Snap& target) const {
  const auto [a, b] = graph_.segment_nodes(target.segment);
  const double length = graph_.segment_length_m(target.segment);
  double best =
      std::min(to_node(a) + target.along_m, to_node(b) + std::max(0.0, length - target.along_m));
  if (target.segment == from_.segment)
    best = std::min(best, std::abs(target.along_m - from_.along_m));
  return best <= max_m_ ? best : kUnreached;
}

std::vector<LonLat> walk_path(const WalkSearch& search, const WalkGraph& graph, LonLat from_point,
                              const WalkGraph::Snap& from, LonLat to_point,
                              const WalkGraph::Snap& to) {
  const auto [a, b] = graph.segment_nodes(to.segment);
  const double length = graph.segment_length_m(to.segment);
  const double via_a = search.to_node(a) + to.along_m;
  const double via_b = search.to_node(b) + std::max(0.0, length - to.along_m);
  const double direct =
      to.segment == from.segment ? std::abs(to.along_m - from.along_m) : WalkSearch::kUnreached;
  std::vector<LonLat> path{from_point, graph.point_at(from)};
  if (direct <= via_a && direct <= via_b) {
    if (direct == WalkSearch::kUnreached) return {};
  } else {
    std::vector<uint32_t> chain{via_a <= via_b ? a : b};
    while (search.parent(chain.back()) != chain.back())
      chain.push_back(search.parent(chain.back()));
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) path.push_back(graph.node(*it));
  }
  path.push_back(graph.point_at(to));
  path.push_back(to_point);
  return path;
}

WalkSearchPool::Lease WalkSearchPool::acquire() const {
  std::unique_ptr<WalkSearch> search;
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      search = std::move(free_.back());
      free_.pop_back();
    }
  }
  if (!search) search = std::make_unique<WalkSearch>(graph_);
  return Lease(*this, std::move(search));
}

void WalkSearchPool::give_back(std::unique_ptr<WalkSearch> search) const {
  if (!search) return;
  std::lock_guard lock(mutex_);
  free_.push_back(std::move(search));
}

}  // namespace sf
