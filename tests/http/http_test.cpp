// Every endpoint and every error class, against a real server on an ephemeral 127.0.0.1 port.
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/catalog.hpp"
#include "core/datum.hpp"
#include "core/time.hpp"
#include "http/server.hpp"
#include "running_server.hpp"
#include "test_support.hpp"

namespace sf::http {
namespace {

using nlohmann::json;

std::vector<Station> grid_stations() {
  // A 10 x 10 grid around central Beijing, about 850 m apart, plus a few special ones.
  std::vector<Station> v;
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      Station s;
      char id[16];
      std::snprintf(id, sizeof id, "g%02d%02d", i, j);
      s.id = id;
      s.name = std::string("Grid ") + id;
      s.position = {116.35 + i * 0.01, 39.87 + j * 0.0075};
      s.host_type = (i + j) % 2 ? HostType::bank : HostType::supermarket;
      s.amenities =
          amenity_bit(Amenity::water) | ((i + j) % 5 == 0 ? amenity_bit(Amenity::toilet) : 0);
      s.opening_hours = (i % 2) ? "Mo-Fr 09:00-17:00" : "24/7";
      s.district = i < 5 ? "西区" : "东区";
      s.district_en = i < 5 ? "West" : "East";
      s.address = "路 " + std::to_string(i * 10 + j);
      v.push_back(s);
    }
  }
  Station odd;
  odd.id = "weird hours";
  odd.name = "Wumart Odd";
  odd.position = {116.4003, 39.9004};  // about 50 m from g0504
  odd.opening_hours = "when the owner is in";
  v.push_back(odd);
  return v;
}

std::vector<District> two_districts() {
  auto square = [](const char* name, const char* en, double w, double e) {
    District d;
    d.name = name;
    d.name_en = en;
    d.region = Region({{{{w, 39.8}, {e, 39.8}, {e, 40.0}, {w, 40.0}, {w, 39.8}}}});
    return d;
  };
  return {square("西区", "West", 116.3, 116.395), square("东区", "East", 116.395, 116.5)};
}

class HttpApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerConfig config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.threads = 16;
    config.limits.body_bytes = 64 * 1024;
    config.limits.batch_points = 50;
    config.limits.route_vertices = 100;
    Snapshot snap;
    snap.catalog = std::make_shared<const Catalog>(grid_stations(), two_districts());
    snap.source = "test grid";
    snap.loaded_at = now_unix();
    running_ = new RunningServer(config, snap);
    server_ = &running_->server;
    port_ = running_->port;
    ASSERT_TRUE(server_->running());
  }
  static void TearDownTestSuite() { delete running_; }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  json get_json(const std::string& path, int expected_status = 200) const {
    auto res = client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
    return json::parse(res->body);
  }
  json post_json(const std::string& path, const std::string& body,
                 int expected_status = 200) const {
    auto res = client().Post(path.c_str(), body, "application/json");
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << "\n" << res->body;
    return json::parse(res->body);
  }
  void expect_problem(const std::string& method, const std::string& path, int status,
                      const std::string& code, const std::string& parameter,
                      const std::string& body = "") const {
    auto res = method == "GET" ? client().Get(path.c_str())
                               : client().Post(path.c_str(), body, "application/json");
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, status) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << path;
    const json p = json::parse(res->body);
    EXPECT_EQ(p["status"], status);
    EXPECT_EQ(p["code"], code) << path << "\n" << res->body;
    if (!parameter.empty()) {
      EXPECT_EQ(p["parameter"], parameter) << path;
    }
    EXPECT_TRUE(p.contains("type") && p.contains("title") && p.contains("detail") &&
                p.contains("rule"));
  }

  static Server* server_;
  static RunningServer* running_;
  static int port_;
};
Server* HttpApi::server_ = nullptr;
RunningServer* HttpApi::running_ = nullptr;
int HttpApi::port_ = 0;

TEST_F(HttpApi, Healthz) {
  EXPECT_EQ(get_json("/healthz")["status"], "ok");
}

