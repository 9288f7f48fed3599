// Walking answers (distance=walk) against a real server on 127.0.0.1 over a street grid with
// a river crossed at one bridge: every walk checked against a Dijkstra written in the test,
// walks never under the straight line, the river reordering the nearest, paths, paging,
// filters, datums, the batch, within by walk, and every refusal.
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/catalog.hpp"
#include "core/datum.hpp"
#include "core/region.hpp"
#include "core/time.hpp"
#include "http/server.hpp"
#include "running_server.hpp"
#include "test_support.hpp"
#include "walk_reference.hpp"

namespace sf::http {
namespace {

using nlohmann::json;

constexpr uint32_t kSize = 24;      // junctions a side, 0.001° apart from (116.35, 39.87)
constexpr uint32_t kRiverRow = 11;  // no street crosses between rows 11 and 12 but at column 3
constexpr uint32_t kBridgeColumn = 3;

LonLat junction(double col, double row) {
  return {116.35 + col * 0.001, 39.87 + row * 0.001};
}

WalkGraph river_grid() {
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  for (uint32_t r = 0; r < kSize; ++r)
    for (uint32_t c = 0; c < kSize; ++c) nodes.push_back(junction(c, r));
  for (uint32_t r = 0; r < kSize; ++r) {
    for (uint32_t c = 0; c < kSize; ++c) {
      const uint32_t i = r * kSize + c;
      if (c + 1 < kSize) segments.emplace_back(i, i + 1);
      if (r + 1 < kSize && (r != kRiverRow || c == kBridgeColumn))
        segments.emplace_back(i, i + kSize);
    }
  }
  return WalkGraph(std::move(nodes), segments, 50);
}

Station station(const std::string& id, LonLat p, Amenity amenity) {
  Station s;
  s.id = id;
  s.name = id;
  s.position = p;
  s.host_type = HostType::bank;
  s.amenities = amenity_bit(Amenity::water) | amenity_bit(amenity);
  s.opening_hours = "24/7";
  return s;
}

std::vector<Station> river_stations() {
  std::vector<Station> v;
  v.push_back(station("across", junction(10.3, 12.2), Amenity::wifi));  // 120 m, over water
  v.push_back(station("bank", junction(15.4, 10.8), Amenity::wifi));    // 470 m, same bank
  v.push_back(station("far", junction(20.5, 3.5), Amenity::charging));
  v.push_back(station("north", junction(6.5, 20.2), Amenity::charging));
  v.push_back(station("off", {116.6, 39.95}, Amenity::toilet));  // nowhere near a street
  for (uint32_t i = 0; i < 40; ++i) {                            // a scatter, deterministic
    v.push_back(station(std::to_string(i) + "s",
                        junction((i * 7) % 23 + 0.37, (i * 11) % 23 + 0.61),
                        i % 2 ? Amenity::toilet : Amenity::charging));
  }
  return v;
}

class WalkApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerConfig config;
    config.port = 0;
    config.threads = 8;
    config.limits.walk_batch_points = 5;
    Snapshot snap;
    snap.catalog = std::make_shared<const Catalog>(river_stations(), std::vector<District>{});
    snap.source = "river grid";
    io::NetworkReadReport report;
    report.source = "river grid";
    report.format = "test";
    report.min_part_nodes = 50;
    snap.network =
        std::make_shared<const WalkNetwork>(io::Network{river_grid(), report, {}, {}}, 300.0, 0.0);
    network_ = snap.network;
    catalog_ = snap.catalog;
    running_ = new RunningServer(config, snap);
    server_ = &running_->server;
    port_ = running_->port;
    ASSERT_TRUE(server_->running());
  }
  static void TearDownTestSuite() {
    delete running_;
    network_.reset();
    catalog_.reset();
  }

  json request(const std::string& method, const std::string& path, int status,
               const std::string& body = "") const {
    httplib::Client c("127.0.0.1", port_);
    auto res =
        method == "GET" ? c.Get(path.c_str()) : c.Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << "\n" << res->body;
    return json::parse(res->body);
  }
  void expect_problem(const std::string& method, const std::string& path, int status,
                      const std::string& code, const std::string& parameter,
                      const std::string& body = "") const {
    const json p = request(method, path, status, body);
    EXPECT_EQ(p["code"], code) << path;
    EXPECT_EQ(p["parameter"], parameter) << path;
  }

