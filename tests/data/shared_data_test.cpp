// Import of the real public files in ../shared/data (GCJ-02 and BD-09). Skipped with a message
// where that folder is absent, a failure in CI.
#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "core/datum.hpp"
#include "io/coverage_study.hpp"
#include "io/dataset.hpp"
#include "io/demand_reader.hpp"
#include "io/district_reader.hpp"
#include "io/station_reader.hpp"
#include "service/siting_study.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

BBox bbox_of(const std::vector<Station>& v) {
  BBox b{1e9, 1e9, -1e9, -1e9};
  for (const Station& s : v) {
    b.west = std::min(b.west, s.position.lon);
    b.east = std::max(b.east, s.position.lon);
    b.south = std::min(b.south, s.position.lat);
    b.north = std::max(b.north, s.position.lat);
  }
  return b;
}

TEST(SharedData, SubwayStationsFromGcj02) {
  SF_SHARED_FILE_OR_SKIP(csv, "beijing-subway-stations/beijing_subway_stations_gcj02.csv");
  SF_SHARED_FILE_OR_SKIP(districts, "beijing-admin-boundaries/110100_full.json");
  DatasetOptions o;
  o.data = csv;
  o.stations.crs = "gcj02";  // lng_gcj02 / lat_gcj02 are detected as lon / lat
  o.districts = districts;
  o.districts_crs = "gcj02";
  const Dataset ds = load_dataset(o);
  EXPECT_EQ(ds.report.rows, 329u);
  EXPECT_EQ(ds.stations.size(), 329u);
  EXPECT_TRUE(ds.report.rejected.empty());
  EXPECT_EQ(ds.report.columns_used.at("lon"), "lng_gcj02");
  EXPECT_EQ(ds.report.columns_used.at("id"), "sid");
  // Raw GCJ-02 bbox 115.973395,39.670342 – 116.747434,40.244624 moves ~0.006° west and
  // ~0.0013° south in WGS84.
  const BBox b = bbox_of(ds.stations);
  EXPECT_NEAR(b.west, 115.973395 - 0.0060, 0.0008);
  EXPECT_NEAR(b.east, 116.747434 - 0.0062, 0.0008);
  EXPECT_NEAR(b.south, 39.670342 - 0.0012, 0.0006);
  EXPECT_NEAR(b.north, 40.244624 - 0.0013, 0.0006);
  for (const Station& s : ds.stations) {
    const LonLat back = wgs84_to_gcj02(s.position);
    const double shift = distance_m(s.position, back);
    EXPECT_GT(shift, 200) << s.id;
    EXPECT_LT(shift, 800) << s.id;
  }
  // Every station falls in one of the 16 real districts.
  EXPECT_EQ(ds.districts.size(), 16u);
  EXPECT_EQ(ds.districts_assigned, 329u);
  std::map<std::string, size_t> per;
  for (const Station& s : ds.stations) ++per[s.district];
  EXPECT_GT(per["朝阳区"], 40u);
  EXPECT_GT(per["海淀区"], 30u);
  // 天安门西 (Tiananmen West) is a Xicheng station in the real data.
  const auto it = std::find_if(ds.stations.begin(), ds.stations.end(),
                               [](const Station& s) { return s.name == "天安门西"; });
  ASSERT_NE(it, ds.stations.end());
  EXPECT_EQ(it->district, "西城区");
}

TEST(SharedData, HotelsFromBd09WithDuplicateUids) {
  SF_SHARED_FILE_OR_SKIP(csv, "beijing-hotels-baidu/bjpoi_POIS_bd09.csv");
  SF_SHARED_FILE_OR_SKIP(districts, "beijing-admin-boundaries/110100_full.json");
  DatasetOptions o;
  o.data = csv;
  o.stations.crs = "bd09";
  o.districts = districts;
  o.districts_crs = "gcj02";
  const Dataset ds = load_dataset(o);
  EXPECT_EQ(ds.report.rows, 697u);
  EXPECT_EQ(ds.stations.size(), 693u);
  ASSERT_EQ(ds.report.rejected.size(), 4u);
  for (const RowIssue& r : ds.report.rejected) {
    EXPECT_NE(r.reason.find("duplicate id"), std::string::npos) << r.reason;
  }
  // Raw BD-09 bbox 116.152823,39.794392 – 116.627502,40.117016; BD-09 sits ~0.0125° east and
  // ~0.0073° north of WGS84 here.
  const BBox b = bbox_of(ds.stations);
  EXPECT_NEAR(b.west, 116.152823 - 0.0125, 0.0015);
  EXPECT_NEAR(b.east, 116.627502 - 0.0125, 0.0015);
  EXPECT_NEAR(b.south, 39.794392 - 0.0073, 0.0010);
  EXPECT_NEAR(b.north, 40.117016 - 0.0073, 0.0010);
  // The `area` column (朝阳, 东城, …) becomes the district layer's names.
  std::map<std::string, size_t> per;
  for (const Station& s : ds.stations) ++per[s.district];
  EXPECT_EQ(per.size(), 5u);
  EXPECT_GT(per["朝阳区"], 140u);
  EXPECT_GT(per["东城区"], 125u);
  for (const Station& s : ds.stations) EXPECT_FALSE(s.district_en.empty() && s.district.empty());
}

