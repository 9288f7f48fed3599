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

}  // namespace
}  // namespace sf
