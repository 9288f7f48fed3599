#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "service/query_params.hpp"

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

// Plain decimals only: what strtod would also take (hex floats, '+', spaces) is refused.
TEST(Params, NumbersArePlainDecimals) {
  for (const char* bad : {"0x1.3ep5", "0x74", "+116", " 116", "116 ", "116.", ".5", "1e", "1e+",
                          "--1", "1_000", "１１６", "116,4", "", "-"}) {
    QueryParams::Raw raw{{"lon", bad}, {"lat", "39"}};
    EXPECT_EQ(code_of([&] { parse_point(QueryParams(raw), Datum::wgs84); }),
              ErrorCode::parameter_not_a_number)
        << "'" << bad << "'";
  }
  for (const char* good : {"116", "-116", "116.5", "1.165e2", "1165E-1", "1.165e+2", "0"}) {
    QueryParams::Raw raw{{"lon", good}, {"lat", "39"}};
    EXPECT_NO_THROW(parse_point(QueryParams(raw), Datum::wgs84)) << good;
  }
  EXPECT_EQ(code_of([] { parse_bbox("0x1,2,3,4", Datum::wgs84); }), ErrorCode::bbox_invalid);
  EXPECT_EQ(code_of([] { parse_bbox("+1,2,3,4", Datum::wgs84); }), ErrorCode::bbox_invalid);
  QueryParams::Raw k{{"k", "+5"}};
  EXPECT_EQ(code_of([&] { QueryParams(k).integer("k", 5, 1, 100, ErrorCode::k_out_of_range); }),
            ErrorCode::parameter_not_a_number);
}

TEST(Params, TextMustBeCleanUtf8) {
  EXPECT_NO_THROW(check_request_text("/v1/stations/站", {{"q", "链家"}, {"amenities", "toilet"}}));
  for (const std::string& bad :
       {std::string("\xff"), std::string("a\0b", 3), std::string("\xc0\xaf"),
        std::string("\xed\xa0\x80"), std::string("\xe9\x93")}) {
    EXPECT_EQ(code_of([&] {
                check_request_text("/v1/meta", {{"lon", bad}});
              }),
              ErrorCode::invalid_utf8);
    EXPECT_EQ(code_of([&] { check_request_text("/v1/stations/" + bad, {}); }),
              ErrorCode::invalid_utf8);
    EXPECT_EQ(code_of([&] {
                check_request_text("/v1/meta", {{bad, "1"}});
              }),
              ErrorCode::invalid_utf8);
  }
  try {
    check_request_text("/v1/meta", {{"district", "\xff\xfe"}});
  } catch (const Error& e) {
    EXPECT_EQ(e.parameter(), "district");
    EXPECT_TRUE(is_clean_text(e.rule()));  // the bytes are never echoed
  }
}

}  // namespace
}  // namespace sf::http