  // Every served station's walk from p (infinite when unreachable), by the reference.
  static std::map<std::string, double> reference_walks(LonLat p) {
    const WalkGraph& g = network_->graph();
    std::map<std::string, double> out;
    const auto from = g.snap(p, 300);
    EXPECT_TRUE(from);
    const std::vector<double> d = test::dijkstra(g, *from);
    for (uint32_t slot = 0; slot < catalog_->slot_count(); ++slot) {
      const StationView s = catalog_->station(slot);
      const auto to = g.snap(s.position, 300);
      out[std::string(s.id)] = to ? test::walk_m(g, d, *from, *to) : INFINITY;
    }
    return out;
  }

  static Server* server_;
  static RunningServer* running_;
  static int port_;
  static std::shared_ptr<const WalkNetwork> network_;
  static std::shared_ptr<const Catalog> catalog_;
};
Server* WalkApi::server_ = nullptr;
RunningServer* WalkApi::running_ = nullptr;
int WalkApi::port_ = 0;
std::shared_ptr<const WalkNetwork> WalkApi::network_;
std::shared_ptr<const Catalog> WalkApi::catalog_;

const LonLat kQuery = junction(10.2, 10.9);  // on the south bank, just below the river

std::string at(LonLat p) {
  char q[96];
  std::snprintf(q, sizeof q, "lon=%.7f&lat=%.7f", p.lon, p.lat);
  return q;
}

TEST_F(WalkApi, TheRiverReordersTheNearest) {
  const std::string wifi = "/v1/stations/nearest?" + at(kQuery) + "&amenities=wifi";
  const json straight = request("GET", wifi + "&k=1", 200);
  EXPECT_EQ(straight["items"][0]["id"], "across");
  const json walk = request("GET", wifi + "&k=2&distance=walk", 200);
  ASSERT_EQ(walk["items"].size(), 2u);
  EXPECT_EQ(walk["items"][0]["id"], "bank") << "across the river is a walk over the bridge";
  const auto ref = reference_walks(kQuery);
  EXPECT_NEAR(walk["items"][0]["walk_m"].get<double>(), ref.at("bank"), 0.002);
  EXPECT_GT(ref.at("across"), ref.at("bank"));
  EXPECT_GT(ref.at("across"), 1000) << "the bridge is 7 blocks west";
}

TEST_F(WalkApi, EveryWalkEqualsTheReferenceAndIsNeverUnderTheLine) {
  for (const LonLat p : {kQuery, junction(3.1, 12.5), junction(20.7, 20.1), junction(0.2, 0.3)}) {
    const auto ref = reference_walks(p);
    std::vector<std::pair<double, std::string>> expected;
    for (const auto& [id, w] : ref)
      if (std::isfinite(w)) expected.emplace_back(w, id);
    std::sort(expected.begin(), expected.end());
    const json r = request("GET", "/v1/stations/nearest?" + at(p) + "&k=10&distance=walk", 200);
    ASSERT_EQ(r["items"].size(), 10u);
    for (size_t i = 0; i < 10; ++i) {
      const json& item = r["items"][i];
      EXPECT_EQ(item["id"], expected[i].second) << "rank " << i;
      const double walk = item["walk_m"], straight = item["distance_m"];
      EXPECT_NEAR(walk, expected[i].first, 0.002);
      EXPECT_GE(walk, straight);
      EXPECT_NEAR(item["walk_minutes"].get<double>(), walk / 75, 0.006);
    }
    EXPECT_EQ(r["total"], nullptr) << "the search stopped at k + 1: the count is not known";
    EXPECT_EQ(r["links"][1]["rel"], "next");
  }
}

TEST_F(WalkApi, PathsRunFromThePointToTheStationAlongTheStreets) {
  const json r =
      request("GET", "/v1/stations/nearest?" + at(kQuery) + "&k=3&distance=walk&path=true", 200);
  for (const json& item : r["items"]) {
    const json& path = item["walk_path"];
    ASSERT_EQ(path["type"], "LineString");
    const json& c = path["coordinates"];
    ASSERT_GE(c.size(), 4u);
    EXPECT_NEAR(c[0][0].get<double>(), kQuery.lon, 1e-7);
    EXPECT_NEAR(c[0][1].get<double>(), kQuery.lat, 1e-7);
    EXPECT_NEAR(c.back()[0].get<double>(), item["lon"].get<double>(), 1e-7);
    EXPECT_NEAR(c.back()[1].get<double>(), item["lat"].get<double>(), 1e-7);
    double length = 0;
    for (size_t i = 1; i < c.size(); ++i) {
      length += distance_m({c[i - 1][0], c[i - 1][1]}, {c[i][0], c[i][1]});
    }
    EXPECT_NEAR(length, item["walk_m"].get<double>(), 0.1) << "7-decimal coordinates";
  }
  const json geo = request(
      "GET", "/v1/stations/nearest?" + at(kQuery) + "&k=1&distance=walk&path=true&format=geojson",
      200);
  EXPECT_EQ(geo["features"][0]["properties"]["walk_path"]["type"], "LineString");
  EXPECT_FALSE(geo.contains("numberMatched")) << "OGC: numberMatched only when known";
}

