#include <gtest/gtest.h>

#include "core/datum.hpp"
#include "core/errors.hpp"
#include "io/district_reader.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

TEST(DistrictReader, GeoJsonPolygonsWithHoleAndDatum) {
  const auto dir = test::temp_dir("districts");
  const auto path = dir / "d.geojson";
  test::write_file(path, R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"甲区","adcode":"1"},"geometry":{"type":"Polygon",
  "coordinates":[[[116,39],[117,39],[117,40],[116,40],[116,39]],
                 [[116.4,39.4],[116.6,39.4],[116.6,39.6],[116.4,39.6],[116.4,39.4]]]}},
 {"type":"Feature","properties":{"name":"乙区","adcode":"2"},"geometry":{"type":"MultiPolygon",
  "coordinates":[[[[117,39],[118,39],[118,40],[117,40],[117,39]]]]}},
 {"type":"Feature","properties":{"name":"点"},"geometry":{"type":"Point","coordinates":[1,1]}}
]})");
  const auto d = read_districts(path.string(), {});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].name, "甲区");
  EXPECT_EQ(d[0].code, "1");
  EXPECT_TRUE(d[0].region.contains({116.2, 39.2}));
  EXPECT_FALSE(d[0].region.contains({116.5, 39.5}));
  EXPECT_TRUE(d[1].region.contains({117.5, 39.5}));

  DistrictReadOptions o;
  o.crs = "gcj02";
  const auto shifted = read_districts(path.string(), o);
  const LonLat corner = shifted[0].region.polygons()[0][0][0];
  EXPECT_LT(distance_m(corner, gcj02_to_wgs84({116, 39})), 0.01);
  EXPECT_GT(distance_m(corner, {116, 39}), 100);
}

TEST(DistrictReader, NeedsANameColumn) {
  const auto dir = test::temp_dir("districts_noname");
  const auto path = dir / "d.geojson";
  test::write_file(path, R"({"type":"FeatureCollection","features":[{"type":"Feature",
  "properties":{"label":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})");
  EXPECT_THROW(read_districts(path.string(), {}), Error);
  DistrictReadOptions o;
  o.name_column = "label";
  EXPECT_EQ(read_districts(path.string(), o).at(0).name, "x");
}

}  // namespace
}  // namespace sf::io
