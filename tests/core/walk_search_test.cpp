#include "core/walk_search.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/street_grid.hpp"
#include "test_support.hpp"

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

double polyline_m(const std::vector<LonLat>& line) {
  double m = 0;
  for (size_t i = 1; i < line.size(); ++i) m += distance_m(line[i - 1], line[i]);
  return m;
}

TEST(WalkSearch, ASnapLiesOnItsSegmentAtItsDistanceAlong) {
  const WalkGraph g = test::street_grid(11, 20, 0.1);
  std::mt19937 rng(static_cast<uint32_t>(test::seed()));
  std::uniform_real_distribution<double> lon(116.35, 116.388), lat(39.88, 39.918);
  for (int i = 0; i < 200; ++i) {
    const LonLat p{lon(rng), lat(rng)};
    const auto snap = g.snap(p, 1000);
    ASSERT_TRUE(snap);
    const LonLat at = g.point_at(*snap);
    const auto [a, b] = g.segment_nodes(snap->segment);
    EXPECT_NEAR(distance_m(g.node(a), at), snap->along_m, 1e-6);
    EXPECT_NEAR(distance_m(at, g.node(b)) + snap->along_m, distance_m(g.node(a), g.node(b)), 1e-6);
    EXPECT_NEAR(distance_m(p, at), snap->snap_m, 1e-4) << "the snap leg ends at the point (0.1 mm)";
  }
}

TEST(WalkSearch, ThePathIsTheWalkDrawn) {
  const WalkGraph g = test::street_grid(12, 20, 0.2);
  WalkSearch search(g);
  std::mt19937 rng(static_cast<uint32_t>(test::seed()) + 1);
  std::uniform_real_distribution<double> lon(116.35, 116.388), lat(39.88, 39.918);
  int drawn = 0;
  for (int i = 0; i < 100; ++i) {
    const LonLat from{lon(rng), lat(rng)}, to{lon(rng), lat(rng)};
    const auto fs = g.snap(from, 1000), ts = g.snap(to, 1000);
    ASSERT_TRUE(fs && ts);
    search.run(*fs, 1e9);
    const double along = search.to_snap(*ts);
    const std::vector<LonLat> path = walk_path(search, g, from, *fs, to, *ts);
    if (along == WalkSearch::kUnreached) {
      EXPECT_TRUE(path.empty());
      continue;
    }
    ++drawn;
    ASSERT_GE(path.size(), 4u);
    EXPECT_EQ(path.front().lon, from.lon);
    EXPECT_EQ(path.back().lat, to.lat);
    // Its length is the walk: both snap legs and the streets between (float lengths: < 1 mm).
    EXPECT_NEAR(polyline_m(path), fs->snap_m + along + ts->snap_m, 1e-3) << "pair " << i;
  }
  EXPECT_GT(drawn, 50);
}

TEST(WalkSearch, APoolLendsEachSearchToOneQueryAtATime) {
  const WalkGraph g = test::street_grid(13, 10, 0);
  const WalkSearchPool pool(g);
  WalkSearch* first = nullptr;
  {
    const WalkSearchPool::Lease a = pool.acquire();
    const WalkSearchPool::Lease b = pool.acquire();
    EXPECT_NE(&*a, &*b) << "two queries at once, two searches";
    first = &*a;
  }
  const WalkSearchPool::Lease again = pool.acquire();
  const WalkSearchPool::Lease again2 = pool.acquire();
  EXPECT_TRUE(&*again == first || &*again2 == first) << "given back, lent again";
}

}  // namespace
}  // namespace sf