TEST_F(WalkApi, PagingFiltersRadiusAndDatums) {
  const std::string base = "/v1/stations/nearest?" + at(kQuery) + "&distance=walk";
  const json ten = request("GET", base + "&k=10", 200);
  const json second = request("GET", base + "&k=5&offset=5", 200);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(second["items"][i]["id"], ten["items"][i + 5]["id"]);
  const json toilets = request("GET", base + "&k=5&amenities=toilet", 200);
  for (const json& item : toilets["items"]) {
    const auto& a = item["amenities"];
    EXPECT_NE(std::find(a.begin(), a.end(), "toilet"), a.end());
  }
  const double third = ten["items"][2]["walk_m"];
  const json bounded =
      request("GET", base + "&k=10&radius_m=" + std::to_string(third + 0.001), 200);
  EXPECT_EQ(bounded["items"].size(), 3u);
  EXPECT_EQ(bounded["total"], 3) << "fewer than k + 1 found: the count is known";
  // The query in GCJ-02, the answer too; the same stations and walks.
  const LonLat g = wgs84_to_gcj02(kQuery);
  char q[128];
  std::snprintf(q, sizeof q, "/v1/stations/nearest?lon=%.9f&lat=%.9f&crs=gcj02&k=3&distance=walk",
                g.lon, g.lat);
  const json gcj = request("GET", q, 200);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(gcj["items"][i]["id"], ten["items"][i]["id"]);
    EXPECT_NEAR(gcj["items"][i]["walk_m"].get<double>(), ten["items"][i]["walk_m"].get<double>(),
                0.01);
  }
  EXPECT_EQ(gcj["crs"], "GCJ-02");
}

TEST_F(WalkApi, WithinByWalkCountsEveryStationInTheWalk) {
  const auto ref = reference_walks(kQuery);
  size_t inside = 0;
  for (const auto& [id, w] : ref) inside += w <= 1500 ? 1 : 0;
  ASSERT_GT(inside, 3u);
  const json r = request(
      "GET", "/v1/stations/within?" + at(kQuery) + "&radius_m=1500&distance=walk&limit=2", 200);
  EXPECT_EQ(r["total"], inside);
  EXPECT_EQ(r["items"].size(), 2u);
  const json all = request(
      "GET", "/v1/stations/within?" + at(kQuery) + "&radius_m=1500&distance=walk&limit=100", 200);
  ASSERT_EQ(all["items"].size(), inside);
  double last = 0;
  for (const json& item : all["items"]) {
    EXPECT_LE(item["walk_m"].get<double>(), 1500);
    EXPECT_GE(item["walk_m"].get<double>(), last);
    last = item["walk_m"];
  }
  const json straight =
      request("GET", "/v1/stations/within?" + at(kQuery) + "&radius_m=1500&limit=100", 200);
  EXPECT_GT(straight["total"].get<size_t>(), inside) << "a walk reaches less than a disc";
}

TEST_F(WalkApi, TheBatchWalksFromEachPoint) {
  const std::string body = R"({"type":"MultiPoint","coordinates":[[)" + std::to_string(kQuery.lon) +
                           "," + std::to_string(kQuery.lat) + "],[116.3505,39.8705]]}";
  const json r =
      request("POST", "/v1/stations/nearest?k=2&distance=walk&amenities=wifi", 200, body);
  ASSERT_EQ(r["results"].size(), 2u);
  EXPECT_EQ(r["results"][0]["result"]["items"][0]["id"], "bank");
  expect_problem(
      "POST", "/v1/stations/nearest?distance=walk", 422, "too_many_points", "coordinates",
      R"({"type":"MultiPoint","coordinates":[[116.36,39.88],[116.36,39.88],[116.36,39.88],[116.36,39.88],[116.36,39.88],[116.36,39.88]]})");
  expect_problem("POST", "/v1/stations/nearest?distance=walk", 422, "not_near_street", "points[1]",
                 R"({"type":"MultiPoint","coordinates":[[116.36,39.88],[116.6,39.95]]})");
}

