// Coverage areas against cases whose exact answer is known.
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/coverage_grid.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

// A square region of side `side_m` around a centre, drawn in the local projection.
Region square(LonLat centre, double side_m, double hole_m = 0) {
  const LocalProjection proj(centre);
  auto ring = [&](double h) {
    Ring r;
    for (XY p : {XY{-h, -h}, XY{h, -h}, XY{h, h}, XY{-h, h}, XY{-h, -h}})
      r.push_back(proj.inverse(p));
    return r;
  };
  std::vector<Ring> polygon{ring(side_m / 2)};
  if (hole_m > 0) polygon.push_back(ring(hole_m / 2));
  return Region({polygon});
}

LonLat offset(LonLat centre, double east_m, double north_m) {
  return LocalProjection(centre).inverse({east_m, north_m});
}

const LonLat kCentre{116.4, 39.9};
constexpr double kR = 500;
const double kDisc = kPi * kR * kR;

TEST(LocalProjection, RoundTripsAndKeepsAreasAndDistances) {
  const LocalProjection proj(kCentre);
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> d(-0.9, 0.9);
  for (int i = 0; i < 1000; ++i) {
    const LonLat p{kCentre.lon + d(rng), kCentre.lat + d(rng)};
    const LonLat back = proj.inverse(proj.forward(p));
    EXPECT_LT(distance_m(p, back), 1e-6);
    // 500 m apart anywhere within ~120 km: projected and great-circle distances agree to 5 cm.
    const LonLat q = offset(p, 300, 400);
    const XY a = proj.forward(p), b = proj.forward(q);
    EXPECT_NEAR(std::hypot(a.x - b.x, a.y - b.y), distance_m(p, q), 0.05);
  }
}

TEST(CoverageGrid, OneStationInASquare) {
  const Region region = square(kCentre, 4000);
  const std::vector<LonLat> stations{kCentre};
  const auto s = CoverageGrid::compute(region, stations, {kR, 10}).summary();
  EXPECT_NEAR(s.region_area_m2, 4000.0 * 4000.0, 4000.0 * 4000.0 * 0.005);
  EXPECT_NEAR(s.covered_area_m2, kDisc, kDisc * 0.01);  // within 1 % at 10 m cells
  EXPECT_NEAR(s.uncovered_area_m2, s.region_area_m2 - s.covered_area_m2, 1e-6);
  EXPECT_NEAR(s.covered_pct, 100 * kDisc / (4000.0 * 4000.0), 0.1);
  // Coarser cells: still within a few per cent.
  const auto coarse = CoverageGrid::compute(region, stations, {kR, 100}).summary();
  EXPECT_NEAR(coarse.covered_area_m2, kDisc, kDisc * 0.06);
}

TEST(CoverageGrid, TwoOverlappingDiscs) {
  const double d = 600;  // centres 600 m apart: the lens is counted once
  const std::vector<LonLat> stations{offset(kCentre, -d / 2, 0), offset(kCentre, d / 2, 0)};
  const double lens =
      2 * kR * kR * std::acos(d / (2 * kR)) - (d / 2) * std::sqrt(4 * kR * kR - d * d);
  const auto s = CoverageGrid::compute(square(kCentre, 4000), stations, {kR, 10}).summary();
  EXPECT_NEAR(s.covered_area_m2, 2 * kDisc - lens, (2 * kDisc - lens) * 0.01);
}

TEST(CoverageGrid, StationOutsideTheRegionAndAHole) {
  // A station 500 m east of the region's east edge covers nothing; one on the edge covers half.
  const Region region = square(kCentre, 2000);
  const std::vector<LonLat> outside{offset(kCentre, 1000 + 600, 0)};
  EXPECT_EQ(CoverageGrid::compute(region, outside, {kR, 10}).summary().covered_cells, 0u);
  const std::vector<LonLat> on_edge{offset(kCentre, 1000, 0)};
  const auto half = CoverageGrid::compute(region, on_edge, {kR, 10}).summary();
  EXPECT_NEAR(half.covered_area_m2, kDisc / 2, kDisc / 2 * 0.01);
  // A 400 m square hole around the station: the disc minus the hole.
  const Region holed = square(kCentre, 4000, 400);
  const std::vector<LonLat> centre{kCentre};
  const auto h = CoverageGrid::compute(holed, centre, {kR, 10}).summary();
  EXPECT_NEAR(h.region_area_m2, 4000.0 * 4000 - 400.0 * 400, 4000.0 * 4000 * 0.005);
  EXPECT_NEAR(h.covered_area_m2, kDisc - 400.0 * 400, (kDisc - 400.0 * 400) * 0.01);
}

TEST(CoverageGrid, CellsForMatchesTheGrid) {
  const Region region = square(kCentre, 1000);
  const auto grid = CoverageGrid::compute(region, {}, {kR, 50});
  EXPECT_EQ(CoverageGrid::cells_for(region, 50), grid.width() * grid.height());
  EXPECT_EQ(grid.summary().covered_cells, 0u);
  EXPECT_EQ(CoverageGrid::compute(Region(), {}, {kR, 50}).summary().region_cells, 0u);
}

