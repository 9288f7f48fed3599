// CQL2: every operator of the conformance classes served, in the text and the JSON encodings,
// against the values of a record the test makes (and three-valued logic for missing values);
// the two encodings of each filter agree record by record over a generated catalog; a bad
// filter is an error naming its position and the rule.
#include <gtest/gtest.h>

#include <random>

#include "core/catalog.hpp"
#include "core/cql2.hpp"
#include "core/errors.hpp"
#include "core/station_queryables.hpp"
#include "core/time.hpp"
#include "service/cql2_json.hpp"

namespace sf {
namespace {

Station sample() {
  Station s;
  s.id = "bj-0042";
  s.name = "7-Eleven 交道口店";
  s.position = {116.40, 39.91};
  s.host_type = HostType::convenience_store;
  s.amenities = amenity_bit(Amenity::water) | amenity_bit(Amenity::toilet);
  s.opening_hours = "24/7";
  s.address = "北京市东城区交道口街244号";
  s.district = "东城区";
  s.updated_at = "2025-06-15T12:00:00+08:00";  // 04:00 UTC
  return s;
}

bool text_matches(const std::string& filter, const Station& st) {
  const Station copy = st;
  const StationView v{copy.id,          copy.name,          copy.position,  copy.host_type,
                      copy.amenities,   copy.opening_hours, copy.address,   copy.district,
                      copy.district_en, copy.phone,         copy.updated_at};
  const cql2::Filter f = cql2::parse_text(filter, station_queryables());
  return f.matches([&v](uint32_t p) { return station_value(v, p); });
}

bool json_matches(const std::string& filter, const Station& st) {
  const StationView v{st.id,          st.name,          st.position,  st.host_type,
                      st.amenities,   st.opening_hours, st.address,   st.district,
                      st.district_en, st.phone,         st.updated_at};
  const cql2::Filter f = parse_cql2_json(filter, station_queryables());
  return f.matches([&v](uint32_t p) { return station_value(v, p); });
}

// Pieces joined (GCC 12 misreads "literal" + std::string chains under -Werror=restrict).
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

struct Row {
  const char* text;
  const char* json;
  bool expected;
};

TEST(Cql2, EveryOperatorInBothEncodings) {
  const Station s = sample();
  const std::vector<Row> rows = {
      // Basic CQL2
      {"host_type = 'convenience_store'",
       R"({"op":"=","args":[{"property":"host_type"},"convenience_store"]})", true},
      {"host_type <> 'bank'", R"({"op":"<>","args":[{"property":"host_type"},"bank"]})", true},
      {"'bj-0041' < id", R"({"op":"<","args":["bj-0041",{"property":"id"}]})", true},
      {"id <= 'bj-0042' AND id >= 'bj-0042'",
       R"({"op":"and","args":[{"op":"<=","args":[{"property":"id"},"bj-0042"]},{"op":">=","args":[{"property":"id"},"bj-0042"]}]})",
       true},
      {"id > 'bj-0042' OR NOT (district = '东城区')",
       R"({"op":"or","args":[{"op":">","args":[{"property":"id"},"bj-0042"]},{"op":"not","args":[{"op":"=","args":[{"property":"district"},"东城区"]}]}]})",
       false},
      {"updated_at = TIMESTAMP('2025-06-15T04:00:00Z')",
       R"({"op":"=","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T04:00:00Z"}]})",
       true},
      {"updated_at < DATE('2025-06-16')",
       R"({"op":"<","args":[{"property":"updated_at"},{"date":"2025-06-16"}]})", true},
      {"phone IS NULL", R"({"op":"isNull","args":[{"property":"phone"}]})", true},
      {"name IS NOT NULL", R"({"op":"not","args":[{"op":"isNull","args":[{"property":"name"}]}]})",
       true},
      {"TRUE", "true", true},
      {"FALSE OR TRUE", R"({"op":"or","args":[false,true]})", true},
      // Three-valued logic: a comparison with a missing phone is unknown, and so is its NOT.
      {"phone = '110'", R"({"op":"=","args":[{"property":"phone"},"110"]})", false},
      {"NOT (phone = '110')",
       R"({"op":"not","args":[{"op":"=","args":[{"property":"phone"},"110"]}]})", false},
      {"phone = '110' OR id = 'bj-0042'",
       R"({"op":"or","args":[{"op":"=","args":[{"property":"phone"},"110"]},{"op":"=","args":[{"property":"id"},"bj-0042"]}]})",
       true},
      // Advanced comparison operators
      {"name LIKE '7-Eleven%'", R"({"op":"like","args":[{"property":"name"},"7-Eleven%"]})", true},
      {"name LIKE '7-Eleven ___店'",
       R"({"op":"like","args":[{"property":"name"},"7-Eleven ___店"]})", true},
      {"name LIKE '7\\-Eleven%'", R"({"op":"like","args":[{"property":"name"},"7\\-Eleven%"]})",
       true},
      {"name NOT LIKE '%bank%'",
       R"({"op":"not","args":[{"op":"like","args":[{"property":"name"},"%bank%"]}]})", true},
      {"name LIKE '7-eleven%'", R"({"op":"like","args":[{"property":"name"},"7-eleven%"]})", false},
      {"updated_at BETWEEN TIMESTAMP('2025-06-01T00:00:00Z') AND TIMESTAMP('2025-07-01T00:00:00Z')",
       R"({"op":"between","args":[{"property":"updated_at"},{"timestamp":"2025-06-01T00:00:00Z"},{"timestamp":"2025-07-01T00:00:00Z"}]})",
       true},
      {"updated_at NOT BETWEEN TIMESTAMP('2025-06-15T04:00:00Z') AND "
       "TIMESTAMP('2025-07-01T00:00:00Z')",
       R"({"op":"not","args":[{"op":"between","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T04:00:00Z"},{"timestamp":"2025-07-01T00:00:00Z"}]}]})",
       false},
      {"district IN ('西城区', '东城区')",
       R"({"op":"in","args":[{"property":"district"},["西城区","东城区"]]})", true},
      {"host_type NOT IN ('bank', 'supermarket')",
       R"({"op":"not","args":[{"op":"in","args":[{"property":"host_type"},["bank","supermarket"]]}]})",
       true},
      // Basic spatial functions (and polygons)
      {"S_INTERSECTS(geometry, POINT(116.4 39.91))",
       R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[116.4,39.91]}]})",
       true},
      {"S_INTERSECTS(geometry, BBOX(116.3, 39.9, 116.5, 40.0))",
       R"({"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[116.3,39.9,116.5,40.0]}]})",
       true},
      {"S_INTERSECTS(BBOX(116.41, 39.9, 116.5, 40.0), geometry)",
       R"({"op":"s_intersects","args":[{"bbox":[116.41,39.9,116.5,40.0]},{"property":"geometry"}]})",
       false},
      {"S_INTERSECTS(geometry, POLYGON((116.3 39.8, 116.5 39.8, 116.5 40.0, 116.3 40.0, 116.3 "
       "39.8)))",
       R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[116.3,39.8],[116.5,39.8],[116.5,40.0],[116.3,40.0],[116.3,39.8]]]}]})",
       true},
      {"S_INTERSECTS(geometry, MULTIPOINT((1 2), (116.4 39.91)))",
       R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"MultiPoint","coordinates":[[1,2],[116.4,39.91]]}]})",
       true},
      {"S_INTERSECTS(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((116 39, 117 39, 117 40, 116 "
       "40, 116 39))))",
       R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[116,39],[117,39],[117,40],[116,40],[116,39]]]]}]})",
       true},
      // Array functions
      {"A_CONTAINS(amenities, ('toilet'))",
       R"({"op":"a_contains","args":[{"property":"amenities"},["toilet"]]})", true},
      {"A_CONTAINS(amenities, ('toilet', 'wifi'))",
       R"({"op":"a_contains","args":[{"property":"amenities"},["toilet","wifi"]]})", false},
      {"A_CONTAINEDBY(amenities, ('water', 'toilet', 'wifi'))",
       R"({"op":"a_containedby","args":[{"property":"amenities"},["water","toilet","wifi"]]})",
       true},
      {"A_CONTAINS(('water', 'toilet', 'wifi'), amenities)",
       R"({"op":"a_contains","args":[["water","toilet","wifi"],{"property":"amenities"}]})", true},
      {"A_EQUALS(amenities, ('toilet', 'water'))",
       R"({"op":"a_equals","args":[{"property":"amenities"},["toilet","water"]]})", true},
      {"A_EQUALS(amenities, ('water'))",
       R"({"op":"a_equals","args":[{"property":"amenities"},["water"]]})", false},
      {"A_OVERLAPS(amenities, ('wifi', 'water'))",
       R"({"op":"a_overlaps","args":[{"property":"amenities"},["wifi","water"]]})", true},
      {"A_OVERLAPS(amenities, ())", R"({"op":"a_overlaps","args":[{"property":"amenities"},[]]})",
       false},
      // Temporal functions on an instant (04:00 UTC on 2025-06-15)
      {"T_AFTER(updated_at, TIMESTAMP('2025-06-15T03:59:59Z'))",
       R"({"op":"t_after","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T03:59:59Z"}]})",
       true},
      {"T_BEFORE(updated_at, DATE('2025-06-15'))",
       R"({"op":"t_before","args":[{"property":"updated_at"},{"date":"2025-06-15"}]})", false},
      {"T_DURING(updated_at, INTERVAL('2025-06-01', '2025-07-01'))",
       R"({"op":"t_during","args":[{"property":"updated_at"},{"interval":["2025-06-01","2025-07-01"]}]})",
       true},
      {"T_DURING(updated_at, INTERVAL('..', '2025-06-15T04:00:00Z'))",
       R"({"op":"t_during","args":[{"property":"updated_at"},{"interval":["..","2025-06-15T04:00:00Z"]}]})",
       false},
      {"T_FINISHES(updated_at, INTERVAL('..', '2025-06-15T04:00:00Z'))",
       R"({"op":"t_finishes","args":[{"property":"updated_at"},{"interval":["..","2025-06-15T04:00:00Z"]}]})",
       true},
      {"T_STARTS(updated_at, INTERVAL('2025-06-15T04:00:00Z', '..'))",
       R"({"op":"t_starts","args":[{"property":"updated_at"},{"interval":["2025-06-15T04:00:00Z",".."]}]})",
       true},
      {"T_INTERSECTS(updated_at, DATE('2025-06-15'))",
       R"({"op":"t_intersects","args":[{"property":"updated_at"},{"date":"2025-06-15"}]})", true},
      {"T_DISJOINT(updated_at, DATE('2025-06-14'))",
       R"({"op":"t_disjoint","args":[{"property":"updated_at"},{"date":"2025-06-14"}]})", true},
      {"T_EQUALS(updated_at, TIMESTAMP('2025-06-15T12:00:00+08:00'))",
       R"({"op":"t_equals","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T12:00:00+08:00"}]})",
       true},
      {"T_MEETS(updated_at, INTERVAL('2025-06-15T04:00:00Z', '2025-06-16T00:00:00Z'))",
       R"({"op":"t_meets","args":[{"property":"updated_at"},{"interval":["2025-06-15T04:00:00Z","2025-06-16T00:00:00Z"]}]})",
       true},
      {"T_METBY(updated_at, INTERVAL('2025-06-01T00:00:00Z', '2025-06-15T04:00:00Z'))",
       R"({"op":"t_metby","args":[{"property":"updated_at"},{"interval":["2025-06-01T00:00:00Z","2025-06-15T04:00:00Z"]}]})",
       true},
      {"T_CONTAINS(updated_at, DATE('2025-06-15'))",
       R"({"op":"t_contains","args":[{"property":"updated_at"},{"date":"2025-06-15"}]})", false},
      {"T_OVERLAPS(updated_at, DATE('2025-06-15'))",
       R"({"op":"t_overlaps","args":[{"property":"updated_at"},{"date":"2025-06-15"}]})", false},
      {"T_OVERLAPPEDBY(updated_at, DATE('2025-06-15'))",
       R"({"op":"t_overlappedby","args":[{"property":"updated_at"},{"date":"2025-06-15"}]})",
       false},
      {"T_STARTEDBY(updated_at, TIMESTAMP('2025-06-15T04:00:00Z'))",
       R"({"op":"t_startedby","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T04:00:00Z"}]})",
       false},
      {"T_FINISHEDBY(updated_at, TIMESTAMP('2025-06-15T04:00:00Z'))",
       R"({"op":"t_finishedby","args":[{"property":"updated_at"},{"timestamp":"2025-06-15T04:00:00Z"}]})",
       false},
      // Keywords in any case (property names are case-sensitive), quoted names, doubled quotes.
      {"\"host_type\" = 'convenience_store' and not name LiKe '%''%'",
       R"({"op":"and","args":[{"op":"=","args":[{"property":"host_type"},"convenience_store"]},{"op":"not","args":[{"op":"like","args":[{"property":"name"},"%'%"]}]}]})",
       true},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(text_matches(r.text, s), r.expected) << r.text;
    EXPECT_EQ(json_matches(r.json, s), r.expected) << r.json;
  }
}

