// Isochrones and catchments through the service: the request parser's rules (each error names
// its parameter), the contours' polygons covering exactly their cells, and a catchment equal
// to the isochrone from its station's position.
#include "service/isochrones.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/errors.hpp"
#include "core/street_grid.hpp"

namespace sf {
namespace {

std::shared_ptr<const WalkNetwork> grid_network() {
  io::NetworkReadReport report;
  report.source = "grid";
  return std::make_shared<const WalkNetwork>(
      io::Network{test::street_grid(5, 20, 0.1), report, {}, {}}, 300.0, 0.0);
}

IsochroneRequest parse(const QueryParams::Raw& raw, const Limits& limits = kDefaultLimits) {
  return parse_isochrone(QueryParams(raw), limits);
}

void expect_error(const QueryParams::Raw& raw, ErrorCode code, const std::string& parameter,
                  const Limits& limits = kDefaultLimits) {
  try {
    parse(raw, limits);
    FAIL() << "accepted: " << raw.rbegin()->first << "=" << raw.rbegin()->second;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_EQ(e.parameter(), parameter) << e.what();
  }
}

// Twice the signed area of a ring in lon/lat degrees, for the orientation only.
double orientation(const Ring& r) {
  double twice = 0;
  for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    twice += r[j].lon * r[i].lat - r[i].lon * r[j].lat;
  return twice;
}

TEST(IsochroneRequest, ParsesWalksAndCells) {
  const IsochroneRequest r =
      parse({{"lon", "116.37"}, {"lat", "39.9"}, {"walk_minutes", "15,5,10"}, {"cell_m", "20"}});
  EXPECT_EQ(r.limits_m, (std::vector<double>{375, 750, 1125}));
  EXPECT_EQ(r.minutes, (std::vector<double>{5, 10, 15}));
  EXPECT_EQ(r.cell_m, 20);
  EXPECT_EQ(r.format, Format::geojson);
  ASSERT_TRUE(r.point);
  const IsochroneRequest m = parse({{"lon", "116.37"}, {"lat", "39.9"}, {"walk_m", "500"}});
  EXPECT_EQ(m.limits_m, std::vector<double>{500});
  EXPECT_TRUE(m.minutes.empty());
  EXPECT_EQ(m.cell_m, kDefaultLimits.isochrone_cell_default_m);
  const IsochroneRequest c =
      parse_catchment(QueryParams(QueryParams::Raw{{"walk_minutes", "60"}}), kDefaultLimits);
  EXPECT_FALSE(c.point);
  EXPECT_EQ(c.limits_m, std::vector<double>{4500});
}

TEST(IsochroneRequest, EachRuleNamesItsParameter) {
  const QueryParams::Raw at = {{"lon", "116.37"}, {"lat", "39.9"}};
  auto with = [&](QueryParams::Raw extra) {
    QueryParams::Raw raw = at;
    raw.insert(extra.begin(), extra.end());
    return raw;
  };
  expect_error(at, ErrorCode::parameter_missing, "walk_minutes");
  expect_error(with({{"walk_minutes", "5"}, {"walk_m", "300"}}), ErrorCode::parameter_invalid,
               "walk_m");
  expect_error(with({{"walk_minutes", "1,2,3,4,5,6,7,8,9"}}), ErrorCode::parameter_invalid,
               "walk_minutes");
  expect_error(with({{"walk_minutes", "61"}}), ErrorCode::radius_out_of_range, "walk_minutes");
  expect_error(with({{"walk_minutes", "0"}}), ErrorCode::radius_out_of_range, "walk_minutes");
  expect_error(with({{"walk_m", "4501"}}), ErrorCode::radius_out_of_range, "walk_m");
  expect_error(with({{"walk_m", "-5"}}), ErrorCode::radius_out_of_range, "walk_m");
  expect_error(with({{"walk_minutes", "5,x"}}), ErrorCode::parameter_not_a_number, "walk_minutes");
  expect_error(with({{"walk_minutes", "5,nan"}}), ErrorCode::parameter_not_finite, "walk_minutes");
  expect_error(with({{"walk_minutes", "5,5"}}), ErrorCode::parameter_invalid, "walk_minutes");
  expect_error(with({{"walk_minutes", ","}}), ErrorCode::parameter_not_a_number, "walk_minutes");
  expect_error(with({{"walk_minutes", ""}}), ErrorCode::parameter_not_a_number, "walk_minutes");
  expect_error(with({{"walk_minutes", "5, 10"}}), ErrorCode::parameter_not_a_number,
               "walk_minutes");
  expect_error(with({{"walk_minutes", "5"}, {"cell_m", "1"}}), ErrorCode::parameter_invalid,
               "cell_m");
  Limits small;
  small.coverage_cells = 10'000;  // 60 minutes take 360 × 360 cells at 25 m, 90 × 90 at 100 m
  expect_error(with({{"walk_minutes", "60"}}), ErrorCode::grid_too_large, "cell_m", small);
  EXPECT_NO_THROW(parse(with({{"walk_minutes", "60"}, {"cell_m", "100"}}), small));
  expect_error(with({{"walk_minutes", "5"}, {"format", "csv"}}), ErrorCode::unknown_format,
               "format");
  expect_error({{"lat", "39.9"}, {"walk_minutes", "5"}}, ErrorCode::parameter_missing, "lon");
  expect_error({{"lon", "200"}, {"lat", "39.9"}, {"walk_minutes", "5"}},
               ErrorCode::lon_out_of_range, "lon");
}

TEST(Isochrones, PolygonsCoverTheirCellsAndNest) {
  const auto network = grid_network();
  const IsochroneRequest r =
      parse({{"lon", "116.371"}, {"lat", "39.901"}, {"walk_minutes", "3,6,9"}});
  const Isochrone iso = isochrone_at(*network, r);
  ASSERT_EQ(iso.contours.size(), 3u);
  EXPECT_EQ(iso.network_version, network->version());
  EXPECT_TRUE(iso.station_id.empty());
  EXPECT_GT(iso.snap_m, 0);
  double previous = 0;
  for (const IsochroneContour& c : iso.contours) {
    ASSERT_FALSE(c.polygons.empty());
    EXPECT_GT(c.area_m2, previous);
    previous = c.area_m2;
    EXPECT_DOUBLE_EQ(c.area_m2, static_cast<double>(c.cells) * r.cell_m * r.cell_m);
    // Far under the disc of the same radius: the streets of this grid detour.
    const double disc = M_PI * c.limit_m * c.limit_m;
    EXPECT_LT(c.area_m2, disc);
    for (const std::vector<Ring>& polygon : c.polygons) {
      ASSERT_FALSE(polygon.empty());
      EXPECT_GT(orientation(polygon[0]), 0) << "an outer ring runs counter-clockwise";
      for (size_t h = 1; h < polygon.size(); ++h) EXPECT_LT(orientation(polygon[h]), 0);
    }
  }
  // The start itself lies inside the smallest contour.
  bool inside = false;
  for (const std::vector<Ring>& polygon : iso.contours[0].polygons)
    inside = inside || Region({polygon}).contains(*r.point);
  EXPECT_TRUE(inside);

  // Off the streets: not_near_street naming lon.
  IsochroneRequest off = r;
  off.point = LonLat{116.6, 40.2};
  try {
    isochrone_at(*network, off);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_near_street);
    EXPECT_EQ(e.parameter(), "lon");
  }
}

TEST(Isochrones, ACatchmentIsTheIsochroneFromItsStation) {
  const auto network = grid_network();
  Station s;
  s.id = "s1";
  s.name = "s1";
  s.position = {116.371, 39.901};
  Station far = s;
  far.id = "far";
  far.position = {116.6, 40.2};
  const Catalog catalog({s, far}, {});
  const auto placed = WalkStations::place(network, catalog, nullptr);
  const IsochroneRequest r =
      parse_catchment(QueryParams(QueryParams::Raw{{"walk_minutes", "5,10"}}), kDefaultLimits);
  const Isochrone c = catchment_of(catalog, *placed, "s1", r);
  EXPECT_EQ(c.station_id, "s1");
  IsochroneRequest at = r;
  at.point = s.position;
  const Isochrone i = isochrone_at(*network, at);
  ASSERT_EQ(c.contours.size(), i.contours.size());
  for (size_t k = 0; k < c.contours.size(); ++k) {
    EXPECT_EQ(c.contours[k].cells, i.contours[k].cells);
    EXPECT_EQ(c.contours[k].minutes, i.contours[k].minutes);
  }
  for (const auto& [id, code] : std::vector<std::pair<std::string, ErrorCode>>{
           {"nope", ErrorCode::station_not_found}, {"far", ErrorCode::not_near_street}}) {
    try {
      catchment_of(catalog, *placed, id, r);
      FAIL() << id;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << id;
      EXPECT_EQ(e.parameter(), "id");
    }
  }
}

}  // namespace
}  // namespace sf
