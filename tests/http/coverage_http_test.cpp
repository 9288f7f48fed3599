// The coverage routes against a real server on an ephemeral 127.0.0.1 port, over the bundled
// Beijing dataset: gaps in every format, what-if, regions in the body, the district report,
// the 24-hour profile, suggestions, the private demand layer, limits and the busy pool.
#include <fstream>
#include <latch>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/coverage_pool.hpp"
#include "http/server.hpp"
#include "io/dataset.hpp"
#include "running_server.hpp"
#include "test_support.hpp"

namespace sf::http {
namespace {

using nlohmann::json;

std::shared_ptr<const Catalog> bundled() {
  io::DatasetOptions o;
  o.data = std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg";
  io::Dataset ds = io::load_dataset(o);
  return std::make_shared<const Catalog>(std::move(ds.stations), std::move(ds.districts));
}

// A server of its own on a free port, running until the object goes.
constexpr const char* kToken = "t0ken-for-the-planners-0123";

class CoverageApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerConfig config;
    config.port = 0;
    config.threads = 16;
    config.coverage_threads = 2;
    config.coverage_queue = 8;
    Snapshot snap;
    snap.catalog = bundled();
    snap.source = "bundled";
    running_ = new RunningServer(config, snap);
    server_ = &running_->server;
    server_->set_tokens(TokenStore::parse("planner:" + std::string(kToken), "test"));
    port_ = running_->port;
    ASSERT_TRUE(server_->running());
  }
  static void TearDownTestSuite() { delete running_; }
  static httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  static httplib::Client writer() {
    httplib::Client c = client();
    c.set_bearer_token_auth(kToken);
    return c;
  }
  static httplib::Result get(const std::string& path) { return client().Get(path.c_str()); }
  static httplib::Result post(const std::string& path, const std::string& body,
                              const char* type = "application/json") {
    return client().Post(path.c_str(), body, type);
  }
  static json ok_json(const httplib::Result& res, int status = 200) {
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << res->body.substr(0, 600);
    return json::parse(res->body, nullptr, false);
  }
  static void expect_problem(const httplib::Result& res, int status, const std::string& code,
                             const std::string& parameter = "") {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    const json p = json::parse(res->body);
    EXPECT_EQ(p["code"], code) << res->body;
    if (!parameter.empty()) {
      EXPECT_EQ(p["parameter"], parameter) << res->body;
    }
  }

  static RunningServer* running_;
  static Server* server_;
  static int port_;
};
RunningServer* CoverageApi::running_ = nullptr;
Server* CoverageApi::server_ = nullptr;
int CoverageApi::port_ = 0;