TEST_F(HttpApi, Meta) {
  const json m = get_json("/v1/meta");
  EXPECT_EQ(m["count"], 101);
  EXPECT_EQ(m["districts"], 2);
  EXPECT_EQ(m["stations_with_unparsed_hours"], 1);
  EXPECT_EQ(m["dataset_version"].get<std::string>().size(), 16u);
  EXPECT_EQ(m["bbox"].size(), 4u);
  EXPECT_EQ(m["source"], "test grid");
}

TEST_F(HttpApi, NearestIsSortedWithDistancesAndBearings) {
  const json r = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=3");
  ASSERT_EQ(r["items"].size(), 3u);
  EXPECT_EQ(r["items"][0]["id"], "g0504");
  EXPECT_LT(r["items"][0]["distance_m"].get<double>(), 0.001);
  EXPECT_EQ(r["items"][1]["id"], "weird hours");
  EXPECT_EQ(r["items"][1]["open_now"], nullptr);  // hours it cannot parse: no guess
  double last = -1;
  for (const json& item : r["items"]) {
    EXPECT_GE(item["distance_m"].get<double>(), last);
    last = item["distance_m"];
    EXPECT_GE(item["bearing_deg"].get<double>(), 0);
    EXPECT_LT(item["bearing_deg"].get<double>(), 360);
    EXPECT_TRUE(item.contains("closes_at") && item.contains("opens_at"));
  }
  const double expected = distance_m({116.4, 39.9}, {116.4003, 39.9004});
  EXPECT_NEAR(r["items"][1]["distance_m"].get<double>(), expected, 0.001);
  EXPECT_EQ(r["total"], 101);
  EXPECT_EQ(r["links"][0]["rel"], "self");
  EXPECT_EQ(r["links"][1]["rel"], "next");
}

TEST_F(HttpApi, NearestPagesFurtherOut) {
  const json first = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=5");
  const json second = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=5&offset=5");
  const json both = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=10");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(first["items"][i]["id"], both["items"][i]["id"]);
    EXPECT_EQ(second["items"][i]["id"], both["items"][i + 5]["id"]);
  }
  // The next link of the first page is the second page.
  std::string next;
  for (const json& l : first["links"]) {
    if (l["rel"] == "next") next = l["href"];
  }
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(get_json(next)["items"], second["items"]);
  bool has_prev = false;
  for (const json& l : second["links"]) has_prev = has_prev || l["rel"] == "prev";
  EXPECT_TRUE(has_prev);
}

TEST_F(HttpApi, NearestFiltersReturnKWhenKExist) {
  const json r = get_json(
      "/v1/stations/nearest?lon=116.4&lat=39.9&k=5&amenities=toilet&host_types=bank,supermarket");
  ASSERT_EQ(r["items"].size(), 5u);
  for (const json& item : r["items"]) {
    const auto& a = item["amenities"];
    EXPECT_NE(std::find(a.begin(), a.end(), "toilet"), a.end());
  }
  EXPECT_EQ(r["total"], 20);  // (i + j) % 5 == 0 on a 10 x 10 grid
  const json closed = get_json(
      "/v1/stations/nearest?lon=116.4&lat=39.9&k=100&open_now=true&at=2026-11-28T12:00");  // Saturday
  EXPECT_EQ(closed["total"], 50);  // only the 24/7 half
  for (const json& item : closed["items"]) EXPECT_EQ(item["opening_hours"], "24/7");
  const json text = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=5&q=wumart");
  ASSERT_EQ(text["items"].size(), 1u);
  EXPECT_EQ(text["items"][0]["id"], "weird hours");
  const json radius = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=100&radius_m=900");
  for (const json& item : radius["items"]) EXPECT_LE(item["distance_m"].get<double>(), 900);
  EXPECT_EQ(radius["total"], radius["items"].size());
  EXPECT_GT(radius["items"].size(), 2u);
}

