// Import of each format from files the test writes, and the report of unusable rows.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "core/datum.hpp"
#include "core/errors.hpp"
#include "io/gdal_handles.hpp"
#include "io/station_export.hpp"
#include "io/station_reader.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

const Station* by_id(const std::vector<Station>& v, const std::string& id) {
  auto it = std::find_if(v.begin(), v.end(), [&](const Station& s) { return s.id == id; });
  return it == v.end() ? nullptr : &*it;
}

bool rejected_row(const StationReadReport& r, size_t row, const std::string& needle) {
  return std::any_of(r.rejected.begin(), r.rejected.end(), [&](const RowIssue& i) {
    return i.row == row && i.reason.find(needle) != std::string::npos;
  });
}

TEST(StationReader, CsvWithEveryKindOfBadRow) {
  const auto dir = test::temp_dir("csv");
  const auto path = dir / "stations.csv";
  test::write_file(path,
                   "id,name,lon,lat,host_type,amenities,opening_hours\n"
                   "a1,Good,116.40,39.90,bank,\"water,toilet\",Mo-Fr 09:00-17:00\n"
                   "a2,No coords,,,bank,,\n"
                   "a3,Text coords,abc,39.9,bank,,\n"
                   "a4,Out of range,200,39.9,bank,,\n"
                   "a5,Lat out,116.4,-91,bank,,\n"
                   "a6,NaN,nan,39.9,bank,,\n"
                   "a1,Duplicate,116.41,39.91,bank,,\n"
                   "a7,Bad amenity,116.42,39.92,bank,jacuzzi,\n"
                   "a8,Bad host,116.43,39.93,casino,,\n"
                   "a9,Odd hours,116.44,39.94,,microwave,whenever\n"
                   "a10,Inf,116.4,inf,bank,,\n");
  const auto result = read_stations(path.string(), {});
  const auto& r = result.report;
  EXPECT_EQ(r.rows, 11u);
  ASSERT_EQ(result.stations.size(), 2u);
  EXPECT_EQ(r.rejected.size(), 9u);
  EXPECT_TRUE(rejected_row(r, 2, "empty"));
  EXPECT_TRUE(rejected_row(r, 3, "not a number"));
  EXPECT_TRUE(rejected_row(r, 4, "out of range"));
  EXPECT_TRUE(rejected_row(r, 5, "out of range"));
  EXPECT_TRUE(rejected_row(r, 6, "not finite"));
  EXPECT_TRUE(rejected_row(r, 7, "duplicate id 'a1' (first seen at row 1)"));
  EXPECT_TRUE(rejected_row(r, 8, "unknown amenity 'jacuzzi'"));
  EXPECT_TRUE(rejected_row(r, 9, "unknown host_type 'casino'"));
  EXPECT_TRUE(rejected_row(r, 11, "not finite"));
  const Station* a1 = by_id(result.stations, "a1");
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(a1->name, "Good");
  EXPECT_EQ(a1->host_type, HostType::bank);
  EXPECT_EQ(a1->amenities, amenity_bit(Amenity::water) | amenity_bit(Amenity::toilet));
  EXPECT_DOUBLE_EQ(a1->position.lon, 116.40);
  const Station* a9 = by_id(result.stations, "a9");
  ASSERT_NE(a9, nullptr);
  EXPECT_EQ(a9->host_type, HostType::other);  // empty host_type
  EXPECT_EQ(a9->amenities, amenity_bit(Amenity::hot_meal));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].row, 10u);
  EXPECT_NE(r.warnings[0].reason.find("not understood"), std::string::npos);
}

// GDAL's CSV reader stops at a field over its size limit and ends the layer there, as if the
// file were complete: that must fail the read, naming the row, never pass for a short file.
TEST(StationReader, AReaderThatStopsEarlyFailsTheWholeRead) {
  const auto dir = test::temp_dir("truncated");
  const auto path = dir / "stations.csv";
  std::string csv = "id,name,lon,lat\n";
  for (int i = 1; i <= 201; ++i) {
    csv.append("s").append(std::to_string(i)).append(",");
    if (i == 101) {
      csv.append(10 << 20, 'x');
    } else {
      csv.append("station");
    }
    csv.append(",116.4,39.9\n");
  }
  test::write_file(path, csv);
  try {
    read_stations(path.string(), {});
    FAIL() << "a truncated read passed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::data_invalid);
    EXPECT_NE(e.rule().find("row 101"), std::string::npos) << e.rule();
  }
  // A GeoPackage whose file was cut short is refused, not read as a smaller table.
  const auto gpkg = dir / "cut.gpkg";
  std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", gpkg);
  std::filesystem::resize_file(gpkg, std::filesystem::file_size(gpkg) / 2);
  EXPECT_THROW(read_stations(gpkg.string(), {}), Error);
}