TEST_F(CoverageApi, GapsOfADistrictAsGeoJson) {
  auto res = get("/v1/coverage/gaps?district=%E4%B8%9C%E5%9F%8E%E5%8C%BA&radius_m=300");
  const json j = ok_json(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/geo+json");
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_EQ(j["parameters"]["region"], "东城区");
  EXPECT_EQ(j["parameters"]["radius_m"], 300);
  EXPECT_EQ(j["parameters"]["cell_m"], 100);
  EXPECT_EQ(j["parameters"]["dataset_version"], server_->snapshot()->catalog->version());
  const json& s = j["summary"];
  EXPECT_NEAR(s["region_area_m2"].get<double>(),
              s["covered_area_m2"].get<double>() + s["uncovered_area_m2"].get<double>(), 1);
  ASSERT_GT(j["features"].size(), 0u);
  EXPECT_EQ(s["gap_count"], j["features"].size());
  double total = 0, largest = 0;
  for (const json& f : j["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "Polygon");
    const json& p = f["properties"];
    total += p["area_m2"].get<double>();
    largest = std::max(largest, p["area_m2"].get<double>());
    EXPECT_EQ(p["district"], "东城区");
    EXPECT_GT(p["farthest_m"].get<double>(), 300);  // uncovered: beyond the radius
    EXPECT_EQ(p["farthest_point"].size(), 2u);
    EXPECT_TRUE(p["uncovered_demand"].is_null());  // no demand layer
  }
  EXPECT_NEAR(total, s["uncovered_area_m2"].get<double>(), j["features"].size());
  EXPECT_EQ(s["largest_gap_m2"].get<double>(), largest);
}

TEST_F(CoverageApi, GapsInEveryFormat) {
  const std::string base = "/v1/coverage/gaps?bbox=116.30,39.85,116.45,39.95&format=";
  const json list = ok_json(get(base + "json"));
  ASSERT_TRUE(list.contains("gaps"));
  EXPECT_FALSE(list.contains("features"));
  auto csv = get(base + "csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 2);
  EXPECT_EQ(csv->body.rfind("region,radius_m,", 0), 0u);
  auto gpkg = get(base + "gpkg");
  ASSERT_TRUE(gpkg);
  EXPECT_EQ(gpkg->status, 200);
  EXPECT_EQ(gpkg->body.rfind("SQLite format 3", 0), 0u);
  auto shp = get(base + "shp");
  ASSERT_TRUE(shp);
  EXPECT_EQ(shp->body.rfind("PK", 0), 0u);
  EXPECT_EQ(shp->get_header_value("Content-Type"), "application/zip");
  auto tiff = get(base + "tiff");
  ASSERT_TRUE(tiff);
  EXPECT_EQ(tiff->get_header_value("Content-Type"), "image/tiff");
  EXPECT_EQ(tiff->body.substr(0, 2), "II");
  expect_problem(get(base + "png"), 400, "unknown_format", "format");
}

TEST_F(CoverageApi, WhatIfAndRegionsInTheBody) {
  const std::string region =
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)"
      R"([[[116.60,40.20],[116.64,40.20],[116.64,40.23],[116.60,40.23],[116.60,40.20]]]}},)"
      R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)"
      R"([[[116.70,40.20],[116.72,40.20],[116.72,40.22],[116.70,40.22],[116.70,40.20]]]}}]})";
  const json base = ok_json(post("/v1/coverage/gaps?format=json", region));
  EXPECT_EQ(base["parameters"]["region"], "body");
  const double uncovered = base["summary"]["uncovered_area_m2"];
  ASSERT_GT(uncovered, 0);
  // Add a station in the middle of the first square: more is covered.
  const json added =
      ok_json(post("/v1/coverage/gaps?format=json",
                   R"({"region":)" + region + R"(,"add":[[116.62,40.215],[116.71,40.21]]})"));
  EXPECT_EQ(added["parameters"]["stations_added"], 2);
  EXPECT_LT(added["summary"]["uncovered_area_m2"].get<double>(), uncovered - 500000);
  // Exclude the second square entirely: the region shrinks by it.
  const json excluded = ok_json(
      post("/v1/coverage/gaps?format=json",
           R"({"region":)" + region +
               R"(,"exclude":{"type":"Polygon","coordinates":[[[116.69,40.19],[116.73,40.19],)"
               R"([116.73,40.23],[116.69,40.23],[116.69,40.19]]]}})"));
  EXPECT_EQ(excluded["parameters"]["exclusion"], "body");
  EXPECT_LT(excluded["summary"]["region_area_m2"].get<double>(),
            base["summary"]["region_area_m2"].get<double>() - 3e6);
  // Remove the stations that cover part of Dongcheng: coverage drops.
  const Catalog& cat = *server_->snapshot()->catalog;
  std::string ids;
  StationFilter in_dongcheng;
  in_dongcheng.district = "东城区";
  for (const Hit& h : cat.matching(in_dongcheng, 0, 200).hits)
    ids += (ids.empty() ? "\"" : ",\"") + std::string(cat.station(h.index).id) + "\"";
  const json before =
      ok_json(get("/v1/coverage/gaps?district=%E4%B8%9C%E5%9F%8E%E5%8C%BA&format=json"));
  const json after =
      ok_json(post("/v1/coverage/gaps?district=%E4%B8%9C%E5%9F%8E%E5%8C%BA&format=json",
                   R"({"remove":[)" + ids + "]}"));
  EXPECT_EQ(after["parameters"]["stations_removed"], 200);
  EXPECT_LT(after["summary"]["covered_pct"].get<double>(),
            before["summary"]["covered_pct"].get<double>());
  expect_problem(post("/v1/coverage/gaps?district=%E4%B8%9C%E5%9F%8E%E5%8C%BA",
                      R"({"remove":["no-such-station"]})"),
                 422, "unknown_station_id", "remove");
  expect_problem(post("/v1/coverage/gaps", R"({"regoin":{}})"), 400, "body_invalid", "regoin");
  expect_problem(post("/v1/coverage/gaps?district=%E4%B8%9C%E5%9F%8E%E5%8C%BA", region), 400,
                 "parameter_invalid", "district");
}

TEST_F(CoverageApi, ParametersAndLimits) {
  const json walk = ok_json(get("/v1/coverage/gaps?district=Dongcheng&walk_minutes=4&format=json"));
  EXPECT_EQ(walk["parameters"]["radius_m"], 300);
  expect_problem(get("/v1/coverage/gaps?district=Dongcheng&walk_minutes=4&radius_m=300"), 400,
                 "parameter_invalid", "walk_minutes");
  expect_problem(get("/v1/coverage/gaps"), 400, "region_missing");
  expect_problem(get("/v1/coverage/gaps?district=Atlantis"), 400, "unknown_district", "district");
  expect_problem(get("/v1/coverage/gaps?district=Dongcheng&cell_m=1"), 400, "parameter_invalid",
                 "cell_m");
  expect_problem(get("/v1/coverage/gaps?district=Dongcheng&radius_m=0"), 400, "radius_out_of_range",
                 "radius_m");
  expect_problem(get("/v1/coverage/gaps?district=Dongcheng&min_stations=1.5"), 400,
                 "parameter_invalid", "min_stations");
  expect_problem(get("/v1/coverage/gaps?bbox=115.4,39.4,117.5,41.1&cell_m=5"), 413,
                 "grid_too_large", "cell_m");
  expect_problem(get("/v1/coverage/gaps?bbox=60,10,140,50"), 422, "region_too_large");
  expect_problem(get("/v1/coverage/gaps?district=Dongcheng&radius=5"), 400, "parameter_unknown");
  // Double coverage and the time of day both lower the covered share.
  const json once = ok_json(get("/v1/coverage/gaps?district=Chaoyang&format=json"));
  const json twice = ok_json(get("/v1/coverage/gaps?district=Chaoyang&format=json&min_stations=2"));
  const json night =
      ok_json(get("/v1/coverage/gaps?district=Chaoyang&format=json&at=2026-11-25T23:30"));
  EXPECT_LT(twice["summary"]["covered_pct"].get<double>(),
            once["summary"]["covered_pct"].get<double>());
  EXPECT_LT(night["summary"]["covered_pct"].get<double>(),
            once["summary"]["covered_pct"].get<double>());
  EXPECT_LT(night["parameters"]["stations_counted"].get<int>(), 9600);
  EXPECT_EQ(night["parameters"]["at"], "2026-11-25T23:30:00+08:00");
  // GCJ-02 out: the same gaps, their coordinates a few hundred metres away.
  const json gcj = ok_json(get("/v1/coverage/gaps?district=Dongcheng&crs=gcj02"));
  const json wgs = ok_json(get("/v1/coverage/gaps?district=Dongcheng"));
  EXPECT_EQ(gcj["parameters"]["crs"], "GCJ-02");
  ASSERT_EQ(gcj["features"].size(), wgs["features"].size());
  const auto a = gcj["features"][0]["properties"]["farthest_point"];
  const auto b = wgs["features"][0]["properties"]["farthest_point"];
  const double shift = distance_m({a[0], a[1]}, {b[0], b[1]});
  EXPECT_GT(shift, 100);
  EXPECT_LT(shift, 800);
}

TEST_F(CoverageApi, DistrictReportAndProfile) {
  const json report = ok_json(get("/v1/coverage/districts?radius_m=500"));
  ASSERT_EQ(report["districts"].size(), 17u);
  const json& all = report["districts"][16];
  EXPECT_EQ(all["district"], "all");
  EXPECT_EQ(all["stations"], 9600);
  double area = 0;
  for (size_t i = 0; i < 16; ++i) {
    const json& d = report["districts"][i];
    area += d["area_km2"].get<double>();
    EXPECT_GE(d["covered_pct"].get<double>(), 0);
    EXPECT_LE(d["covered_pct"].get<double>(), 100);
    EXPECT_NEAR(d["stations_per_km2"].get<double>(),
                d["stations"].get<double>() / d["area_km2"].get<double>(), 0.01);
  }
  EXPECT_NEAR(area, all["area_km2"].get<double>(), 0.1);
  auto csv = get("/v1/coverage/districts?format=csv&min_stations=2");
  ASSERT_TRUE(csv);
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 18);
  EXPECT_NE(csv->body.find("\nall,all,"), std::string::npos);

  const json profile = ok_json(get("/v1/coverage/profile?district=Chaoyang&weekday=sun"));
  ASSERT_EQ(profile["hours"].size(), 24u);
  EXPECT_EQ(profile["date"], "sun");
  const json& three = profile["hours"][3];
  const json& noon = profile["hours"][12];
  EXPECT_LT(three["stations_open"].get<int>(), noon["stations_open"].get<int>());
  EXPECT_LT(three["covered_pct"].get<double>(), noon["covered_pct"].get<double>());
  // The hour at noon agrees with gaps at noon on a Sunday.
  const json gaps =
      ok_json(get("/v1/coverage/gaps?district=Chaoyang&format=json&at=2026-11-29T12:00"));
  EXPECT_NEAR(noon["covered_pct"].get<double>(), gaps["summary"]["covered_pct"].get<double>(),
              1e-9);
  expect_problem(get("/v1/coverage/profile?district=Chaoyang"), 400, "parameter_missing",
                 "weekday");
  expect_problem(get("/v1/coverage/profile?district=Chaoyang&weekday=someday"), 400,
                 "parameter_invalid", "weekday");
  expect_problem(get("/v1/coverage/profile?district=Chaoyang&weekday=mon&at=2026-11-29T12:00"), 400,
                 "parameter_invalid", "at");
}