TEST_F(WalkApi, Refusals) {
  expect_problem("GET", "/v1/stations/nearest?lon=116.6&lat=39.95&distance=walk", 422,
                 "not_near_street", "lon");
  expect_problem("GET", "/v1/stations/nearest?" + at(kQuery) + "&distance=bike", 400,
                 "parameter_invalid", "distance");
  expect_problem("GET", "/v1/stations/nearest?" + at(kQuery) + "&path=true", 400,
                 "parameter_invalid", "path");
  expect_problem("GET", "/v1/stations/nearest?" + at(kQuery) + "&distance=walk&radius_m=50001", 400,
                 "radius_out_of_range", "radius_m");
  expect_problem("POST", "/v1/stations/along-route?distance=walk", 400, "distance_not_supported",
                 "distance",
                 R"({"type":"LineString","coordinates":[[116.36,39.88],[116.37,39.88]]})");
  expect_problem(
      "POST", "/v1/stations/within?distance=walk", 400, "distance_not_supported", "distance",
      R"({"type":"Polygon","coordinates":[[[116.36,39.88],[116.37,39.88],[116.37,39.89],[116.36,39.88]]]})");
}

// Whether p lies in one of a contour feature's polygons.
bool in_contour(const json& feature, LonLat p) {
  std::vector<std::vector<Ring>> polygons;
  for (const json& polygon : feature["geometry"]["coordinates"]) {
    std::vector<Ring> rings;
    for (const json& ring : polygon) {
      Ring r;
      for (const json& q : ring) r.push_back({q[0].get<double>(), q[1].get<double>()});
      rings.push_back(std::move(r));
    }
    polygons.push_back(std::move(rings));
  }
  return Region(std::move(polygons)).contains(p);
}

TEST_F(WalkApi, TheIsochroneStopsAtTheRiver) {
  const json iso = request("GET", "/v1/isochrone?" + at(kQuery) + "&walk_m=300,600&cell_m=10", 200);
  EXPECT_EQ(iso["type"], "FeatureCollection");
  EXPECT_EQ(iso["parameters"]["distance"], "walk");
  EXPECT_EQ(iso["parameters"]["cell_m"], 10);
  EXPECT_EQ(iso["parameters"]["network_version"], network_->version());
  EXPECT_TRUE(iso["parameters"]["station_id"].is_null());
  const json& features = iso["features"];
  ASSERT_EQ(features.size(), 2u);
  const json& near = features[0];
  EXPECT_EQ(near["properties"]["walk_m"], 300);
  EXPECT_TRUE(near["properties"]["walk_minutes"].is_null());
  EXPECT_EQ(near["geometry"]["type"], "MultiPolygon");
  EXPECT_DOUBLE_EQ(near["properties"]["area_m2"].get<double>(),
                   near["properties"]["cells"].get<double>() * 100);
  EXPECT_LT(near["properties"]["area_m2"].get<double>(),
            features[1]["properties"]["area_m2"].get<double>());
  // 150 m south along the streets: inside. 140 m north, across the water (the bridge is 7
  // blocks west): outside, though the straight line is shorter.
  EXPECT_TRUE(in_contour(near, kQuery));
  EXPECT_TRUE(in_contour(near, junction(10.2, 9.5)));
  EXPECT_FALSE(in_contour(near, junction(10.2, 12.2)));
  EXPECT_FALSE(in_contour(features[1], junction(10.2, 12.2)));
  // Every reached cell by the reference walk: the station "bank" (470 m on the same bank) is
  // within the 600 m contour, "across" (120 m over the water) is not.
  const auto ref = reference_walks(kQuery);
  ASSERT_LT(ref.at("bank"), 600 - 20);
  EXPECT_TRUE(in_contour(features[1], catalog_->station(*catalog_->find("bank")).position));
  EXPECT_FALSE(in_contour(features[1], catalog_->station(*catalog_->find("across")).position));

  const json figures =
      request("GET", "/v1/isochrone?" + at(kQuery) + "&walk_m=300,600&cell_m=10&format=json", 200);
  ASSERT_EQ(figures["contours"].size(), 2u);
  EXPECT_EQ(figures["contours"][0]["cells"], near["properties"]["cells"]);
  EXPECT_FALSE(figures.contains("features"));
}

