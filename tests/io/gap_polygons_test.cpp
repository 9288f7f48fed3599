#include <cmath>

#include <gtest/gtest.h>

#include "core/coverage_grid.hpp"
#include "core/errors.hpp"
#include "io/coverage_files.hpp"
#include "io/coverage_study.hpp"
#include "io/gap_polygons.hpp"
#include "io/station_reader.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

const LonLat kCentre{116.4, 39.9};

Region rectangle(double width_m, double height_m) {
  const LocalProjection proj(kCentre);
  const double w = width_m / 2, h = height_m / 2;
  Ring ring;
  for (XY p : {XY{-w, -h}, XY{w, -h}, XY{w, h}, XY{-w, h}, XY{-w, -h}})
    ring.push_back(proj.inverse(p));
  return Region({{ring}});
}

TEST(GapPolygons, ASquareAroundOneDiscIsOneGapWithAHole) {
  const std::vector<LonLat> stations{kCentre};
  const CoverageGrid grid = CoverageGrid::compute(rectangle(4000, 4000), stations, {500, 10});
  const auto gaps = gap_polygons(grid);
  ASSERT_EQ(gaps.size(), 1u);
  ASSERT_EQ(gaps[0].rings.size(), 2u);  // the outer square and the covered disc as a hole
  const double expected = 4000.0 * 4000.0 - kPi * 500 * 500;
  EXPECT_NEAR(gaps[0].area_m2, expected, expected * 0.005);
  EXPECT_NEAR(gaps[0].area_m2, grid.summary().uncovered_area_m2, 1.0);
  for (const LonLat& p : gaps[0].rings[0]) {
    EXPECT_LT(distance_m(p, kCentre), 2900);  // the square's corners are 2,828 m away
  }
}

TEST(GapPolygons, ADiscAcrossARectangleSplitsItInTwo) {
  const std::vector<LonLat> stations{kCentre};
  const auto gaps = gap_polygons(CoverageGrid::compute(rectangle(4000, 900), stations, {500, 10}));
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_NEAR(gaps[0].area_m2, gaps[1].area_m2, gaps[0].area_m2 * 0.01);  // symmetric halves
}

TEST(GapPolygons, WrittenInEveryVectorFormat) {
  CoverageStudyInput input;
  input.region = rectangle(4000, 900);
  input.stations = {kCentre};
  input.options = {500, 10, 1};
  const CoverageStudy study = study_coverage(input);
  ASSERT_EQ(study.gaps.size(), 2u);
  const auto dir = test::temp_dir("gaps");
  for (const char* name :
       {"gaps.geojson", "gaps.gpkg", "gaps.shp", "gaps.shp.zip", "gaps.fgb", "gaps.csv"}) {
    const std::string path = (dir / name).string();
    write_gaps(path, study.gaps, Datum::wgs84);
    // Read back through GDAL as a layer of polygons: their centroids are the stations' input.
    StationReadOptions o;
    const auto back =
        read_stations(std::string(name) == "gaps.shp.zip" ? "/vsizip/" + path : path, o);
    EXPECT_EQ(back.stations.size(), 2u) << name;
    EXPECT_EQ(back.report.warnings.size(), 2u) << name;  // polygons: centroid warnings
  }
  EXPECT_THROW(write_gaps((dir / "gaps.txt").string(), study.gaps, Datum::wgs84), Error);
}

}  // namespace
}  // namespace sf::io