TEST_F(CoverageApi, Suggestions) {
  const std::string where = "/v1/coverage/suggest?bbox=116.55,40.05,116.70,40.15&k=3";
  const json grid = ok_json(post(where + "&target_pct=60", ""));
  EXPECT_EQ(grid["objective"], "area_m2");
  ASSERT_EQ(grid["picks"].size(), 3u);
  for (size_t i = 1; i < 3; ++i)
    EXPECT_LE(grid["picks"][i]["gain"].get<double>(), grid["picks"][i - 1]["gain"].get<double>());
  EXPECT_GT(grid["picks"][2]["cumulative_pct"].get<double>(),
            grid["before"]["covered_pct"].get<double>());
  EXPECT_TRUE(grid["set_cover"].is_object());
  EXPECT_EQ(grid["set_cover"]["target_pct"], 60);
  EXPECT_GE(grid["set_cover"]["picks"].size(), 1u);
  // Candidates in the body keep their names.
  const json named = ok_json(post(
      where,
      R"({"candidates":{"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{"name":"Bank A","id":"a"},"geometry":{"type":"Point","coordinates":[116.60,40.10]}},)"
      R"({"type":"Feature","properties":{"name":"Shop B","id":"b"},"geometry":{"type":"Point","coordinates":[116.65,40.12]}}]}})"));
  ASSERT_GE(named["picks"].size(), 1u);
  EXPECT_TRUE(named["picks"][0]["name"] == "Bank A" || named["picks"][0]["name"] == "Shop B");
  EXPECT_EQ(named["candidates"], 2);
  auto geo = post(where + "&format=geojson", "");
  EXPECT_EQ(json::parse(geo->body)["features"][0]["geometry"]["type"], "Point");
  auto gpkg = post(where + "&format=gpkg", "");
  EXPECT_EQ(gpkg->body.rfind("SQLite format 3", 0), 0u);
  expect_problem(post("/v1/coverage/suggest?district=Chaoyang&k=0", ""), 400, "k_out_of_range");
  expect_problem(post("/v1/coverage/suggest?district=Chaoyang&candidates=layer", ""), 400,
                 "parameter_invalid", "candidates");
  expect_problem(
      post("/v1/coverage/suggest?bbox=115.4,39.4,117.5,41.1&candidate_spacing_m=5&cell_m=500", ""),
      422, "too_many_candidates");
  expect_problem(get("/v1/coverage/suggest?district=Chaoyang"), 404, "route_not_found");
}