TEST_F(WalkApi, ACatchmentStartsAtItsStation) {
  const json c = request("GET", "/v1/stations/bank/catchment?walk_minutes=5,10", 200);
  EXPECT_EQ(c["parameters"]["station_id"], "bank");
  const LonLat bank = catalog_->station(*catalog_->find("bank")).position;
  EXPECT_NEAR(c["parameters"]["origin"][0].get<double>(), bank.lon, 1e-6);
  ASSERT_EQ(c["features"].size(), 2u);
  EXPECT_EQ(c["features"][0]["properties"]["walk_minutes"], 5);
  EXPECT_EQ(c["features"][1]["properties"]["walk_m"], 750);
  EXPECT_TRUE(in_contour(c["features"][0], bank));
  // The same as the isochrone from the station's position.
  const json i = request("GET", "/v1/isochrone?" + at(bank) + "&walk_minutes=5,10", 200);
  EXPECT_EQ(i["features"][1]["properties"]["cells"], c["features"][1]["properties"]["cells"]);
  // In GCJ-02 the origin is shifted as every other answer's coordinates.
  const json g = request("GET", "/v1/stations/bank/catchment?walk_minutes=5&crs=gcj02", 200);
  const LonLat shifted = from_wgs84(bank, Datum::gcj02);
  EXPECT_NEAR(g["parameters"]["origin"][0].get<double>(), shifted.lon, 1e-6);
  EXPECT_NEAR(g["parameters"]["origin"][1].get<double>(), shifted.lat, 1e-6);
  expect_problem("GET", "/v1/stations/off/catchment?walk_minutes=5", 422, "not_near_street", "id");
  expect_problem("GET", "/v1/stations/nope/catchment?walk_minutes=5", 404, "station_not_found",
                 "id");
  expect_problem("GET", "/v1/isochrone?lon=116.6&lat=39.95&walk_minutes=5", 422, "not_near_street",
                 "lon");
  expect_problem("GET", "/v1/isochrone?" + at(kQuery) + "&walk_minutes=61", 400,
                 "radius_out_of_range", "walk_minutes");
}

TEST_F(WalkApi, CoverageByWalkStopsAtTheRiver) {
  // The blocks around the river, the query point's and those across.
  const std::string box = "bbox=116.355,39.875,116.368,39.887&cell_m=20&radius_m=400";
  const json walk = request("GET", "/v1/coverage/gaps?" + box + "&distance=walk&format=json", 200);
  const json straight = request("GET", "/v1/coverage/gaps?" + box + "&format=json", 200);
  EXPECT_EQ(walk["parameters"]["distance"], "walk");
  EXPECT_EQ(walk["parameters"]["network_version"], network_->version());
  EXPECT_EQ(straight["parameters"]["distance"], "straight");
  EXPECT_TRUE(straight["parameters"]["network_version"].is_null());
  EXPECT_TRUE(straight["summary"]["off_network_area_m2"].is_null());
  EXPECT_EQ(walk["summary"]["off_network_area_m2"], 0) << "streets every 100 m";
  EXPECT_LT(walk["summary"]["covered_pct"].get<double>(),
            straight["summary"]["covered_pct"].get<double>());
  EXPECT_EQ(walk["summary"]["region_area_m2"], straight["summary"]["region_area_m2"]);
  for (const json& gap : walk["gaps"]) EXPECT_GT(gap["farthest_m"].get<double>(), 400 - 0.05);
  // Double coverage by walk covers less again; min_stations above 2 is refused by walk.
  const json twice =
      request("GET", "/v1/coverage/gaps?" + box + "&distance=walk&min_stations=2&format=json", 200);
  EXPECT_LE(twice["summary"]["covered_pct"].get<double>(),
            walk["summary"]["covered_pct"].get<double>());
  expect_problem("GET", "/v1/coverage/gaps?" + box + "&distance=walk&min_stations=3", 400,
                 "parameter_invalid", "min_stations");
  expect_problem("GET", "/v1/coverage/gaps?" + box + "&distance=crow", 400, "parameter_invalid",
                 "distance");
  // What-if by walk: a station added on the far bank covers it.
  const json added =
      request("POST", "/v1/coverage/gaps?cell_m=20&radius_m=400&distance=walk&format=json", 200,
              R"({"region":{"type":"Polygon","coordinates":[[[116.355,39.875],[116.368,39.875],)"
              R"([116.368,39.887],[116.355,39.887],[116.355,39.875]]]},"add":[[116.36,39.8835]]})");
  EXPECT_GT(added["summary"]["covered_pct"].get<double>(),
            walk["summary"]["covered_pct"].get<double>());
  // The profile and suggestions by walk answer with the same echo.
  const json profile =
      request("GET", "/v1/coverage/profile?" + box + "&distance=walk&weekday=mon", 200);
  EXPECT_EQ(profile["parameters"]["distance"], "walk");
  ASSERT_EQ(profile["hours"].size(), 24u);
  EXPECT_EQ(profile["hours"][12]["covered_pct"], walk["summary"]["covered_pct"]);
  const json suggest = request(
      "POST", "/v1/coverage/suggest?" + box + "&distance=walk&k=2&candidate_spacing_m=200", 200);
  EXPECT_EQ(suggest["parameters"]["distance"], "walk");
  ASSERT_FALSE(suggest["picks"].empty());
  EXPECT_GT(suggest["picks"][0]["gain"].get<double>(), 0);
}