TEST(StationReader, TextThatIsNotCleanUtf8RejectsTheRow) {
  const auto dir = test::temp_dir("utf8");
  const auto path = dir / "stations.csv";
  test::write_file(path, std::string("id,name,lon,lat,address\n"
                                     "ok,好站,116.40,39.90,路 1\n"
                                     "bad\xffid,Bad id,116.41,39.90,\n"
                                     "b2,Bad \xc0\xaf name,116.42,39.90,\n"
                                     "b3,Cut \xe4\xb8,116.43,39.90,\n"
                                     "b4,Fine,116.44,39.90,\xed\xa0\x80\n"));
  const auto result = read_stations(path.string(), {});
  ASSERT_EQ(result.stations.size(), 1u);
  EXPECT_EQ(result.stations[0].id, "ok");
  EXPECT_TRUE(rejected_row(result.report, 2, "id is not valid UTF-8"));
  EXPECT_TRUE(rejected_row(result.report, 3, "name is not valid UTF-8"));
  EXPECT_TRUE(rejected_row(result.report, 4, "name is not valid UTF-8"));
  EXPECT_TRUE(rejected_row(result.report, 5, "address is not valid UTF-8"));
}

TEST(StationReader, CoordinatesArePlainDecimals) {
  const auto dir = test::temp_dir("decimals");
  const auto path = dir / "stations.csv";
  test::write_file(path,
                   "id,name,lon,lat\n"
                   "a,A,116.40,39.90\n"
                   "b,B,0x74,39.90\n"
                   "c,C,+116.4,39.90\n"
                   "d,D,116.4e0,39.9E0\n");
  const auto result = read_stations(path.string(), {});
  EXPECT_EQ(result.stations.size(), 2u);
  EXPECT_TRUE(rejected_row(result.report, 2, "not a number"));
  EXPECT_TRUE(rejected_row(result.report, 3, "not a number"));
}

TEST(StationReader, ColumnDetectionMappingAndDerivedIds) {
  const auto dir = test::temp_dir("cols");
  const auto path = dir / "poi.csv";
  test::write_file(path,
                   "名称,经度,纬度,地址\n"
                   "站点甲,116.1,39.1,某路1号\n"
                   "站点乙,116.2,39.2,某路2号\n");
  const auto first = read_stations(path.string(), {});
  ASSERT_EQ(first.stations.size(), 2u);
  EXPECT_EQ(first.stations[0].name, "站点甲");
  EXPECT_EQ(first.stations[0].address, "某路1号");
  // Derived ids come from content, so a re-import (even reordered) keeps them.
  const auto path2 = dir / "poi2.csv";
  test::write_file(path2,
                   "名称,经度,纬度,地址\n"
                   "站点乙,116.2,39.2,某路2号\n"
                   "站点甲,116.1,39.1,某路1号\n");
  const auto second = read_stations(path2.string(), {});
  EXPECT_EQ(second.stations[1].id, first.stations[0].id);
  EXPECT_EQ(second.stations[0].id, first.stations[1].id);
  EXPECT_NE(first.stations[0].id, first.stations[1].id);

  const auto mapped_path = dir / "mapped.csv";
  test::write_file(mapped_path, "code,title,east,north\nk1,Mapped,116.5,39.5\n");
  StationReadOptions o;
  o.columns = {{"id", "code"}, {"name", "title"}, {"lon", "east"}, {"lat", "north"}};
  const auto mapped = read_stations(mapped_path.string(), o);
  ASSERT_EQ(mapped.stations.size(), 1u);
  EXPECT_EQ(mapped.stations[0].id, "k1");
  EXPECT_EQ(mapped.stations[0].name, "Mapped");
  EXPECT_DOUBLE_EQ(mapped.stations[0].position.lat, 39.5);
  o.columns = {{"lon", "nope"}};
  EXPECT_THROW(read_stations(mapped_path.string(), o), Error);
  o.columns = {{"colour", "title"}};
  EXPECT_THROW(read_stations(mapped_path.string(), o), Error);
}

TEST(StationReader, Gcj02AndBd09Sources) {
  const auto dir = test::temp_dir("datum");
  const LonLat wgs{116.397, 39.908};
  const LonLat gcj = from_wgs84(wgs, Datum::gcj02), bd = from_wgs84(wgs, Datum::bd09);
  const auto path = dir / "gcj.csv";
  char line[200];
  std::snprintf(line, sizeof line, "id,lng_gcj02,lat_gcj02\ng1,%.9f,%.9f\n", gcj.lon, gcj.lat);
  test::write_file(path, line);
  StationReadOptions o;
  o.crs = "gcj02";
  const auto r = read_stations(path.string(), o);
  ASSERT_EQ(r.stations.size(), 1u);
  EXPECT_LT(distance_m(r.stations[0].position, wgs), 0.01);
  const auto bd_path = dir / "bd.csv";
  std::snprintf(line, sizeof line, "uid,lng_bd09,lat_bd09\nb1,%.9f,%.9f\n", bd.lon, bd.lat);
  test::write_file(bd_path, line);
  o.crs = "bd09";
  const auto rb = read_stations(bd_path.string(), o);
  ASSERT_EQ(rb.stations.size(), 1u);
  EXPECT_EQ(rb.stations[0].id, "b1");
  EXPECT_LT(distance_m(rb.stations[0].position, wgs), 0.01);
  o.crs = "martian";
  EXPECT_THROW(read_stations(bd_path.string(), o), Error);
}

