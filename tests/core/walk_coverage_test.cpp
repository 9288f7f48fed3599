// Coverage by walk against walks computed apart: for points all over a street grid, the
// nearest and the two nearest distinct stations by walk equal those of a textbook Dijkstra run
// from every station (tests/walk_reference.hpp), stations on the point's own segment included.
#include "core/walk_coverage.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/street_grid.hpp"
#include "walk_reference.hpp"

namespace sf {
namespace {

TEST(WalkCoverage, TheNearestTwoByWalkEqualTheReference) {
  const WalkGraph g = test::street_grid(9, 22, 0.3);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> lon(116.35, 116.392), lat(39.88, 39.922);
  std::vector<LonLat> positions;
  for (int i = 0; i < 25; ++i) positions.push_back({lon(rng), lat(rng)});
  positions.push_back({116.9, 40.5});  // off the network: counted, covers nothing
  const StationsOnNetwork stations(g, positions, 200);
  ASSERT_EQ(stations.unreachable(), 1u);
  std::vector<std::vector<double>> from_station;
  for (uint32_t s = 0; s < stations.size(); ++s)
    from_station.push_back(stations.snap(s) ? test::dijkstra(g, *stations.snap(s))
                                            : std::vector<double>{});
  const WalkCoverage one(g, stations, 1), two(g, stations, 2);
  EXPECT_EQ(two.labels(), 2);
  size_t checked = 0;
  for (int q = 0; q < 300; ++q) {
    const auto p = g.snap({lon(rng), lat(rng)}, 200);
    if (!p) continue;
    // Points on a station's own segment too: every tenth point is moved onto one.
    WalkGraph::Snap at = *p;
    if (q % 10 == 0) {
      at = *stations.snap(static_cast<uint32_t>(q / 10 % 25));
      at.along_m *= 0.5;
      at.snap_m = 3;
    }
    std::vector<std::pair<double, uint32_t>> walks;
    for (uint32_t s = 0; s < stations.size(); ++s) {
      if (!stations.snap(s)) continue;
      walks.emplace_back(test::walk_m(g, from_station[s], *stations.snap(s), at), s);
    }
    std::sort(walks.begin(), walks.end());
    const WalkCoverage::Reach r1 = one.at(at), r2 = two.at(at);
    EXPECT_NEAR(r1.walk_m[0], walks[0].first, 1e-4) << q;
    EXPECT_NEAR(r2.walk_m[0], walks[0].first, 1e-4) << q;
    EXPECT_NEAR(r2.walk_m[1], walks[1].first, 1e-4) << q;
    EXPECT_TRUE(std::isinf(r1.walk_m[1]));
    EXPECT_NE(r2.station[0], r2.station[1]);
    const double radius = (walks[0].first + walks[1].first) / 2;
    EXPECT_EQ(two.within(at, radius), walks[1].first > walks[0].first ? 1 : 2) << q;
    EXPECT_EQ(two.within(at, walks[1].first + 1), 2);
    EXPECT_EQ(one.within(at, walks[0].first - 1), 0);
    ++checked;
  }
  EXPECT_GT(checked, 250u);
}

// Laying the segments onto the grid snaps every cell exactly as WalkGraph::snap does.
TEST(WalkCoverage, CellSnapsAreTheGraphsSnaps) {
  const WalkGraph g = test::street_grid(9, 22, 0.3);
  const Region region(
      {{{{116.348, 39.878}, {116.395, 39.879}, {116.39, 39.925}, {116.35, 39.92}}}});
  for (const double cell : {15.0, 40.0}) {
    const CoverageGrid grid = CoverageGrid::prepare({&region, nullptr, {}}, cell);
    const CellSnaps snaps = snap_cells(grid, g, 120);
    size_t on = 0, off = 0;
    for (size_t row = 0; row < grid.height(); ++row) {
      for (size_t col = 0; col < grid.width(); ++col) {
        const size_t i = grid.cell_index(col, row);
        if (!grid.in_region(i)) {
          EXPECT_FALSE(snaps.on_network(i));
          continue;
        }
        const auto expected = g.snap(grid.cell_centre(col, row), 120);
        ASSERT_EQ(snaps.on_network(i), expected.has_value()) << col << "," << row;
        if (!expected) {
          ++off;
          continue;
        }
        ++on;
        EXPECT_EQ(snaps.cells[i].segment, expected->segment) << col << "," << row;
        EXPECT_EQ(snaps.cells[i].along_m, static_cast<float>(expected->along_m));
        EXPECT_EQ(snaps.cells[i].snap_m, static_cast<float>(expected->snap_m));
      }
    }
    EXPECT_GT(on, 500u);
    EXPECT_GT(off, 10u) << "the grid's missing streets leave cells beyond 120 m";
  }
}

TEST(WalkCoverage, NoStationOnTheNetworkReachesNothing) {
  const WalkGraph g = test::street_grid(9, 10, 0.0);
  const std::vector<LonLat> far = {{117.5, 41.0}};
  const StationsOnNetwork stations(g, far, 300);
  const WalkCoverage c(g, stations, 2);
  const auto p = g.snap({116.36, 39.89}, 300);
  ASSERT_TRUE(p);
  EXPECT_TRUE(std::isinf(c.at(*p).walk_m[0]));
  EXPECT_EQ(c.within(*p, 1e9), 0);
}

}  // namespace
}  // namespace sf