// Browsers accept brotli; the server answers them with gzip (httplib 0.11's brotli runs at its
// slowest quality), for JSON and for static files alike.
TEST_F(CoverageApi, BrowsersGetGzipNotBrotli) {
  for (const char* path : {"/v1/coverage/districts", "/v1/meta"}) {
    auto res = client().Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip") << path;
  }
}

TEST_F(CoverageApi, DemandIsPrivateAndCounted) {
  // Three pings: two beside Dongcheng stations, one far out in the hills.
  const Catalog& cat = *server_->snapshot()->catalog;
  const LonLat s0 = cat.station(0).position;
  char csv[256];
  std::snprintf(csv, sizeof csv, "lon,lat,weight\n%.6f,%.6f,3\n%.6f,%.6f,2\n115.51234,40.09534,5\n",
                s0.lon + 0.0005, s0.lat, s0.lon, s0.lat + 0.0005);
  // Without a token, or with an unknown one: 401 with WWW-Authenticate (RFC 6750).
  auto anonymous = post("/v1/demand", csv, "text/csv");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate"), "Bearer realm=\"stationfinder\"");
  auto wrong = client().Post("/v1/demand", {{"Authorization", "Bearer not-the-token-at-all"}}, csv,
                             "text/csv");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_NE(wrong->get_header_value("WWW-Authenticate").find("error=\"invalid_token\""),
            std::string::npos);
  const json up = ok_json(writer().Post("/v1/demand", csv, "text/csv"), 201);
  EXPECT_EQ(up["points"], 3);
  EXPECT_EQ(up["total_weight"], 10);
  EXPECT_EQ(up["weight_column"], "weight");
  const json status = ok_json(get("/v1/demand"));
  EXPECT_EQ(status["loaded"], true);
  const json report = ok_json(get("/v1/coverage/districts"));
  const json& all = report["districts"][16];
  EXPECT_EQ(all["demand"]["points"], 3);
  EXPECT_NEAR(all["demand_covered_pct"].get<double>(), 50, 1e-9);
  auto gaps = get("/v1/coverage/gaps?bbox=115.45,40.05,115.55,40.15");
  const json g = json::parse(gaps->body);
  EXPECT_EQ(g["summary"]["demand"]["weight"], 5);
  EXPECT_EQ(g["features"][0]["properties"]["uncovered_demand"], 5);  // ranked first
  // The points themselves are never served back.
  for (const std::string& body : {up.dump(), status.dump(), report.dump(), gaps->body})
    EXPECT_EQ(body.find("115.51234"), std::string::npos);
  expect_problem(writer().Post("/v1/demand", "lon,lat\nx,y\n", "text/csv"), 422, "demand_unusable");
  auto del = writer().Delete("/v1/demand");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 204);
  EXPECT_EQ(ok_json(get("/v1/demand"))["loaded"], false);
  EXPECT_TRUE(ok_json(get("/v1/coverage/districts"))["districts"][16]["demand"].is_null());
}