TEST_F(HttpApi, OpenNowClosesAtOpensAt) {
  // Wednesday 10:00 Shanghai: a Mo-Fr 09:00-17:00 station closes at 17:00 the same day.
  const json r = get_json("/v1/stations/g0100?at=2026-11-25T10:00");
  EXPECT_EQ(r["open_now"], true);
  EXPECT_EQ(r["closes_at"], "2026-11-25T17:00:00+08:00");
  EXPECT_EQ(r["opens_at"], nullptr);
  // Friday 18:30 Shanghai (10:30Z): closed, opens Monday 09:00.
  const json f = get_json("/v1/stations/g0100?at=2026-11-27T10:30:00Z");
  EXPECT_EQ(f["open_now"], false);
  EXPECT_EQ(f["opens_at"], "2026-11-30T09:00:00+08:00");
  const json always = get_json("/v1/stations/g0000?at=2026-11-27T10:30:00Z");
  EXPECT_EQ(always["open_now"], true);
  EXPECT_EQ(always["closes_at"], nullptr);
}

TEST_F(HttpApi, GeoJsonFormat) {
  const json fc = get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=2&format=geojson");
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_EQ(fc["numberReturned"], 2);
  EXPECT_EQ(fc["numberMatched"], 101);
  EXPECT_EQ(fc["features"][0]["type"], "Feature");
  EXPECT_EQ(fc["features"][0]["geometry"]["type"], "Point");
  EXPECT_EQ(fc["features"][0]["id"], "g0504");
  EXPECT_TRUE(fc["features"][0]["properties"].contains("distance_m"));
  EXPECT_FALSE(fc.contains("crs"));
  auto res = client().Get("/v1/stations/nearest?lon=116.4&lat=39.9&k=2&format=geojson");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/geo+json");
}

TEST_F(HttpApi, Gcj02InAndOut) {
  const LonLat wgs{116.4, 39.9};
  const LonLat gcj = wgs84_to_gcj02(wgs);
  char path[200];
  std::snprintf(path, sizeof path,
                "/v1/stations/nearest?lon=%.9f&lat=%.9f&k=1&crs=gcj02&format=geojson", gcj.lon,
                gcj.lat);
  const json fc = get_json(path);
  EXPECT_EQ(fc["crs"]["properties"]["name"], "GCJ-02");
  EXPECT_EQ(fc["features"][0]["id"], "g0504");
  EXPECT_LT(fc["features"][0]["properties"]["distance_m"].get<double>(), 0.01);
  const auto& c = fc["features"][0]["geometry"]["coordinates"];
  EXPECT_NEAR(c[0].get<double>(), gcj.lon, 1e-6);
  EXPECT_NEAR(c[1].get<double>(), gcj.lat, 1e-6);
  const LonLat bd = from_wgs84(wgs, Datum::bd09);
  std::snprintf(path, sizeof path, "/v1/stations/nearest?lon=%.9f&lat=%.9f&k=1&crs=bd09", bd.lon,
                bd.lat);
  const json j = get_json(path);
  EXPECT_EQ(j["crs"], "BD-09");
  EXPECT_NEAR(j["items"][0]["lon"].get<double>(), bd.lon, 1e-6);
}

TEST_F(HttpApi, BatchNearest) {
  const json r =
      post_json("/v1/stations/nearest?k=2", R"({"points": [[116.4, 39.9], [116.35, 39.87]]})");
  ASSERT_EQ(r["results"].size(), 2u);
  EXPECT_EQ(r["count"], 2);
  EXPECT_EQ(r["results"][0]["result"]["items"][0]["id"], "g0504");
  EXPECT_EQ(r["results"][1]["result"]["items"][0]["id"], "g0000");
  const json mp = post_json("/v1/stations/nearest?k=1",
                            R"({"type": "MultiPoint", "coordinates": [[116.35, 39.87]]})");
  EXPECT_EQ(mp["results"][0]["result"]["items"][0]["id"], "g0000");
}