TEST(CoverageGrid, DoubleCoverageIsTheLensOfTwoDiscs) {
  const double d = 600;
  const std::vector<LonLat> stations{offset(kCentre, -d / 2, 0), offset(kCentre, d / 2, 0)};
  const double lens =
      2 * kR * kR * std::acos(d / (2 * kR)) - (d / 2) * std::sqrt(4 * kR * kR - d * d);
  const auto s = CoverageGrid::compute(square(kCentre, 4000), stations, {kR, 10, 2}).summary();
  EXPECT_NEAR(s.covered_area_m2, lens, lens * 0.02);
  // Three stations: nothing is within reach of four.
  const std::vector<LonLat> three{kCentre, kCentre, offset(kCentre, 100, 0)};
  EXPECT_EQ(
      CoverageGrid::compute(square(kCentre, 4000), three, {kR, 10, 4}).summary().covered_cells, 0u);
}

TEST(CoverageGrid, ExclusionsLeaveTheRegionBeforeCounting) {
  // A 600 m square lake centred on the station (inside its disc): region and coverage lose it.
  const Region region = square(kCentre, 4000);
  const Region lake = square(kCentre, 600);
  CoverageGrid grid = CoverageGrid::prepare({&region, &lake, {}}, 10);
  const std::vector<LonLat> stations{kCentre};
  grid.mark(stations, kR, 1);
  const auto s = grid.summary();
  EXPECT_NEAR(s.region_area_m2, 4000.0 * 4000 - 600.0 * 600, 4000.0 * 4000 * 0.002);
  EXPECT_NEAR(s.covered_area_m2, kDisc - 600.0 * 600, (kDisc - 600.0 * 600) * 0.01);
}

TEST(CoverageGrid, ZonesSplitTheSummary) {
  // Two 2 km × 4 km halves side by side; a station on their shared line covers each half equally.
  const LocalProjection proj(kCentre);
  auto rect = [&](double x0, double x1) {
    Ring r;
    for (XY p : {XY{x0, -2000}, XY{x1, -2000}, XY{x1, 2000}, XY{x0, 2000}, XY{x0, -2000}})
      r.push_back(proj.inverse(p));
    return Region({{r}});
  };
  const Region region = square(kCentre, 4000), west = rect(-2000, 0), east = rect(0, 2000);
  const std::vector<const Region*> zones{&west, &east};
  CoverageGrid grid = CoverageGrid::prepare({&region, nullptr, zones}, 10);
  const std::vector<LonLat> stations{kCentre};
  grid.mark(stations, kR, 1);
  const auto z = grid.zone_summaries(2);
  EXPECT_EQ(z[0].region_cells, 0u);  // every cell lies in one of the halves
  EXPECT_NEAR(z[1].covered_area_m2, kDisc / 2, kDisc / 2 * 0.02);
  EXPECT_NEAR(z[2].covered_area_m2, kDisc / 2, kDisc / 2 * 0.02);
  EXPECT_NEAR(z[1].region_area_m2 + z[2].region_area_m2, grid.summary().region_area_m2, 1e-6);
}

// Every cell's state against brute force (great-circle distance to every station), both for
// sparse stations (discs) and dense ones (nearest field + buckets).
TEST(CoverageGrid, CoveredCellsMatchBruteForceSparseAndDense) {
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> u(-2600, 2600);
  for (size_t count : {5u, 400u}) {  // 400 × 314 disc cells > 8 × the 10,201 cells: dense
    std::vector<LonLat> stations;
    for (size_t i = 0; i < count; ++i) stations.push_back(offset(kCentre, u(rng), u(rng)));
    const Region region = square(kCentre, 5000);
    const CoverageGrid grid = CoverageGrid::compute(region, stations, {kR, 50});
    size_t covered = 0;
    for (size_t row = 0; row < grid.height(); ++row) {
      for (size_t col = 0; col < grid.width(); ++col) {
        const size_t i = grid.cell_index(col, row);
        if (!grid.in_region(i)) continue;
        bool expected = false;
        for (const LonLat& s : stations)
          expected = expected || distance_m(s, grid.cell_centre(col, row)) <= kR;
        EXPECT_EQ(grid.covered(i), expected) << count << " stations, cell " << col << "," << row;
        covered += expected;
      }
    }
    EXPECT_GT(covered, 0u);
  }
}

TEST(CoverageGrid, NearestFieldMatchesBruteForce) {
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> u(-3000, 3000);
  std::vector<LonLat> stations;
  for (int i = 0; i < 40; ++i) stations.push_back(offset(kCentre, u(rng), u(rng)));
  stations.push_back(offset(kCentre, 5000, 0));  // off the grid: still someone's nearest
  const Region region = square(kCentre, 8000);
  CoverageGrid grid = CoverageGrid::compute(region, stations, {kR, 50});
  grid.compute_nearest();
  size_t cells = 0, exact = 0;
  double worst = 0;
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      const XY c = grid.cell_centre_xy(col, row);
      double best = INFINITY;
      for (const XY& p : grid.station_xy()) best = std::min(best, std::hypot(p.x - c.x, p.y - c.y));
      const double got = grid.nearest_distance_m(grid.cell_index(col, row));
      ++cells;
      if (got - best < 1e-6) ++exact;
      worst = std::max(worst, got - best);
    }
  }
  // Vector propagation is exact for nearly every cell and never far off.
  EXPECT_GE(static_cast<double>(exact), 0.995 * static_cast<double>(cells));
  EXPECT_LT(worst, 50.0);  // less than one cell
}

}  // namespace
}  // namespace sf
