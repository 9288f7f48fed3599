#include "core/walk_search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/street_grid.hpp"

namespace sf {
namespace {

// The textbook O(V²) Dijkstra, written apart from WalkSearch, from the two ends of a snap.
std::vector<double> reference(const WalkGraph& g, const WalkGraph::Snap& from) {
  std::vector<double> d(g.node_count(), INFINITY);
  std::vector<bool> done(g.node_count(), false);
  const auto [a, b] = g.segment_nodes(from.segment);
  d[a] = from.along_m;
  d[b] = std::min(d[b], std::max(0.0, g.segment_length_m(from.segment) - from.along_m));
  for (;;) {
    uint32_t best = UINT32_MAX;
    for (uint32_t n = 0; n < g.node_count(); ++n)
      if (!done[n] && std::isfinite(d[n]) && (best == UINT32_MAX || d[n] < d[best])) best = n;
    if (best == UINT32_MAX) return d;
    done[best] = true;
    for (const WalkGraph::Edge& e : g.edges_from(best))
      d[e.to] = std::min(d[e.to], d[best] + static_cast<double>(e.length_m));
  }
}

TEST(WalkSearch, EqualsATextbookDijkstraWithinTheBound) {
  const WalkGraph g = test::street_grid(3, 30, 0.2);
  WalkSearch search(g);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lon(116.35, 116.41), lat(39.88, 39.94);
  for (int q = 0; q < 12; ++q) {  // one WalkSearch reused: the reset must be complete
    const auto from = g.snap({lon(rng), lat(rng)}, 1000);
    ASSERT_TRUE(from);
    const double bound = q % 2 ? 2500 : 1e9;
    search.run(*from, bound);
    const std::vector<double> want = reference(g, *from);
    size_t reached = 0;
    for (uint32_t n = 0; n < g.node_count(); ++n) {
      if (want[n] <= bound) {
        ASSERT_NEAR(search.to_node(n), want[n], 1e-6) << "node " << n;
        ++reached;
      } else {
        ASSERT_EQ(search.to_node(n), WalkSearch::kUnreached) << "node " << n;
      }
    }
    EXPECT_EQ(search.settled().size(), reached);
    for (size_t i = 1; i < search.settled().size(); ++i)
      EXPECT_LE(search.to_node(search.settled()[i - 1]), search.to_node(search.settled()[i]));
  }
}

TEST(WalkSearch, AWalkIsNeverShorterThanTheStraightLineAndFollowsItsParents) {
  const WalkGraph g = test::street_grid(5, 30, 0.2);
  WalkSearch search(g);
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> lon(116.35, 116.41), lat(39.88, 39.94);
  for (int q = 0; q < 20; ++q) {
    const LonLat p{lon(rng), lat(rng)}, s{lon(rng), lat(rng)};
    const auto from = g.snap(p, 1000), to = g.snap(s, 1000);
    ASSERT_TRUE(from && to);
    search.run(*from, 1e9);
    const double walk = from->snap_m + search.to_snap(*to) + to->snap_m;
    EXPECT_GE(walk + 1e-3, distance_m(p, s));  // float edge lengths: a millimetre of slack
    if (!std::isfinite(walk)) continue;        // another part of the network
    // The parents lead back to a seed, each step one edge shorter by its length.
    const auto [a, b] = g.segment_nodes(to->segment);
    for (uint32_t n = search.to_node(a) < search.to_node(b) ? a : b; search.parent(n) != n;) {
      const uint32_t up = search.parent(n);
      double length = INFINITY;
      for (const WalkGraph::Edge& e : g.edges_from(up))
        if (e.to == n) length = std::min(length, static_cast<double>(e.length_m));
      EXPECT_NEAR(search.to_node(n) - search.to_node(up), length, 1e-6);
      n = up;
    }
  }
}

TEST(WalkSearch, TwoPointsOnOneSegmentWalkAlongItDirectly) {
  const WalkGraph g({{116.40, 39.90}, {116.41, 39.90}, {116.41, 39.91}, {116.40, 39.91}},
                    {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, 1);
  WalkSearch search(g);
  const auto p = g.snap({116.403, 39.9001}, 100), s = g.snap({116.407, 39.9001}, 100);
  ASSERT_TRUE(p && s);
  ASSERT_EQ(p->segment, s->segment);
  search.run(*p, 1e9);
  EXPECT_NEAR(search.to_snap(*s), s->along_m - p->along_m, 1e-9);
  // Bounded below the direct walk: not reached.
  search.run(*p, (s->along_m - p->along_m) / 2);
  EXPECT_EQ(search.to_snap(*s), WalkSearch::kUnreached);
}

}  // namespace
}  // namespace sf