TEST_F(HttpApi, WithinRadiusBboxDistrictPolygon) {
  const json w = get_json("/v1/stations/within?lon=116.35&lat=39.87&radius_m=1000");
  EXPECT_EQ(w["total"], 3);  // itself and the two neighbours ~850 m and ~830 m away
  EXPECT_EQ(w["items"][0]["id"], "g0000");
  const json b = get_json("/v1/stations?bbox=116.345,39.865,116.375,39.888&limit=2");
  EXPECT_EQ(b["total"], 9);  // 3 x 3
  ASSERT_EQ(b["items"].size(), 2u);
  EXPECT_EQ(b["items"][0]["id"], "g0000");  // sorted by id
  const json d = get_json("/v1/stations?district=East&limit=1000");
  EXPECT_EQ(d["total"], 50);
  for (const json& item : d["items"]) EXPECT_EQ(item["district"], "东区");
  const json poly = post_json("/v1/stations/within",
                              R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":
    [[[116.345,39.865],[116.375,39.865],[116.375,39.888],[116.345,39.888],[116.345,39.865]]]}})");
  EXPECT_EQ(poly["total"], 9);
  const json all = get_json("/v1/stations?limit=1000");
  EXPECT_EQ(all["total"], 101);
}

TEST_F(HttpApi, AlongRoute) {
  const json r =
      post_json("/v1/stations/along-route?buffer_m=100",
                R"({"type":"LineString","coordinates":[[116.35,39.87],[116.44,39.87]]})");
  EXPECT_EQ(r["total"], 10);  // the j = 0 row
  double last = -1;
  for (const json& item : r["items"]) {
    EXPECT_GE(item["route_offset_m"].get<double>(), last);
    last = item["route_offset_m"];
    EXPECT_NEAR(item["detour_m"].get<double>(), 2 * item["distance_m"].get<double>(), 0.002);
  }
  EXPECT_EQ(r["items"][0]["id"], "g0000");
  EXPECT_EQ(r["items"][9]["id"], "g0900");
}

TEST_F(HttpApi, FieldsSelectTheProperties) {
  const json r =
      get_json("/v1/stations/nearest?lon=116.4&lat=39.9&k=2&fields=name,distance_m,open_now");
  ASSERT_EQ(r["items"].size(), 2u);
  for (const json& item : r["items"]) {
    EXPECT_EQ(item.size(), 4u) << item.dump();  // id is always there
    EXPECT_TRUE(item.contains("id") && item.contains("name") && item.contains("distance_m") &&
                item.contains("open_now"));
  }
  const json fc = get_json("/v1/stations?limit=1&format=geojson&fields=district");
  EXPECT_EQ(fc["features"][0]["properties"].size(), 2u);
  EXPECT_EQ(fc["features"][0]["geometry"]["type"], "Point");  // geometry always
  const json route =
      post_json("/v1/stations/along-route?buffer_m=100&fields=route_offset_m",
                R"({"type":"LineString","coordinates":[[116.35,39.87],[116.44,39.87]]})");
  EXPECT_EQ(route["items"][0].size(), 2u);
  EXPECT_TRUE(route["items"][0].contains("route_offset_m"));
}

TEST_F(HttpApi, StationById) {
  const json s = get_json("/v1/stations/g0305");
  EXPECT_EQ(s["id"], "g0305");
  EXPECT_EQ(s["district_en"], "West");
  const json f = get_json("/v1/stations/weird%20hours?format=geojson");
  EXPECT_EQ(f["type"], "Feature");
  EXPECT_EQ(f["id"], "weird hours");
}

TEST_F(HttpApi, Districts) {
  const json d = get_json("/v1/districts");
  ASSERT_EQ(d["items"].size(), 2u);
  EXPECT_EQ(d["items"][0]["stations"], 50);
  const json g = get_json("/v1/districts?format=geojson");
  EXPECT_EQ(g["features"][1]["geometry"]["type"], "MultiPolygon");
}