TEST_F(WalkApi, TheNetworkListsTheStreetsInABox) {
  // Columns 2.5-5.5, rows 2.5-5.5: the pieces whose box meets it, counted apart from the answer.
  // Edges between the grid lines, so that no piece merely touches the box.
  const LonLat sw = junction(2.5, 2.5), ne = junction(5.5, 5.5);
  char box[96];
  std::snprintf(box, sizeof box, "bbox=%.4f,%.4f,%.4f,%.4f", sw.lon, sw.lat, ne.lon, ne.lat);
  const WalkGraph& g = network_->graph();
  size_t expected = 0;
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    const LonLat p = g.node(a), q = g.node(b);
    expected += std::max(p.lon, q.lon) >= sw.lon && std::min(p.lon, q.lon) <= ne.lon &&
                std::max(p.lat, q.lat) >= sw.lat && std::min(p.lat, q.lat) <= ne.lat;
  }
  const json all = request("GET", std::string("/v1/network?") + box, 200);
  EXPECT_EQ(all["type"], "FeatureCollection");
  EXPECT_EQ(all["numberMatched"], expected);
  EXPECT_EQ(all["numberReturned"], expected);
  EXPECT_EQ(all["network_version"], network_->version());
  ASSERT_EQ(all["features"].size(), expected);
  const json& f = all["features"][0];
  EXPECT_EQ(f["geometry"]["type"], "LineString");
  EXPECT_NEAR(f["properties"]["length_m"].get<double>(),
              g.segment_length_m(f["id"].get<uint32_t>()), 0.05);
  EXPECT_TRUE(f["properties"]["class"].is_null()) << "the test grid has no classes";
  EXPECT_EQ(f["properties"]["snapped_to"], true);
  // Paged: the pages together are the whole, in order, and next links say what is left.
  const json first = request("GET", std::string("/v1/network?") + box + "&limit=10", 200);
  ASSERT_EQ(first["features"].size(), 10u);
  EXPECT_EQ(first["numberMatched"], expected);
  bool has_next = false;
  for (const json& l : first["links"]) has_next = has_next || l["rel"] == "next";
  EXPECT_TRUE(has_next);
  const json second =
      request("GET", std::string("/v1/network?") + box + "&limit=10&offset=10", 200);
  EXPECT_EQ(second["features"][0]["id"], all["features"][10]["id"]);
  expect_problem("GET", "/v1/network", 400, "parameter_missing", "bbox");
  expect_problem("GET", std::string("/v1/network?") + box + "&limit=10001", 400,
                 "limit_out_of_range", "limit");
  expect_problem("GET", std::string("/v1/network?") + box + "&zoom=3", 400, "parameter_unknown",
                 "zoom");
}

TEST_F(WalkApi, MetaDescribesTheNetwork) {
  const json m = request("GET", "/v1/meta", 200);
  const json& n = m["network"];
  EXPECT_EQ(n["nodes"], kSize * kSize);
  EXPECT_EQ(n["segments"], 2 * kSize * (kSize - 1) - (kSize - 1));
  EXPECT_EQ(n["parts"], 1);
  EXPECT_EQ(n["unreachable_by_walk"], 1);
  EXPECT_EQ(n["unreachable_by_walk_ids"], json::array({"off"}));
  EXPECT_EQ(n["max_snap_m"], 300);
  EXPECT_EQ(n["walk_speed_kmh"], 4.5);
  EXPECT_EQ(n["version"].get<std::string>().size(), 16u);
  EXPECT_LE(n["bytes"].get<double>(), 48.0 * n["directed_edges"].get<double>());
  EXPECT_EQ(m["limits"]["walk_batch_points"], 5);
}

}  // namespace
}  // namespace sf::http
