#include "core/walk_graph.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/errors.hpp"

namespace sf {
namespace {

// A street grid of `cols` × `rows` junctions `step` degrees apart, from (lon0, lat0).
struct Grid {
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
};
Grid grid(uint32_t cols, uint32_t rows, double lon0, double lat0, double step) {
  Grid g;
  for (uint32_t r = 0; r < rows; ++r)
    for (uint32_t c = 0; c < cols; ++c) g.nodes.push_back({lon0 + c * step, lat0 + r * step});
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t c = 0; c < cols; ++c) {
      const uint32_t i = r * cols + c;
      if (c + 1 < cols) g.segments.emplace_back(i, i + 1);
      if (r + 1 < rows) g.segments.emplace_back(i, i + cols);
    }
  }
  return g;
}

TEST(WalkGraph, AdjacencyBothWaysWithoutLoopsOrRepeats) {
  Grid g = grid(3, 2, 116.4, 39.9, 0.001);  // 6 nodes, 7 segments
  g.segments.emplace_back(0, 0);            // a loop: dropped
  g.segments.emplace_back(1, 0);            // a repeat of 0-1 the other way: dropped
  const WalkGraph w(g.nodes, g.segments, 1);
  EXPECT_EQ(w.node_count(), 6u);
  EXPECT_EQ(w.segment_count(), 7u);
  EXPECT_EQ(w.directed_edge_count(), 14u);
  EXPECT_EQ(w.edges_from(0).size(), 2u);  // a corner
  EXPECT_EQ(w.edges_from(1).size(), 3u);
  for (uint32_t n = 0; n < w.node_count(); ++n) {
    for (const WalkGraph::Edge& e : w.edges_from(n)) {
      EXPECT_NEAR(e.length_m, distance_m(w.node(n), w.node(e.to)), 1e-3);
      bool back = false;  // walkable both ways
      for (const WalkGraph::Edge& r : w.edges_from(e.to)) back |= r.to == n;
      EXPECT_TRUE(back);
    }
  }
  double total = 0;
  for (uint32_t seg = 0; seg < w.segment_count(); ++seg) {
    const auto [a, b] = w.segment_nodes(seg);
    total += distance_m(w.node(a), w.node(b));
  }
  EXPECT_NEAR(w.total_km() * 1000, total, 1e-6);
  EXPECT_NEAR(total,
              2 * distance_m({116.4, 39.9}, {116.401, 39.9}) +
                  2 * distance_m({116.4, 39.901}, {116.401, 39.901}) +
                  3 * distance_m({116.4, 39.9}, {116.4, 39.901}),
              1e-6);
  EXPECT_THROW(WalkGraph({{116.4, 39.9}}, {{0, 1}}), Error);
  EXPECT_THROW(WalkGraph({{200, 39.9}}, {}), Error);
}

TEST(WalkGraph, PartsLargestFirstAndSmallOnesNeverSnappedTo) {
  Grid big = grid(30, 20, 116.40, 39.90, 0.0005);        // 600 nodes
  const Grid small = grid(3, 3, 116.50, 39.90, 0.0005);  // 9 nodes, far east
  const auto offset = static_cast<uint32_t>(small.nodes.size());
  Grid g = small;  // the small part first, so numbering by size has work to do
  for (const LonLat& p : big.nodes) g.nodes.push_back(p);
  for (auto [a, b] : big.segments) g.segments.emplace_back(a + offset, b + offset);
  const WalkGraph w(g.nodes, g.segments, 500);
  ASSERT_EQ(w.part_sizes().size(), 2u);
  EXPECT_EQ(w.part_sizes()[0], 600u);
  EXPECT_EQ(w.part_sizes()[1], 9u);
  EXPECT_EQ(w.part_of(0), 1u);
  EXPECT_EQ(w.part_of(offset), 0u);
  // On the small part's streets: the snap goes to the big part's east edge (116.4145), 7 km off.
  const auto s = w.snap({116.5005, 39.9005}, 20000);
  ASSERT_TRUE(s);
  EXPECT_TRUE(w.snappable(s->segment));
  EXPECT_EQ(w.part_of(w.segment_nodes(s->segment).first), 0u);
  EXPECT_GT(s->snap_m, 7000);
  EXPECT_FALSE(w.snap({116.5005, 39.9005}, 300));  // beyond max_m: none
  // Beside a street of the big part: 11.12 m north of the parallel 39.9, a few µm less to the
  // street itself, whose great-circle arc bows north of the parallel between its junctions.
  const double beside = w.snap({116.40125, 39.9001}, 300)->snap_m;
  EXPECT_LT(beside, distance_m({116.40125, 39.9001}, {116.40125, 39.9}));
  EXPECT_GT(beside, distance_m({116.40125, 39.9001}, {116.40125, 39.9}) - 1e-4);
}

TEST(WalkGraph, SnapIsTheExactNearestPointOfAnySnappableSegment) {
  // An irregular network: a jittered grid with some streets missing.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> jitter(-0.0002, 0.0002), unit(0, 1);
  Grid g = grid(40, 40, 116.30, 39.85, 0.002);
  for (LonLat& p : g.nodes) p = {p.lon + jitter(rng), p.lat + jitter(rng)};
  std::vector<std::pair<uint32_t, uint32_t>> kept;
  for (auto s : g.segments)
    if (unit(rng) > 0.15) kept.push_back(s);
  const WalkGraph w(g.nodes, kept, 50);
  std::uniform_real_distribution<double> lon(116.29, 116.39), lat(39.84, 39.94);
  for (int i = 0; i < 400; ++i) {
    const LonLat p{lon(rng), lat(rng)};
    double best = INFINITY;
    for (uint32_t s = 0; s < w.segment_count(); ++s) {
      if (!w.snappable(s)) continue;
      const auto [a, b] = w.segment_nodes(s);
      best = std::min(best, project_on_arc(p, w.node(a), w.node(b)).distance_m);
    }
    const auto snap = w.snap(p, 1e6);
    ASSERT_TRUE(snap);
    EXPECT_NEAR(snap->snap_m, best, 1e-9) << p.lon << "," << p.lat;
    const auto [a, b] = w.segment_nodes(snap->segment);
    const ArcProjection on = project_on_arc(p, w.node(a), w.node(b));
    EXPECT_NEAR(snap->along_m, on.along_m, 1e-9);
    EXPECT_LE(snap->along_m, w.segment_length_m(snap->segment) + 1e-3);
  }
  // 12 bytes a directed edge, the rest per node and per segment: under 48 a directed edge here.
  EXPECT_LT(static_cast<double>(w.bytes()) / static_cast<double>(w.directed_edge_count()), 48.0);
}

}  // namespace
}  // namespace sf