TEST_F(HttpApi, ErrorsHaveNamedCodes) {
  expect_problem("GET", "/v1/stations/nearest?lat=39.9", 400, "parameter_missing", "lon");
  expect_problem("GET", "/v1/stations/nearest?lon=abc&lat=39.9", 400, "parameter_not_a_number",
                 "lon");
  expect_problem("GET", "/v1/stations/nearest?lon=nan&lat=39.9", 400, "parameter_not_finite",
                 "lon");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=91", 400, "lat_out_of_range", "lat");
  expect_problem("GET", "/v1/stations/nearest?lon=181&lat=39", 400, "lon_out_of_range", "lon");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&k=101", 400, "k_out_of_range", "k");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&k=0", 400, "k_out_of_range", "k");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&k=2.5", 400, "k_out_of_range", "k");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&offset=-1", 400, "offset_out_of_range",
                 "offset");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&offset=9999&k=5", 422,
                 "result_window_too_large", "offset");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&radius_m=-5", 400,
                 "radius_out_of_range", "radius_m");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&amenities=jacuzzi", 400,
                 "unknown_amenity", "amenities");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&host_types=casino", 400,
                 "unknown_host_type", "host_types");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&crs=mars", 400, "unknown_crs", "crs");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&format=xml", 400, "unknown_format",
                 "format");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&at=yesterday", 400, "invalid_datetime",
                 "at");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&open_now=maybe", 400,
                 "invalid_boolean", "open_now");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&fields=name,colour", 400,
                 "unknown_field", "fields");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lat=39&amenity=toilet", 400,
                 "parameter_unknown", "amenity");
  expect_problem("GET", "/v1/stations/nearest?lon=116&lon=117&lat=39", 400, "parameter_invalid",
                 "lon");
  expect_problem("GET", "/v1/stations?bbox=1,2,3", 400, "bbox_invalid", "bbox");
  expect_problem("GET", "/v1/stations?bbox=116,40,117,39", 400, "bbox_south_above_north", "bbox");
  expect_problem("GET", "/v1/stations?bbox=116,39,117,40&district=East", 400, "parameter_invalid",
                 "district");
  expect_problem("GET", "/v1/stations?district=Atlantis", 400, "unknown_district", "district");
  expect_problem("GET", "/v1/stations?limit=1001", 400, "limit_out_of_range", "limit");
  expect_problem("GET", "/v1/stations/within?lon=116&lat=39", 400, "parameter_missing", "radius_m");
  expect_problem("GET", "/v1/stations/nope", 404, "station_not_found", "id");
  expect_problem("GET", "/v2/everything", 404, "route_not_found", "");
  expect_problem("POST", "/v1/stations/along-route", 400, "body_not_json", "body", "{not json");
  expect_problem("POST", "/v1/stations/along-route", 400, "body_not_linestring", "body",
                 R"({"type":"Point","coordinates":[1,2]})");
  expect_problem("POST", "/v1/stations/along-route", 400, "body_not_linestring", "coordinates",
                 R"({"type":"LineString","coordinates":[[1,2]]})");
  expect_problem("POST", "/v1/stations/along-route?buffer_m=0", 400, "buffer_out_of_range",
                 "buffer_m", R"({"type":"LineString","coordinates":[[1,2],[3,4]]})");
  expect_problem("POST", "/v1/stations/along-route", 400, "lat_out_of_range", "coordinates[1].lat",
                 R"({"type":"LineString","coordinates":[[1,2],[3,95]]})");
  expect_problem("POST", "/v1/stations/within", 400, "body_not_polygon", "body",
                 R"({"type":"LineString","coordinates":[[1,2],[3,4]]})");
  expect_problem("POST", "/v1/stations/within", 400, "body_not_polygon", "coordinates[0]",
                 R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,3]]]})");
  expect_problem("POST", "/v1/stations/nearest", 400, "body_invalid", "body", R"([1,2,3])");
  std::string many = R"({"points":[)";
  for (int i = 0; i < 51; ++i) many += std::string(i ? "," : "") + "[116.4,39.9]";
  many += "]}";
  expect_problem("POST", "/v1/stations/nearest", 422, "too_many_points", "points", many);
  std::string long_route = R"({"type":"LineString","coordinates":[)";
  for (int i = 0; i < 101; ++i)
    long_route += std::string(i ? "," : "") + "[116.4," + std::to_string(39 + i * 0.001) + "]";
  long_route += "]}";
  expect_problem("POST", "/v1/stations/along-route", 422, "route_too_complex", "coordinates",
                 long_route);
  expect_problem("POST", "/v1/stations/within", 413, "body_too_large", "",
                 std::string(70 * 1024, ' '));
  // The same body sent chunked (no Content-Length) is refused once read.
  httplib::Client c("127.0.0.1", port_);
  auto chunked = c.Post(
      "/v1/stations/within",
      [](size_t offset, httplib::DataSink& sink) {
        if (offset >= 70 * 1024) {
          sink.done();
          return true;
        }
        const std::string piece(1024, ' ');
        return sink.write(piece.data(), piece.size());
      },
      "application/json");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  EXPECT_NE(chunked->body.find("body_too_large"), std::string::npos);
}