TEST(Cql2, TemporalFunctionsOnIntervalsFollowAllensRelations) {
  // The evaluator treats a record's instant as [t, t]; the relations are checked here on
  // literal intervals against each other through a record whose instant is the midpoint.
  Station s = sample();
  const UnixSeconds t = *parse_iso8601(s.updated_at);
  auto at = [](UnixSeconds x) { return join({"TIMESTAMP('", format_shanghai(x), "')"}); };
  // Before, after and equal as instants.
  EXPECT_TRUE(text_matches(join({"T_BEFORE(updated_at, ", at(t + 1), ")"}), s));
  EXPECT_FALSE(text_matches(join({"T_BEFORE(updated_at, ", at(t), ")"}), s));
  EXPECT_TRUE(text_matches(join({"T_EQUALS(updated_at, ", at(t), ")"}), s));
  EXPECT_TRUE(text_matches(join({"T_INTERSECTS(updated_at, INTERVAL(", at(t), ", '..'))"}), s));
  EXPECT_FALSE(
      text_matches(join({"T_INTERSECTS(updated_at, INTERVAL(", at(t + 1), ", '..'))"}), s));
  // A station without a time is unknown for every function: never kept, nor by NOT.
  s.updated_at = "";
  EXPECT_FALSE(text_matches(join({"T_BEFORE(updated_at, ", at(t), ")"}), s));
  EXPECT_FALSE(text_matches(join({"NOT T_BEFORE(updated_at, ", at(t), ")"}), s));
  EXPECT_TRUE(text_matches("updated_at IS NULL", s));
}

