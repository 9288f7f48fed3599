#include "core/walk_nearest.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

namespace sf {

namespace {

std::vector<std::optional<WalkGraph::Snap>> snap_all(const WalkGraph& graph,
                                                     std::span<const LonLat> positions,
                                                     double max_snap_m) {
  std::vector<std::optional<WalkGraph::Snap>> snaps;
  snaps.reserve(positions.size());
  for (const LonLat& p : positions) snaps.push_back(graph.snap(p, max_snap_m));
  return snaps;
}

}  // namespace

StationsOnNetwork::StationsOnNetwork(const WalkGraph& graph, std::span<const LonLat> positions,
                                     double max_snap_m)
    : StationsOnNetwork(graph, snap_all(graph, positions, max_snap_m)) {}

StationsOnNetwork::StationsOnNetwork(const WalkGraph& graph,
                                     std::vector<std::optional<WalkGraph::Snap>> snaps)
    : snaps_(std::move(snaps)) {
  offsets_.assign(graph.segment_count() + 1, 0);
  for (const auto& snap : snaps_) {
    if (snap) {
      ++offsets_[snap->segment + 1];
    } else {
      ++unreachable_;
    }
  }
  for (size_t s = 1; s < offsets_.size(); ++s) offsets_[s] += offsets_[s - 1];
  list_.resize(offsets_.back());
  std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (uint32_t i = 0; i < snaps_.size(); ++i) {
    if (const auto& s = snaps_[i]) list_[fill[s->segment]++] = {i, s->along_m, s->snap_m};
  }
}

std::vector<WalkHit> nearest_by_walk(WalkSearch& search, const WalkGraph& graph,
                                     const StationsOnNetwork& stations, const WalkGraph::Snap& from,
                                     size_t k, double max_m, FunctionRef<bool(uint32_t)> accept) {
  std::vector<WalkHit> out;
  if (k == 0 || from.snap_m > max_m) return out;
  // Candidates by their walk without the query's own snap leg (the same for all of them).
  using Candidate = std::pair<double, uint32_t>;
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> candidates;
  std::unordered_map<uint32_t, double> best;  // per station met: its shortest candidate
  const double limit = max_m - from.snap_m;
  auto offer = [&](uint32_t station, double key) {
    if (key > limit) return;
    auto [it, fresh] = best.try_emplace(station, key);
    if (!fresh && it->second <= key) return;
    it->second = key;
    candidates.emplace(key, station);
  };
  // Take every candidate that nothing settled later can beat (key below `settled_m`).
  auto finalize = [&](double settled_m) {
    while (!candidates.empty() && out.size() < k && candidates.top().first < settled_m) {
      const auto [key, station] = candidates.top();
      candidates.pop();
      if (best[station] != key || !accept(station)) continue;
      best[station] = -1;  // final
      out.push_back({station, key + from.snap_m});
    }
    return out.size() < k;
  };
  for (const auto& s : stations.on_segment(from.segment))
    offer(s.station, std::abs(s.along_m - from.along_m) + s.snap_m);
  search.run(from, limit, [&](uint32_t node, double d) {
    if (!finalize(d)) return false;
    for (const WalkGraph::Edge& e : graph.edges_from(node)) {
      const bool at_a = graph.segment_nodes(e.segment).first == node;
      const double length = graph.segment_length_m(e.segment);
      for (const auto& s : stations.on_segment(e.segment))
        offer(s.station, d + (at_a ? s.along_m : std::max(0.0, length - s.along_m)) + s.snap_m);
    }
    return true;
  });
  finalize(INFINITY);
  return out;
}

}  // namespace sf