Snapshot empty_snapshot() {
  Snapshot snap;
  snap.catalog = std::make_shared<const Catalog>(std::vector<Station>{}, std::vector<District>{});
  return snap;
}

TEST(CoverageBusy, WritesAreRefusedWithoutTokens) {
  ServerConfig config;
  config.port = 0;
  config.threads = 4;
  RunningServer running(config, empty_snapshot());
  httplib::Client c("127.0.0.1", running.port);
  auto up = c.Post("/v1/demand", "lon,lat\n116.4,39.9\n", "text/csv");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 403);
  EXPECT_NE(up->body.find("writes_disabled"), std::string::npos);
  auto del = c.Delete("/v1/demand");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
}

// The served data comes back as a GeoPackage that reads back to the same stations.
TEST_F(CoverageApi, ExportRoundTrips) {
  auto res = get("/v1/export?format=gpkg");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const Catalog& cat = *server_->snapshot()->catalog;
  EXPECT_NE(
      res->get_header_value("Content-Disposition").find("stations-" + cat.version() + ".gpkg"),
      std::string::npos);
  const auto dir = test::temp_dir("export");
  test::write_file(dir / "back.gpkg", res->body);
  io::DatasetOptions o;
  o.data = (dir / "back.gpkg").string();
  const io::Dataset back = io::load_dataset(o);
  ASSERT_EQ(back.stations.size(), cat.size());
  EXPECT_EQ(back.districts.size(), cat.districts().size());
  const Catalog again(back.stations, back.districts);
  EXPECT_EQ(again.version(), cat.version());  // same content, same version
  expect_problem(get("/v1/export?format=xlsx"), 400, "unknown_format", "format");
}