TEST_F(HttpApi, MalformedInputNeverCrashesOrReturns500) {
  const char* paths[] = {"/v1/stations/nearest?lon=&lat=",
                         "/v1/stations/nearest?lon=1e999&lat=0",
                         "/v1/stations/nearest?lon=0x10&lat=0",
                         "/v1/stations/nearest?lon=%00&lat=%ff",
                         "/v1/stations/nearest?lon=116&lat=39&k=99999999999999999999",
                         "/v1/stations/nearest?lon=116&lat=39&at=2026-02-30T00:00",
                         "/v1/stations?bbox=,,,",
                         "/v1/stations?bbox=1,2,3,4,5",
                         "/v1/stations?bbox=a,b,c,d",
                         "/v1/stations?offset=1e300",
                         "/v1/stations/%2e%2e%2f",
                         "/v1/stations/nearest?q="};
  for (const char* p : paths) {
    auto res = client().Get(p);
    ASSERT_TRUE(res) << p;
    EXPECT_GE(res->status, 200) << p;
    EXPECT_LT(res->status, 500) << p << "\n" << res->body;
  }
  const char* bodies[] = {"",
                          "null",
                          "[]",
                          "{}",
                          "\"x\"",
                          R"({"type":"Polygon"})",
                          R"({"type":"Polygon","coordinates":"x"})",
                          R"({"type":"Polygon","coordinates":[[["a","b"],[1,2],[3,4],["a","b"]]]})",
                          R"({"type":"FeatureCollection","features":[]})",
                          R"({"type":"Feature","geometry":null})",
                          R"({"points":[[1]]})",
                          R"({"points":[[1e400,2]]})",
                          R"({"points":"x"})"};
  for (const char* route :
       {"/v1/stations/within", "/v1/stations/along-route", "/v1/stations/nearest"}) {
    for (const char* b : bodies) {
      auto res = client().Post(route, b, "application/json");
      ASSERT_TRUE(res) << route << " " << b;
      EXPECT_EQ(res->status, 400) << route << " " << b << "\n" << res->body;
    }
  }
}

