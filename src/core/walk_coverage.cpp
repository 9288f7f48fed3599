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

WalkCoverage::WalkCoverage(const WalkGraph& graph, const StationsOnNetwork& stations, int labels,
                           double max_walk_m)
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
    const double to_a = snap->snap_m + snap->along_m;
    const double to_b =
        snap->snap_m + std::max(0.0, graph.segment_length_m(snap->segment) - snap->along_m);
    if (to_a <= max_walk_m) heap.emplace(to_a, a, s);
    if (to_b <= max_walk_m) heap.emplace(to_b, b, s);
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
      const double walk = d + static_cast<double>(e.length_m);
      if (settled[e.to] < L && walk <= max_walk_m) heap.emplace(walk, e.to, station);
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
  return at(snap).within(radius_m);
}

namespace {

// Projected distance from p to the straight segment a-b.
double segment_distance(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

// Calls visit(cell, projected distance) for the region's cells whose centre lies within
// `reach` of the segment's projected box.
template <typename Visit>
void cells_near(const CoverageGrid& grid, XY pa, XY pb, double reach, Visit visit) {
  const double cell = grid.cell_m();
  const XY origin = grid.origin();
  const double last_col = static_cast<double>(grid.width()) - 1;
  const double last_row = static_cast<double>(grid.height()) - 1;
  const double c0 = std::ceil((std::min(pa.x, pb.x) - reach - origin.x) / cell - 0.5);
  const double c1 = std::floor((std::max(pa.x, pb.x) + reach - origin.x) / cell - 0.5);
  const double r0 = std::ceil((std::min(pa.y, pb.y) - reach - origin.y) / cell - 0.5);
  const double r1 = std::floor((std::max(pa.y, pb.y) + reach - origin.y) / cell - 0.5);
  if (!(c1 >= 0 && r1 >= 0 && c0 <= last_col && r0 <= last_row)) return;
  const auto col0 = static_cast<size_t>(std::max(0.0, c0));
  const auto col1 = static_cast<size_t>(std::min(last_col, c1));
  const auto row1 = static_cast<size_t>(std::min(last_row, r1));
  for (auto row = static_cast<size_t>(std::max(0.0, r0)); row <= row1; ++row) {
    for (size_t col = col0; col <= col1; ++col) {
      const size_t i = grid.cell_index(col, row);
      if (grid.in_region(i))
        visit(i, col, row, segment_distance(grid.cell_centre_xy(col, row), pa, pb));
    }
  }
}

// The grid's lon/lat box grown by `margin_m`: its border, sampled and taken back to lon/lat (a
// margin of a hundredth of its size for the border's curvature between the samples).
BBox lonlat_box(const CoverageGrid& grid, double margin_m) {
  BBox box{180, 90, -180, -90};
  const double w = static_cast<double>(grid.width()) * grid.cell_m();
  const double h = static_cast<double>(grid.height()) * grid.cell_m();
  const XY o = grid.origin();
  constexpr int kSamples = 8;
  for (int i = 0; i <= kSamples; ++i) {
    const double f = static_cast<double>(i) / kSamples;
    for (const XY p : {XY{o.x + f * w, o.y}, XY{o.x + f * w, o.y + h}, XY{o.x, o.y + f * h},
                       XY{o.x + w, o.y + f * h}}) {
      const LonLat q = grid.projection().inverse(p);
      box.west = std::min(box.west, q.lon);
      box.east = std::max(box.east, q.lon);
      box.south = std::min(box.south, q.lat);
      box.north = std::max(box.north, q.lat);
    }
  }
  return box.grown_by_metres(margin_m + 0.01 * std::max(w, h));
}

}  // namespace

// Each snappable segment is laid onto the grid instead of each cell asking the R-tree: a first
// pass keeps every cell's nearest projected distance to a segment, a second computes the exact
// great-circle snap only for the segments within a margin of it (the projection's distortion and
// the arc's bulge stay far below the margin over the 1,000 km a grid may span), keeping the
// nearest, ties by segment id, as WalkGraph::snap does.
CellSnaps snap_cells(const CoverageGrid& grid, const WalkGraph& graph, double max_snap_m) {
  CellSnaps out;
  const size_t n = grid.width() * grid.height();
  out.cells.resize(n);
  if (n == 0) return out;
  auto slack = [](double d) { return 2 * (0.002 * d + 1.0); };
  // Segments are laid within `reach` of themselves: the whole snap limit for cells of tens of
  // metres, a few cells for fine grids (a tile's cells are metres wide, and a segment would
  // visit every cell within 300 m of it); a cell no segment reaches that way asks the R-tree.
  const double full = max_snap_m * 1.01 + 5;
  const double reach = std::min(full, std::max(30.0, 3 * grid.cell_m()));
  const double second = std::min(full, reach + slack(reach));
  // Only the segments near the grid are laid onto it (a tile's grid meets a few hundred of a
  // city's); their ends alone are projected.
  const BBox near = lonlat_box(grid, full + grid.cell_m());
  std::vector<uint32_t> segments;
  std::vector<XY> node_xy(graph.node_count());
  std::vector<uint8_t> projected(graph.node_count(), 0);
  for (uint32_t s = 0; s < graph.segment_count(); ++s) {
    if (!graph.snappable(s)) continue;
    const auto [a, b] = graph.segment_nodes(s);
    const LonLat pa = graph.node(a), pb = graph.node(b);
    if (std::max(pa.lon, pb.lon) < near.west || std::min(pa.lon, pb.lon) > near.east ||
        std::max(pa.lat, pb.lat) < near.south || std::min(pa.lat, pb.lat) > near.north)
      continue;
    segments.push_back(s);
    for (const uint32_t v : {a, b}) {
      if (projected[v]) continue;
      node_xy[v] = grid.projection().forward(graph.node(v));
      projected[v] = 1;
    }
  }
  std::vector<float> nearest_xy(n, INFINITY);
  for (const uint32_t s : segments) {
    const auto [a, b] = graph.segment_nodes(s);
    cells_near(grid, node_xy[a], node_xy[b], reach, [&](size_t i, size_t, size_t, double d) {
      if (d < nearest_xy[i]) nearest_xy[i] = static_cast<float>(d);
    });
  }
  std::vector<double> best(n, INFINITY);
  for (const uint32_t s : segments) {
    const uint32_t a = graph.segment_nodes(s).first, b = graph.segment_nodes(s).second;
    cells_near(grid, node_xy[a], node_xy[b], second,
               [&](size_t i, size_t col, size_t row, double d) {
                 const double nearest = nearest_xy[i];
                 if (d > nearest + slack(nearest) || nearest > reach) return;
                 const ArcProjection on =
                     project_on_arc(grid.cell_centre(col, row), graph.node(a), graph.node(b));
                 if (on.distance_m > max_snap_m) return;
                 CellSnaps::Cell& c = out.cells[i];
                 if (on.distance_m < best[i] || (on.distance_m == best[i] && s < c.segment)) {
                   best[i] = on.distance_m;
                   c = {s, static_cast<float>(on.along_m), static_cast<float>(on.distance_m)};
                 }
               });
  }
  if (reach < full) {
    for (size_t row = 0; row < grid.height(); ++row) {
      for (size_t col = 0; col < grid.width(); ++col) {
        const size_t i = grid.cell_index(col, row);
        if (!grid.in_region(i) || nearest_xy[i] <= reach) continue;
        if (const auto snap = graph.snap(grid.cell_centre(col, row), max_snap_m)) {
          out.cells[i] = {snap->segment, static_cast<float>(snap->along_m),
                          static_cast<float>(snap->snap_m)};
        }
      }
    }
  }
  return out;
}

void add_off_network(const CoverageGrid& grid, const CellSnaps& snaps,
                     std::vector<CoverageSummary>& by_zone) {
  const double cell_area = grid.cell_m() * grid.cell_m();
  for (size_t i = 0; i < snaps.cells.size(); ++i) {
    if (!grid.in_region(i) || snaps.on_network(i)) continue;
    CoverageSummary& z = by_zone[std::min<size_t>(grid.zone(i), by_zone.size() - 1)];
    ++z.off_network_cells;
    z.off_network_area_m2 += cell_area;
  }
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
    reach[i] = static_cast<uint8_t>(r.within(radius_m));
  }
  grid.mark_reach(reach, radius_m, min_stations);
  return walk;
}

}  // namespace sf
