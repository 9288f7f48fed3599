#include "core/walk_coverage.hpp"

#include <algorithm>
#include <queue>
#include <tuple>

namespace sf {

namespace {

// Keeps the best `labels` walks from distinct stations.
void offer(WalkCoverage::Reach& r, int labels, double walk, uint32_t station) {
  for (int k = 0; k < labels; ++k) {
    if (r.station[k] == station) {
      if (walk >= r.walk_m[k]) return;
      // A better walk from a station already held: take it out and insert again below.
      for (int j = k; j + 1 < labels; ++j) {
        r.walk_m[j] = r.walk_m[j + 1];
        r.station[j] = r.station[j + 1];
      }
      r.walk_m[labels - 1] = INFINITY;
      r.station[labels - 1] = UINT32_MAX;
      break;
    }
  }
  for (int k = 0; k < labels; ++k) {
    if (walk < r.walk_m[k] || (walk == r.walk_m[k] && station < r.station[k])) {
      for (int j = labels - 1; j > k; --j) {
        r.walk_m[j] = r.walk_m[j - 1];
        r.station[j] = r.station[j - 1];
      }
      r.walk_m[k] = walk;
      r.station[k] = station;
      return;
    }
  }
}

}  // namespace

WalkCoverage::WalkCoverage(const WalkGraph& graph, const StationsOnNetwork& stations, int labels)
    : graph_(graph), stations_(stations), labels_(std::clamp(labels, 1, kMaxLabels)) {
  const size_t n = graph.node_count(), L = static_cast<size_t>(labels_);
  dist_.assign(n * L, INFINITY);
  source_.assign(n * L, UINT32_MAX);
  std::vector<uint8_t> settled(n, 0);
  using Entry = std::tuple<double, uint32_t, uint32_t>;  // walk, node, station
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (uint32_t s = 0; s < stations.size(); ++s) {
    const auto& snap = stations.snap(s);
    if (!snap) continue;
    const auto [a, b] = graph.segment_nodes(snap->segment);
    heap.emplace(snap->snap_m + snap->along_m, a, s);
    heap.emplace(
        snap->snap_m + std::max(0.0, graph.segment_length_m(snap->segment) - snap->along_m), b, s);
  }
  while (!heap.empty()) {
    const auto [d, node, station] = heap.top();
    heap.pop();
    uint8_t& count = settled[node];
    if (count == L) continue;
    const size_t base = node * L;
    bool held = false;
    for (size_t k = 0; k < count; ++k) held = held || source_[base + k] == station;
    if (held) continue;
    dist_[base + count] = d;
    source_[base + count] = station;
    ++count;
    for (const WalkGraph::Edge& e : graph.edges_from(node)) {
      if (settled[e.to] < L) heap.emplace(d + static_cast<double>(e.length_m), e.to, station);
    }
  }
}

WalkCoverage::Reach WalkCoverage::at(const WalkGraph::Snap& snap) const {
  Reach r;
  const auto [a, b] = graph_.segment_nodes(snap.segment);
  const double to_b = std::max(0.0, graph_.segment_length_m(snap.segment) - snap.along_m);
  const size_t L = static_cast<size_t>(labels_);
  for (size_t k = 0; k < L; ++k) {
    if (source_[a * L + k] != UINT32_MAX)
      offer(r, labels_, dist_[a * L + k] + snap.along_m + snap.snap_m, source_[a * L + k]);
    if (source_[b * L + k] != UINT32_MAX)
      offer(r, labels_, dist_[b * L + k] + to_b + snap.snap_m, source_[b * L + k]);
  }
  for (const StationsOnNetwork::OnSegment& s : stations_.on_segment(snap.segment))
    offer(r, labels_, s.snap_m + std::abs(s.along_m - snap.along_m) + snap.snap_m, s.station);
  return r;
}

int WalkCoverage::within(const WalkGraph::Snap& snap, double radius_m) const {
  const Reach r = at(snap);
  int n = 0;
  for (int k = 0; k < labels_; ++k) n += r.walk_m[k] <= radius_m;
  return n;
}

namespace {

// The cells whose centre could lie within max_snap_m of a snappable segment: each segment's
// projected box, widened by max_snap_m and a margin for the arc's bulge and the projection's
// scale, marks the cells under it. Only those are snapped; the others are off the network.
std::vector<uint8_t> near_streets(const CoverageGrid& grid, const WalkGraph& graph,
                                  double max_snap_m) {
  std::vector<uint8_t> near(grid.width() * grid.height(), 0);
  if (near.empty()) return near;
  const double margin = max_snap_m * 1.01 + 50, cell = grid.cell_m();
  const XY origin = grid.origin();
  const double last_col = static_cast<double>(grid.width()) - 1;
  const double last_row = static_cast<double>(grid.height()) - 1;
  for (uint32_t s = 0; s < graph.segment_count(); ++s) {
    if (!graph.snappable(s)) continue;
    const auto [a, b] = graph.segment_nodes(s);
    const XY pa = grid.projection().forward(graph.node(a));
    const XY pb = grid.projection().forward(graph.node(b));
    // Cell centres x = origin.x + (col + 0.5) * cell within [min - margin, max + margin].
    const double c0 = std::ceil((std::min(pa.x, pb.x) - margin - origin.x) / cell - 0.5);
    const double c1 = std::floor((std::max(pa.x, pb.x) + margin - origin.x) / cell - 0.5);
    const double r0 = std::ceil((std::min(pa.y, pb.y) - margin - origin.y) / cell - 0.5);
    const double r1 = std::floor((std::max(pa.y, pb.y) + margin - origin.y) / cell - 0.5);
    if (!(c1 >= 0 && r1 >= 0 && c0 <= last_col && r0 <= last_row)) continue;
    const auto col0 = static_cast<size_t>(std::max(0.0, c0));
    const auto col1 = static_cast<size_t>(std::min(last_col, c1));
    const auto row1 = static_cast<size_t>(std::min(last_row, r1));
    for (auto row = static_cast<size_t>(std::max(0.0, r0)); row <= row1; ++row) {
      std::fill(near.begin() + static_cast<long>(grid.cell_index(col0, row)),
                near.begin() + static_cast<long>(grid.cell_index(col1, row)) + 1, 1);
    }
  }
  return near;
}

}  // namespace

CellSnaps snap_cells(const CoverageGrid& grid, const WalkGraph& graph, double max_snap_m) {
  CellSnaps out;
  out.cells.resize(grid.width() * grid.height());
  const std::vector<uint8_t> near = near_streets(grid, graph, max_snap_m);
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      const size_t i = grid.cell_index(col, row);
      if (!grid.in_region(i) || !near[i]) continue;
      if (const auto snap = graph.snap(grid.cell_centre(col, row), max_snap_m)) {
        out.cells[i] = {snap->segment, static_cast<float>(snap->along_m),
                        static_cast<float>(snap->snap_m)};
      }
    }
  }
  return out;
}

std::vector<float> mark_by_walk(CoverageGrid& grid, const CellSnaps& snaps,
                                const WalkCoverage& coverage, double radius_m, int min_stations) {
  std::vector<float> walk(snaps.cells.size(), INFINITY);
  std::vector<uint8_t> reach(snaps.cells.size(), 0);
  for (size_t i = 0; i < snaps.cells.size(); ++i) {
    const CellSnaps::Cell& c = snaps.cells[i];
    if (c.segment == CellSnaps::kNone) continue;
    const WalkCoverage::Reach r = coverage.at({c.segment, c.along_m, c.snap_m});
    walk[i] = static_cast<float>(r.walk_m[0]);
    for (int k = 0; k < coverage.labels(); ++k) reach[i] += r.walk_m[k] <= radius_m;
  }
  grid.mark_reach(reach, radius_m, min_stations);
  return walk;
}

}  // namespace sf