TEST_F(HttpApi, RandomQueryStringsNeverCrashOrReturn500) {
  // Bounded fuzzing: parameter names from the API, values drawn from a nasty alphabet.
  std::mt19937_64 rng(test::seed());
  const char* names[] = {"lon",        "lat",  "k",        "offset", "radius_m", "amenities",
                         "host_types", "q",    "open_now", "at",     "crs",      "format",
                         "fields",     "bbox", "district", "limit",  "buffer_m", "zzz"};
  const char* pieces[] = {"1",      "-",   ".",   "e",   "9",          "0",     ",",     "%20",
                          "%00",    "%ff", "nan", "inf", "toilet",     "bank",  "gcj02", "geojson",
                          "T",      ":",   "Z",   "+",   "2026-11-25", "116.4", "39.9",  "1e308",
                          "-1e308", "%2C", "[",   "]",   "\"",         "中"};
  const char* paths[] = {"/v1/stations/nearest", "/v1/stations/within", "/v1/stations",
                         "/v1/stations/g0000",   "/v1/districts",       "/v1/meta"};
  auto c = client();
  for (int i = 0; i < 1500; ++i) {
    std::string url = paths[rng() % std::size(paths)];
    const int params = static_cast<int>(rng() % 5);
    for (int p = 0; p < params; ++p) {
      url += (p == 0 ? "?" : "&");
      url += names[rng() % std::size(names)];
      url += "=";
      const int len = static_cast<int>(rng() % 4);
      for (int j = 0; j < len; ++j) url += pieces[rng() % std::size(pieces)];
    }
    auto res = c.Get(url.c_str());
    ASSERT_TRUE(res) << url;
    ASSERT_LT(res->status, 500) << url << "\n" << res->body;
    if (res->status >= 400) {
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << url;
    }
  }
}

TEST_F(HttpApi, CorsAndPreflight) {
  auto res = client().Get("/v1/stations/nearest?lon=116.4&lat=39.9");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  auto pre = client().Options("/v1/stations/along-route");
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Methods").find("POST"), std::string::npos);
}

TEST_F(HttpApi, EtagAnd304OnlyWhenClockIndependent) {
  auto c = client();
  auto res = c.Get("/v1/stations/nearest?lon=116.4&lat=39.9&at=2026-11-25T10:00");
  const std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/v1/stations/nearest?lon=116.4&lat=39.9&at=2026-11-25T10:00",
                     {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = c.Get("/v1/stations/nearest?lon=116.41&lat=39.9&at=2026-11-25T10:00",
                     {{"If-None-Match", etag}});
  EXPECT_EQ(other->status, 200);
  auto clock = c.Get("/v1/stations/nearest?lon=116.4&lat=39.9");
  EXPECT_FALSE(clock->has_header("ETag"));  // open_now depends on the clock
  EXPECT_FALSE(clock->get_header_value("Cache-Control").empty());
}

TEST_F(HttpApi, GzipForGeoJsonAndJson) {
  httplib::Client c("127.0.0.1", port_);
  c.set_decompress(false);
  for (const char* path : {"/v1/stations?limit=50&format=geojson", "/v1/stations?limit=50"}) {
    auto res = c.Get(path, {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip") << path;
    EXPECT_EQ(std::to_string(res->body.size()), res->get_header_value("Content-Length")) << path;
    EXPECT_EQ(static_cast<unsigned char>(res->body[0]), 0x1f);
  }
  httplib::Client d("127.0.0.1", port_);  // decompresses
  auto res = d.Get("/v1/stations?limit=50&format=geojson", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(json::parse(res->body)["numberReturned"], 50);
}

TEST_F(HttpApi, SwappedSnapshotIsServed) {
  const auto before = server_->snapshot();
  Snapshot next = *before;
  std::vector<Station> one{grid_stations()[0]};
  next.catalog = std::make_shared<const Catalog>(std::move(one), two_districts());
  server_->publish(next);
  EXPECT_EQ(get_json("/v1/meta")["count"], 1);
  server_->publish(*before);
  EXPECT_EQ(get_json("/v1/meta")["count"], 101);
}

TEST_F(HttpApi, ManyKeepAliveConnectionsAtOnce) {
  // More concurrent keep-alive clients than threads would starve without enough workers:
  // here 12 clients on 16 threads, each making several requests on one connection.
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port_);
      c.set_keep_alive(true);
      for (int i = 0; i < 20; ++i) {
        auto res = c.Get(
            ("/v1/stations/nearest?lon=116." + std::to_string(380 + t) + "&lat=39.9").c_str());
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 240);
}

}  // namespace
}  // namespace sf::http