TEST_F(CoverageApi, ReadinessAndPrometheusMetrics) {
  const json ready = ok_json(get("/readyz"));
  EXPECT_EQ(ready["status"], "ready");
  EXPECT_EQ(ready["stations"], 9600);
  ASSERT_TRUE(get("/v1/coverage/districts"));
  ASSERT_TRUE(get("/v1/stations/bj-110101-00739"));
  ASSERT_TRUE(get("/no/such/route"));
  auto res = get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4");
  const std::string& m = res->body;
  // Routes by pattern (never the raw path), with status; unknown paths as "unmatched".
  EXPECT_NE(
      m.find("stationfinder_requests_total{route=\"GET /v1/coverage/districts\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(
      m.find("stationfinder_requests_total{route=\"GET /v1/stations/{id}\",status=\"200\"} 1\n"),
      std::string::npos);
  EXPECT_NE(m.find("stationfinder_requests_total{route=\"unmatched\",status=\"404\"}"),
            std::string::npos);
  EXPECT_EQ(m.find("/no/such/route"), std::string::npos);
  EXPECT_NE(m.find("stationfinder_request_duration_seconds_bucket{route=\"GET "
                   "/v1/coverage/districts\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(m.find("stationfinder_stations_loaded 9600\n"), std::string::npos);
  EXPECT_NE(m.find("stationfinder_dataset_info{version=\"" +
                   server_->snapshot()->catalog->version() + "\"} 1\n"),
            std::string::npos);
}

TEST(AccessLog, OneJsonLinePerRequestWithoutQueryStrings) {
  const auto dir = test::temp_dir("access_log");
  ServerConfig config;
  config.port = 0;
  config.threads = 4;
  config.access_log = (dir / "access.log").string();
  {
    RunningServer running(config, empty_snapshot());
    httplib::Client c("127.0.0.1", running.port);
    ASSERT_TRUE(c.Get("/v1/stations/nearest?lon=116.41234&lat=39.91234"));
    ASSERT_TRUE(c.Get("/nowhere"));
  }
  std::ifstream in(dir / "access.log");
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["route"], "GET /v1/stations/nearest");
  EXPECT_EQ(lines[0]["path"], "/v1/stations/nearest");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["remote"], "127.0.0.1");
  EXPECT_TRUE(lines[0]["ms"].is_number());
  EXPECT_EQ(lines[1]["route"], "unmatched");
  EXPECT_EQ(lines[1]["status"], 404);
  std::ifstream again(dir / "access.log");
  std::stringstream all;
  all << again.rdbuf();
  EXPECT_EQ(all.str().find("116.41234"), std::string::npos);  // positions never logged
}

TEST(Tokens, ParseAndLookUp) {
  const TokenStore t = TokenStore::parse(
      "alice:aaaaaaaaaaaaaaaa1, bob : bbbbbbbbbbbbbbbb2\n# a comment\n\ncarol:cccccccccccccccc3 # "
      "hers\n",
      "test");
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.name_for("bbbbbbbbbbbbbbbb2"), "bob");
  EXPECT_EQ(t.name_for("cccccccccccccccc3"), "carol");
  EXPECT_FALSE(t.name_for("bbbbbbbbbbbbbbbb"));    // a prefix is not the token
  EXPECT_FALSE(t.name_for("bbbbbbbbbbbbbbbb23"));  // nor a longer one
  EXPECT_FALSE(t.name_for(""));
  EXPECT_TRUE(TokenStore::parse("", "empty").empty());
  EXPECT_THROW(TokenStore::parse("no-colon-here-xxxxxxxx", "t"), Error);
  EXPECT_THROW(TokenStore::parse("short:abc", "t"), Error);
  EXPECT_THROW(TokenStore::parse(":aaaaaaaaaaaaaaaa1", "t"), Error);
  EXPECT_THROW(TokenStore::parse("a:aaaaaaaaaaaaaaaa1,b:aaaaaaaaaaaaaaaa1", "t"), Error);
}

