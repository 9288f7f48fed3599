// Greedy maximal covering and set cover against the exact optimum on small cases.
#include <random>

#include <gtest/gtest.h>

#include "core/gap_components.hpp"
#include "core/siting.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

TEST(Siting, GreedyPicksTheLargestGainsInOrder) {
  SitingProblem p;
  p.weight = {1, 1, 1, 1, 1, 1};
  p.covers = {{0, 1, 2}, {2, 3}, {3, 4, 5}, {0}};
  p.covered_before = 4;
  p.total = 10;
  const auto picks = greedy_max_cover(p, 3);
  ASSERT_EQ(picks.size(), 2u);        // a third pick would add nothing
  EXPECT_EQ(picks[0].candidate, 0u);  // ties go to the lower id
  EXPECT_EQ(picks[1].candidate, 2u);
  EXPECT_DOUBLE_EQ(picks[1].cumulative, 10);
  EXPECT_DOUBLE_EQ(picks[1].cumulative_pct, 100);
  EXPECT_DOUBLE_EQ(exact_max_cover(p, 2), 10);
}

TEST(Siting, GreedyIsWithinItsGuaranteeOfTheOptimum) {
  // Random small instances: greedy ≥ (1 − 1/e) × optimum, and the exact optimum is never
  // below greedy. On some instances greedy is strictly worse, which shows the search is real.
  std::mt19937_64 rng(test::seed());
  int strictly_worse = 0;
  for (int trial = 0; trial < 200; ++trial) {
    SitingProblem p;
    const size_t elements = 30, candidates = 12;
    std::uniform_real_distribution<double> w(0.5, 3);
    for (size_t e = 0; e < elements; ++e) p.weight.push_back(w(rng));
    std::uniform_int_distribution<size_t> pick(0, elements - 1), size(1, 8);
    p.covers.resize(candidates);
    for (auto& c : p.covers) {
      for (size_t n = size(rng); n > 0; --n) c.push_back(static_cast<uint32_t>(pick(rng)));
      std::sort(c.begin(), c.end());
      c.erase(std::unique(c.begin(), c.end()), c.end());
    }
    for (double x : p.weight) p.total += x;
    for (size_t k : {1u, 2u, 3u, 4u}) {
      const auto picks = greedy_max_cover(p, k);
      const double greedy = picks.empty() ? 0 : picks.back().cumulative;
      const double best = exact_max_cover(p, k);
      EXPECT_GE(best + 1e-9, greedy);
      EXPECT_GE(greedy, (1 - 1 / std::exp(1.0)) * best - 1e-9);
      if (greedy < best - 1e-9) ++strictly_worse;
    }
  }
  EXPECT_GT(strictly_worse, 0);
}

TEST(Siting, SetCoverStopsAtTheTarget) {
  SitingProblem p;
  p.weight = {5, 3, 1, 1};
  p.covers = {{0}, {1}, {2}, {3}};
  p.total = 10;
  const auto picks = greedy_set_cover(p, 80, 100);
  ASSERT_EQ(picks.size(), 2u);  // 5 + 3 = 80 %
  EXPECT_DOUBLE_EQ(picks.back().cumulative_pct, 80);
  EXPECT_EQ(greedy_set_cover(p, 100, 3).size(), 3u);  // capped by max_picks
}

TEST(GapComponents, SplitAlongZonesWithFarthestCells) {
  const LonLat centre{116.4, 39.9};
  const LocalProjection proj(centre);
  auto rect = [&](double x0, double x1, double y0, double y1) {
    Ring r;
    for (XY p : {XY{x0, y0}, XY{x1, y0}, XY{x1, y1}, XY{x0, y1}, XY{x0, y0}})
      r.push_back(proj.inverse(p));
    return Region({{r}});
  };
  // A 4 km × 1 km strip across two zones; one station at its west end.
  const Region strip = rect(-2000, 2000, -500, 500);
  const Region west = rect(-2000, 0, -500, 500), east = rect(0, 2000, -500, 500);
  const std::vector<const Region*> zones{&west, &east};
  CoverageGrid grid = CoverageGrid::prepare({&strip, nullptr, zones}, 50);
  const std::vector<LonLat> stations{proj.inverse({-2000, 0})};
  grid.mark(stations, 500, 1);
  grid.compute_nearest();
  const GapComponents gaps = label_gaps(grid);
  ASSERT_EQ(gaps.gaps.size(), 2u);  // one gap, split at the zone line
  const GapComponent& w = gaps.gaps[0].zone == 1 ? gaps.gaps[0] : gaps.gaps[1];
  const GapComponent& e = gaps.gaps[0].zone == 1 ? gaps.gaps[1] : gaps.gaps[0];
  EXPECT_EQ(w.zone, 1);
  EXPECT_EQ(e.zone, 2);
  // The farthest point is the strip's east corners: √(4000² + 500²) less half a cell.
  EXPECT_NEAR(e.farthest_m, std::hypot(3975.0, 475.0), 1);
  EXPECT_NEAR(w.farthest_m, std::hypot(1975.0, 475.0), 1);
  double area = 0;
  for (const auto& g : gaps.gaps) area += g.area_m2;
  EXPECT_NEAR(area, grid.summary().uncovered_area_m2, 1e-6);
}

}  // namespace
}  // namespace sf