TEST(Cql2, BothEncodingsAgreeOverACatalog) {
  std::mt19937 rng(5);
  std::vector<Station> stations;
  for (int i = 0; i < 400; ++i) {
    Station s = sample();
    s.id = join({"s", std::to_string(i)});
    s.position = {116.3 + (rng() % 2000) * 1e-4, 39.8 + (rng() % 2000) * 1e-4};
    s.host_type = static_cast<HostType>(rng() % 5);
    s.amenities = static_cast<AmenitySet>(rng() & 0x3ff);
    s.name = join({i % 3 ? "Bank " : "Shop ", s.id});
    s.updated_at =
        i % 9 ? format_shanghai(1735689600 + static_cast<UnixSeconds>(rng() % 31'536'000)) : "";
    stations.push_back(s);
  }
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"S_INTERSECTS(geometry, BBOX(116.35, 39.85, 116.42, 39.93)) AND A_OVERLAPS(amenities, "
       "('wifi', 'toilet'))",
       R"({"op":"and","args":[{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[116.35,39.85,116.42,39.93]}]},{"op":"a_overlaps","args":[{"property":"amenities"},["wifi","toilet"]]}]})"},
      {"name LIKE 'Bank%' OR T_DURING(updated_at, INTERVAL('2025-03-01', '2025-05-01'))",
       R"({"op":"or","args":[{"op":"like","args":[{"property":"name"},"Bank%"]},{"op":"t_during","args":[{"property":"updated_at"},{"interval":["2025-03-01","2025-05-01"]}]}]})"},
      {"NOT (updated_at > TIMESTAMP('2025-07-01T00:00:00Z')) AND host_type IN ('bank', 'other')",
       R"({"op":"and","args":[{"op":"not","args":[{"op":">","args":[{"property":"updated_at"},{"timestamp":"2025-07-01T00:00:00Z"}]}]},{"op":"in","args":[{"property":"host_type"},["bank","other"]]}]})"},
  };
  const Catalog catalog(stations, {});
  for (const auto& [text, json] : pairs) {
    StationFilter a, b;
    a.cql = std::make_shared<const cql2::Filter>(cql2::parse_text(text, station_queryables()));
    b.cql = std::make_shared<const cql2::Filter>(parse_cql2_json(json, station_queryables()));
    const Page pa = catalog.matching(a, 0, 1000), pb = catalog.matching(b, 0, 1000);
    ASSERT_EQ(pa.total, pb.total) << text;
    EXPECT_GT(pa.total, 10u) << text;
    EXPECT_LT(pa.total, 390u) << text;
    size_t brute = 0;
    for (const Station& s : stations) brute += text_matches(text, s);
    EXPECT_EQ(pa.total, brute) << text;
    for (size_t i = 0; i < pa.hits.size(); ++i) EXPECT_EQ(pa.hits[i].index, pb.hits[i].index);
  }
}