TEST(CoveragePool, RefusesWhenEveryThreadAndQueueSlotIsTaken) {
  CoveragePool pool(1, 0);
  std::latch started(1), release(1);
  std::thread busy([&] {
    EXPECT_TRUE(pool.run([&] {
      started.count_down();
      release.wait();
    }));
  });
  started.wait();
  bool ran = false;
  EXPECT_FALSE(pool.run([&] { ran = true; }));
  EXPECT_FALSE(ran);
  release.count_down();
  busy.join();
  EXPECT_TRUE(pool.run([&] { ran = true; }));
  EXPECT_TRUE(ran);
  EXPECT_THROW(pool.run([] { throw std::runtime_error("boom"); }), std::runtime_error);
}

TEST(CoverageBusy, FullPoolAnswers503AndNearestKeepsAnswering) {
  ServerConfig config;
  config.port = 0;
  config.threads = 16;
  config.coverage_threads = 1;
  config.coverage_queue = 0;
  config.coverage_retry_after_s = 7;
  Snapshot snap;
  snap.catalog = bundled();
  RunningServer running(config, snap);
  const int port = running.port;
  // Several city-wide gap maps at once: one runs, the others are refused at once.
  std::vector<int> statuses(4, 0);
  std::vector<std::string> retry(4);
  std::vector<std::thread> clients;
  for (size_t i = 0; i < statuses.size(); ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(60, 0);
      auto res = c.Get("/v1/coverage/gaps?bbox=115.4,39.4,117.5,41.1&cell_m=50&format=json");
      if (res) {
        statuses[i] = res->status;
        retry[i] = res->get_header_value("Retry-After");
      }
    });
  }
  // Meanwhile nearest queries answer.
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 20; ++i) {
    auto res = c.Get("/v1/stations/nearest?lon=116.4&lat=39.9&k=5");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  for (std::thread& t : clients) t.join();
  const auto ok = std::count(statuses.begin(), statuses.end(), 200);
  const auto busy = std::count(statuses.begin(), statuses.end(), 503);
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);
  EXPECT_EQ(ok + busy, 4);
  for (size_t i = 0; i < statuses.size(); ++i)
    if (statuses[i] == 503) {
      EXPECT_EQ(retry[i], "7");
    }
}

}  // namespace
}  // namespace sf::http
