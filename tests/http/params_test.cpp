#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http/params.hpp"

namespace sf::http {
namespace {

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "no error";
  return ErrorCode::internal_error;
}

TEST(Params, BboxRules) {
  const BBox b = parse_bbox("116.1,39.2,116.3,39.4", Datum::wgs84);
  EXPECT_EQ(b.west, 116.1);
  EXPECT_EQ(b.north, 39.4);
  const BBox am = parse_bbox("170,-10,-170,10", Datum::wgs84);
  EXPECT_TRUE(am.crosses_antimeridian());
  EXPECT_EQ(code_of([] { parse_bbox("1,2,3", Datum::wgs84); }), ErrorCode::bbox_invalid);
  EXPECT_EQ(code_of([] { parse_bbox("1,2,3,4,5", Datum::wgs84); }), ErrorCode::bbox_invalid);
  EXPECT_EQ(code_of([] { parse_bbox("1,x,3,4", Datum::wgs84); }), ErrorCode::bbox_invalid);
  EXPECT_EQ(code_of([] { parse_bbox("1,2,3,inf", Datum::wgs84); }), ErrorCode::bbox_invalid);
  EXPECT_EQ(code_of([] { parse_bbox("1,50,3,40", Datum::wgs84); }),
            ErrorCode::bbox_south_above_north);
  EXPECT_EQ(code_of([] { parse_bbox("-181,0,3,4", Datum::wgs84); }), ErrorCode::lon_out_of_range);
  EXPECT_EQ(code_of([] { parse_bbox("1,-91,3,4", Datum::wgs84); }), ErrorCode::lat_out_of_range);
}

TEST(Params, ListsAndCommonParameters) {
  EXPECT_EQ(parse_amenity_list("water,microwave"),
            amenity_bit(Amenity::water) | amenity_bit(Amenity::hot_meal));
  EXPECT_EQ(parse_host_type_list("bank, gas_station"),
            host_type_bit(HostType::bank) | host_type_bit(HostType::gas_station));
  QueryParams::Raw raw{{"crs", "gcj02"},
                       {"format", "geojson"},
                       {"at", "2026-11-25T10:00"},
                       {"open_now", "true"},
                       {"q", "链家"}};
  const CommonParams c = parse_common(QueryParams(raw));
  EXPECT_EQ(c.datum, Datum::gcj02);
  EXPECT_EQ(c.format, Format::geojson);
  EXPECT_TRUE(c.at_given);
  EXPECT_EQ(c.filter.open_at_minute_of_week, 2 * 1440 + 600);
  EXPECT_EQ(c.filter.text, "链家");
}

TEST(Params, NumbersCheckFiniteFirstThenRange) {
  QueryParams::Raw raw{{"lon", "inf"}, {"lat", "39"}};
  EXPECT_EQ(code_of([&] { parse_point(QueryParams(raw), Datum::wgs84); }),
            ErrorCode::parameter_not_finite);
  raw = {{"lon", "116"}, {"lat", "1e3"}};
  EXPECT_EQ(code_of([&] { parse_point(QueryParams(raw), Datum::wgs84); }),
            ErrorCode::lat_out_of_range);
  raw = {{"lon", "116abc"}, {"lat", "39"}};
  EXPECT_EQ(code_of([&] { parse_point(QueryParams(raw), Datum::wgs84); }),
            ErrorCode::parameter_not_a_number);
}

}  // namespace
}  // namespace sf::http