TEST(Cql2, ABadFilterNamesItsPositionAndTheRule) {
  auto rule = [](const std::string& filter) {
    try {
      cql2::parse_text(filter, station_queryables());
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::parameter_invalid) << filter;
      EXPECT_EQ(e.parameter(), "filter");
      return e.rule();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(rule("nme = 'x'"),
            "at character 1: no queryable 'nme' (the queryables are id, name, "
            "host_type, amenities, opening_hours, address, district, "
            "district_en, phone, updated_at, geometry)");
  EXPECT_EQ(rule("host_type = 3"), "at character 1: cannot compare a string with a number");
  EXPECT_EQ(rule("(host_type = 'bank'"), "at character 20: expected ')'");
  EXPECT_EQ(rule("name = 'x"), "at character 8: the quoted text is not closed");
  EXPECT_EQ(rule("name ~ 'x'"), "at character 6: unexpected character '~'");
  EXPECT_EQ(rule("updated_at > TIMESTAMP('yesterday')"),
            "at character 24: 'yesterday' is not an RFC 3339 date-time (2026-05-01T08:00:00Z)");
  EXPECT_EQ(
      rule("S_INTERSECTS(geometry, LINESTRING(1 2, 3 4))"),
      "at character 24: S_INTERSECTS takes POINT, MULTIPOINT, BBOX, POLYGON or MULTIPOLYGON here");
  EXPECT_EQ(rule("A_CONTAINS(name, ('x'))"),
            "at character 1: array functions compare an array property with an array literal");
  EXPECT_EQ(rule("T_AFTER(name, DATE('2025-01-01'))"),
            "at character 1: temporal functions compare timestamps, dates and intervals");
  EXPECT_EQ(rule("name LIKE 5"), "at character 1: cannot compare a string with a number");
  EXPECT_EQ(rule("id BETWEEN 'a' AND 'c'"),
            "at character 1: BETWEEN compares numbers or timestamps");
  EXPECT_EQ(rule(join({"name LIKE '", std::string(201, 'a'), "'"})),
            "at character 1: a LIKE pattern is at most 200 bytes");
  EXPECT_EQ(rule(join({"name LIKE '", std::string(200, 'a'), "'"})), "accepted");
  EXPECT_EQ(rule(join({std::string(70, '('), "TRUE", std::string(70, ')')})),
            "at character 65: nested over 64 levels");
  EXPECT_EQ(rule("id = 'a' id = 'b'"),
            "at character 10: expected AND, OR or the end of the filter");
  EXPECT_EQ(rule(""),
            "at character 1: expected a property, a string, a number, a boolean or a "
            "TIMESTAMP/DATE");
  auto json_rule = [](const std::string& filter) {
    try {
      parse_cql2_json(filter, station_queryables());
    } catch (const Error& e) {
      return e.rule();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(json_rule(R"({"op":"and","args":[true,{"op":"=","args":[{"property":"id"},1]}]})"),
            "at /args/1: cannot compare a string with a number");
  EXPECT_EQ(json_rule(R"({"op":"near","args":[]})"), "at /op: no operator 'near'");
  EXPECT_EQ(json_rule("{"), "is not JSON");
  EXPECT_EQ(
      json_rule(
          R"({"op":"s_intersects","args":[{"property":"geometry"},{"type":"LineString","coordinates":[[1,2],[3,4]]}]})"),
      "at /args/1/type: S_INTERSECTS takes Point, MultiPoint, Polygon, MultiPolygon or a bbox "
      "here");
}

}  // namespace
}  // namespace sf
