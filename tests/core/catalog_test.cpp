#include <gtest/gtest.h>
#include <algorithm>

#include "core/catalog.hpp"
#include "core/errors.hpp"

namespace sf {
namespace {

Station station(const char* id, double lon, double lat, const char* hours = "24/7") {
  Station s;
  s.id = id;
  s.name = "Station ";
  s.name += id;
  s.position = {lon, lat};
  s.opening_hours = hours;
  return s;
}

District square_district(const char* name, const char* en, double w, double s, double e, double n) {
  District d;
  d.name = name;
  d.name_en = en;
  d.code = "c-";
  d.code += en;
  d.region = Region({{{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}});
  return d;
}

TEST(Catalog, RejectsDuplicateIds) {
  std::vector<Station> v{station("a", 1, 1), station("a", 2, 2)};
  EXPECT_THROW(Catalog(std::move(v), {}), Error);
}

TEST(Catalog, FindsByIdAndVersionsByContent) {
  const Catalog a({station("x", 1, 1), station("b", 2, 2)}, {});
  ASSERT_TRUE(a.find("x"));
  EXPECT_EQ(a.station(*a.find("x")).id, "x");
  EXPECT_FALSE(a.find("nope"));
  const Catalog same({station("b", 2, 2), station("x", 1, 1)}, {});
  EXPECT_EQ(a.version(), same.version());  // order of input does not matter
  const Catalog moved({station("x", 1, 1.00001), station("b", 2, 2)}, {});
  EXPECT_NE(a.version(), moved.version());
  EXPECT_EQ(a.bbox()->west, 1);
  EXPECT_EQ(a.bbox()->north, 2);
}

TEST(Catalog, CountsUnparsedHours) {
  const Catalog c({station("a", 1, 1, "whenever"), station("b", 1, 1, ""), station("c", 1, 1)}, {});
  EXPECT_EQ(c.unparsed_hours_count(), 1u);
  EXPECT_EQ(c.hours(*c.find("a")), nullptr);
  EXPECT_EQ(c.hours(*c.find("b")), nullptr);
  ASSERT_NE(c.hours(*c.find("c")), nullptr);
  StationFilter open;
  open.open_at_minute_of_week = 600;
  EXPECT_FALSE(c.accepts(*c.find("a"), open));  // unknown hours never count as open
  EXPECT_TRUE(c.accepts(*c.find("c"), open));
}

TEST(Catalog, DistrictsByPointInPolygonAndNames) {
  std::vector<District> districts{square_district("东区", "East", 1, 0, 2, 1),
                                  square_district("西区", "West", 0, 0, 1, 1)};
  std::vector<Station> stations{station("a", 0.5, 0.5), station("b", 1.5, 0.5), station("c", 5, 5)};
  stations[1].district = "西区";  // the source's own district wins
  EXPECT_EQ(assign_districts(stations, districts), 1u);
  EXPECT_EQ(stations[0].district, "西区");
  EXPECT_EQ(stations[0].district_en, "West");
  EXPECT_EQ(stations[1].district, "西区");
  EXPECT_EQ(stations[2].district, "");
  const Catalog c(std::move(stations), std::move(districts));
  ASSERT_NE(c.find_district("east"), nullptr);
  EXPECT_EQ(c.find_district("east")->name, "东区");
  EXPECT_EQ(c.find_district("东区")->name_en, "East");
  EXPECT_EQ(c.find_district("c-West")->name, "西区");
  EXPECT_EQ(c.find_district("North"), nullptr);
  EXPECT_EQ(c.stations_in_district("西区"), 2u);
  EXPECT_EQ(c.stations_in_district("东区"), 0u);
  EXPECT_EQ(c.stations_in_district("nowhere"), 0u);
  StationFilter f;
  f.district = "西区";
  EXPECT_EQ(c.matching(f, 0, 10).total, 2u);
  f.district = "东区";
  EXPECT_EQ(c.matching(f, 0, 10).total, 0u);
}

TEST(Catalog, TextFilterIsCaseInsensitiveAndMatchesAddress) {
  std::vector<Station> v{station("a", 1, 1), station("b", 1, 1)};
  v[0].name = "Wumart 物美超市";
  v[1].address = "朝阳区望京街 8 号";
  const Catalog c(std::move(v), {});
  StationFilter f;
  f.text = "WUMART";
  EXPECT_EQ(c.matching(f, 0, 10).total, 1u);
  f.text = "望京";
  EXPECT_EQ(c.matching(f, 0, 10).total, 1u);
  EXPECT_EQ(c.station(c.matching(f, 0, 10).hits[0].index).id, "b");
}

TEST(Catalog, RegionQueryAndPaging) {
  std::vector<Station> v;
  for (int i = 0; i < 30; ++i) {
    const std::string id = std::to_string(100 + i);
    v.push_back(station(("s" + id).c_str(), 0.1 + i * 0.01, 0.5));
  }
  const Catalog c(std::move(v), {});
  const Region r({{{{0, 0}, {0.2, 0}, {0.2, 1}, {0, 1}, {0, 0}}}});
  const Page all = c.in_region(r, {}, 0, 100);
  EXPECT_EQ(all.total, 10u);  // lon 0.10 .. 0.19
  const Page second = c.in_region(r, {}, 4, 4);
  ASSERT_EQ(second.hits.size(), 4u);
  EXPECT_EQ(c.station(second.hits[0].index).id, "s104");
  const Page beyond = c.in_region(r, {}, 20, 4);
  EXPECT_TRUE(beyond.hits.empty());
  EXPECT_EQ(beyond.total, 10u);
}

}  // namespace
}  // namespace sf

namespace sf {
namespace {

TEST(Catalog, UpdatedAtBoundsAreInclusiveAndLeaveOutStationsWithoutATime) {
  std::vector<Station> v;
  const char* times[] = {"2026-01-01T00:00:00+08:00",
                         "2026-01-01T08:00:00+08:00",
                         "2026-01-02T00:00:00Z",
                         "",
                         "yesterday",
                         "2025-12-31T16:00:00Z"};
  for (int i = 0; i < 6; ++i) {
    v.push_back(station(("t" + std::to_string(i)).c_str(), 116 + i * 0.01, 39.9));
    v.back().updated_at = times[i];
  }
  const Catalog c(std::move(v), {});
  auto ids = [&c](const StationFilter& f) {
    std::string out;
    for (const Hit& h : c.matching(f, 0, 10).hits) out += std::string(c.station(h.index).id) + " ";
    return out;
  };
  StationFilter f;
  f.updated_from = *parse_iso8601("2025-12-31T16:00:00Z");  // t0 and t5 are this instant
  f.updated_to = *parse_iso8601("2026-01-01T00:00:00Z");    // t1
  EXPECT_EQ(ids(f), "t0 t1 t5 ");
  EXPECT_EQ(c.matching(f, 0, 10).total, 3u);
  f.updated_to.reset();
  EXPECT_EQ(ids(f), "t0 t1 t2 t5 ");
  StationFilter before;
  before.updated_to = *parse_iso8601("2025-12-31T16:00:00Z");
  EXPECT_EQ(ids(before), "t0 t5 ");
  // A cursor between ids starts at the next one; past the last there is nothing.
  EXPECT_EQ(c.after_id(std::string_view("t0a"), std::nullopt, f, 2).hits.size(), 2u);
  EXPECT_EQ(c.station(c.after_id(std::string_view("t0a"), std::nullopt, f, 2).hits[0].index).id,
            "t1");
  EXPECT_TRUE(c.after_id(std::string_view("t9"), std::nullopt, {}, 5).hits.empty());
  EXPECT_EQ(c.after_id(std::string_view("t9"), std::nullopt, {}, 5).total, 6u);
}

TEST(Catalog, SortsByIdLikeStdString) {
  std::vector<std::string> ids = {"bj-110105-00042",
                                  "bj-110105-00041",
                                  "bj-110105-000410",
                                  "a",
                                  "",
                                  "b\xe5\x8c\x97",
                                  "bj-110105-0004",
                                  "Z",
                                  "same-prefix-longer-than-16-bytes-2",
                                  "same-prefix-longer-than-16-bytes-10",
                                  std::string("x\0y", 3),
                                  "x",
                                  "\xff"};
  std::vector<Station> v;
  for (const std::string& id : ids) {
    Station s;
    s.id = id;
    v.push_back(s);
  }
  const Catalog c(std::move(v), {});
  std::sort(ids.begin(), ids.end());
  ASSERT_EQ(c.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(c.station(static_cast<uint32_t>(i)).id, ids[i]) << i;
    EXPECT_EQ(c.find(ids[i]), i);
  }
}

}  // namespace
}  // namespace sf