TEST(SharedData, DistrictBoundariesFromGcj02) {
  SF_SHARED_FILE_OR_SKIP(path, "beijing-admin-boundaries/110100_full.json");
  DistrictReadOptions o;
  o.crs = "gcj02";
  const auto districts = read_districts(path, o);
  ASSERT_EQ(districts.size(), 16u);
  std::map<std::string, std::string> codes;
  for (const District& d : districts) codes[d.name] = d.code;
  EXPECT_EQ(codes["东城区"], "110101");
  EXPECT_EQ(codes["延庆区"], "110119");
  const District& dongcheng =
      *std::find_if(districts.begin(), districts.end(), [](auto& d) { return d.name == "东城区"; });
  // GCJ-02 bbox 116.3806,39.8587 – 116.4509,39.9740 moves west and south in WGS84.
  EXPECT_NEAR(dongcheng.region.bbox().west, 116.3806 - 0.0061, 0.0008);
  EXPECT_NEAR(dongcheng.region.bbox().north, 39.9740 - 0.0014, 0.0006);
  // The Forbidden City (WGS84) is in Dongcheng.
  EXPECT_TRUE(dongcheng.region.contains({116.391, 39.916}));
}

// Subway stations (GCJ-02) as demand, hotels (BD-09) as candidate host sites, over the
// bundled stations: where commuters arrive, is a station within 500 m, and where would new
// ones help most?
TEST(SharedData, SubwayDemandAndHotelCandidates) {
  SF_SHARED_FILE_OR_SKIP(subway, "beijing-subway-stations/beijing_subway_stations_gcj02.csv");
  SF_SHARED_FILE_OR_SKIP(hotels, "beijing-hotels-baidu/bjpoi_POIS_bd09.csv");
  DemandReadOptions d;
  d.crs = "gcj02";
  const DemandReadResult demand = read_demand(subway, d);
  EXPECT_EQ(demand.layer.points.size(), 329u);
  EXPECT_EQ(demand.report.rejected, 0u);
  EXPECT_TRUE(demand.report.weight_column.empty());  // every station weighs 1

  DatasetOptions o;
  o.data = std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg";
  Dataset ds = load_dataset(o);
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  CoverageStudyInput in;
  for (uint32_t i = 0; i < catalog.size(); ++i) in.stations.push_back(catalog.station(i).position);
  for (const District& district : catalog.districts()) in.districts.push_back(&district);
  in.demand = &demand.layer;
  const auto rows = district_report(in);
  ASSERT_EQ(rows.size(), 17u);
  const DistrictRow& all = rows.back();
  ASSERT_TRUE(all.demand);
  EXPECT_GE(all.demand->points, 320u);  // the subway lies inside Beijing's districts
  EXPECT_GT(all.demand->covered_pct, 0);
  EXPECT_LT(all.demand->covered_pct, 100);
  size_t points = 0;
  for (size_t i = 0; i + 1 < rows.size(); ++i) points += rows[i].demand->points;
  EXPECT_EQ(points, all.demand->points);

  StationReadOptions h;
  h.crs = "bd09";
  std::vector<Candidate> candidates;
  for (const Station& s : read_stations(hotels, h).stations)
    candidates.push_back({s.position, s.id, s.name, "other"});
  EXPECT_EQ(candidates.size(), 693u);  // 697 rows, 4 duplicate uids
  std::vector<std::vector<Ring>> city;
  for (const District& district : catalog.districts())
    for (const auto& polygon : district.region.polygons()) city.push_back(polygon);
  in.region = Region(std::move(city));
  in.districts.clear();
  const SitingResult r = suggest_sites({in, candidates, 5, 95.0, 200});
  ASSERT_TRUE(r.by_demand);
  ASSERT_FALSE(r.picks.empty());
  for (size_t i = 1; i < r.picks.size(); ++i) EXPECT_LE(r.picks[i].gain, r.picks[i - 1].gain);
  EXPECT_GT(r.picks.front().gain, 0);
  EXPECT_FALSE(candidates[r.picks.front().candidate].name.empty());
  EXPECT_GE(exact_max_cover(r.problem, 1), r.picks.front().cumulative - 1e-9);
}

}  // namespace
}  // namespace sf::io