std::vector<Station> sample_stations() {
  std::vector<Station> v;
  for (int i = 0; i < 3; ++i) {
    Station s;
    s.id = "s" + std::to_string(i);
    s.name = "站 " + std::to_string(i);
    s.position = {116.3 + i * 0.01, 39.9 + i * 0.01};
    s.host_type = HostType::supermarket;
    s.amenities = amenity_bit(Amenity::water) | amenity_bit(Amenity::charging);
    s.opening_hours = "24/7";
    s.address = "addr";
    s.district = "朝阳区";
    s.district_en = "Chaoyang";
    s.phone = "010-1";
    s.updated_at = "2026-01-01T00:00:00+08:00";
    v.push_back(s);
  }
  return v;
}

void expect_round_trip(const std::string& path) {
  const auto original = sample_stations();
  write_stations(path, original);
  const auto back = read_stations(path, {});
  ASSERT_EQ(back.stations.size(), original.size()) << path;
  EXPECT_TRUE(back.report.rejected.empty()) << path;
  for (const Station& o : original) {
    const Station* b = by_id(back.stations, o.id);
    ASSERT_NE(b, nullptr) << path << " " << o.id;
    EXPECT_EQ(b->name, o.name);
    EXPECT_NEAR(b->position.lon, o.position.lon, 1e-7) << path;
    EXPECT_NEAR(b->position.lat, o.position.lat, 1e-7) << path;
    EXPECT_EQ(b->host_type, o.host_type) << path;
    EXPECT_EQ(b->amenities, o.amenities) << path;
    EXPECT_EQ(b->opening_hours, o.opening_hours);
    EXPECT_EQ(b->district, o.district);
    EXPECT_EQ(b->updated_at, o.updated_at);
  }
}

TEST(StationReader, RoundTripsGeoPackageGeoJsonCsvFlatGeobuf) {
  const auto dir = test::temp_dir("roundtrip");
  for (const char* name : {"s.gpkg", "s.geojson", "s.csv", "s.fgb"}) {
    expect_round_trip((dir / name).string());
  }
}

TEST(StationReader, ShapefileInAProjectedCrsIsTransformed) {
  const auto dir = test::temp_dir("shp");
  const auto path = (dir / "stations.shp").string();
  ensure_gdal_registered();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
  ASSERT_NE(driver, nullptr);
  {
    DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(ds);
    OGRSpatialReference utm;
    utm.importFromEPSG(32650);  // UTM zone 50N, Beijing's zone
    OGRLayer* layer = ds->CreateLayer("stations", &utm, wkbPoint, nullptr);
    OGRFieldDefn id("id", OFTString);
    layer->CreateField(&id);
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("id", "utm1");
    // 116.397E 39.908N in UTM 50N, from gdaltransform.
    f.SetGeometryDirectly(new OGRPoint(448458.920, 4417720.205));
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
  const auto r = read_stations(path, {});
  ASSERT_EQ(r.stations.size(), 1u);
  EXPECT_NEAR(r.stations[0].position.lon, 116.397, 1e-8);
  EXPECT_NEAR(r.stations[0].position.lat, 39.908, 1e-8);
  EXPECT_NE(r.report.crs.find("UTM"), std::string::npos);
}

TEST(StationReader, KmlAndPolygonCentroids) {
  const auto dir = test::temp_dir("kml");
  const auto path = dir / "stations.kml";
  test::write_file(path, R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>stations</name>
<Placemark><name>Point station</name><Point><coordinates>116.40,39.90</coordinates></Point></Placemark>
<Placemark><name>Building station</name><Polygon><outerBoundaryIs><LinearRing>
<coordinates>116.50,39.80 116.52,39.80 116.52,39.82 116.50,39.82 116.50,39.80</coordinates>
</LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Road</name><LineString><coordinates>116.1,39.1 116.2,39.2</coordinates></LineString></Placemark>
</Folder></Document></kml>)");
  const auto r = read_stations(path.string(), {});
  ASSERT_EQ(r.stations.size(), 2u);
  const auto building = std::find_if(r.stations.begin(), r.stations.end(),
                                     [](const Station& s) { return s.name == "Building station"; });
  ASSERT_NE(building, r.stations.end());
  EXPECT_NEAR(building->position.lon, 116.51, 1e-9);
  EXPECT_NEAR(building->position.lat, 39.81, 1e-9);
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_NE(r.report.warnings[0].reason.find("centroid"), std::string::npos);
  EXPECT_TRUE(rejected_row(r.report, 3, "is not a point"));
}

TEST(StationReader, UnreadableSourcesAndLayersAreErrors) {
  EXPECT_THROW(read_stations("/nonexistent/stations.gpkg", {}), Error);
  const auto dir = test::temp_dir("layers");
  const auto path = (dir / "s.gpkg").string();
  write_stations(path, sample_stations());
  StationReadOptions o;
  o.layer = "nope";
  EXPECT_THROW(read_stations(path, o), Error);
}

}  // namespace
}  // namespace sf::io
