// OGC API - Features under /ogc against a real server on 127.0.0.1: absolute links (and the
// proxy's headers), conformance, collections and their extents, paging by next links from the
// first page to the last, bbox (4 and 6 numbers, across the antimeridian), datetime instants
// and intervals, the queryables as parameters, single items, HTML, streamed pages, the streets
// and districts, the service description, and every refusal; each answer checked against a
// brute force over the stations the test made.
#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include "core/catalog.hpp"
#include "core/datum.hpp"
#include "core/tile_grid.hpp"
#include "core/time.hpp"
#include "http/server.hpp"
#include "running_server.hpp"
#include "test_support.hpp"

namespace sf::http {
namespace {

using nlohmann::json;

constexpr int kStations = 1300;  // more than one streamed page (500) of items

District square(const char* name, const char* en, const char* code, double w, double s, double e,
                double n) {
  District d;
  d.name = name;
  d.name_en = en;
  d.code = code;
  d.region = Region({{{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}});
  return d;
}

std::vector<Station> stations() {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lon(116.30, 116.50), lat(39.85, 40.00);
  std::vector<Station> v;
  for (int i = 0; i < kStations; ++i) {
    Station s;
    char id[32];
    std::snprintf(id, sizeof id, "st-%05d", (i * 7919) % 100000);  // ids not in input order
    s.id = id;
    s.name = "Station " + s.id;
    s.position = {lon(rng), lat(rng)};
    s.host_type = static_cast<HostType>(rng() % 5);
    s.amenities = static_cast<AmenitySet>(rng() & 0x3f);
    s.opening_hours = rng() % 3 == 0 ? "Mo-Fr 09:00-18:00" : "24/7";
    char when[40];
    std::snprintf(when, sizeof when, "2025-%02d-%02dT%02d:00:00+08:00",
                  static_cast<int>(rng() % 12) + 1, static_cast<int>(rng() % 28) + 1,
                  static_cast<int>(rng() % 24));
    s.updated_at = rng() % 20 == 0 ? "" : when;
    s.district = s.position.lon < 116.40 ? "东城区" : "西城区";
    v.push_back(s);
  }
  for (double edge : {179.95, -179.95}) {  // two stations beside the antimeridian
    Station s;
    s.id = edge > 0 ? "z-east" : "z-west";
    s.name = s.id;
    s.position = {edge, 10};
    s.updated_at = "2024-01-01T00:00:00Z";
    v.push_back(s);
  }
  return v;
}

// A small street grid (0.001° apart) of 10 × 10 junctions.
WalkGraph grid() {
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  for (uint32_t r = 0; r < 10; ++r)
    for (uint32_t c = 0; c < 10; ++c) nodes.push_back({116.40 + c * 0.001, 39.90 + r * 0.001});
  for (uint32_t r = 0; r < 10; ++r) {
    for (uint32_t c = 0; c < 10; ++c) {
      if (c + 1 < 10) segments.emplace_back(r * 10 + c, r * 10 + c + 1);
      if (r + 1 < 10) segments.emplace_back(r * 10 + c, (r + 1) * 10 + c);
    }
  }
  return WalkGraph(std::move(nodes), segments, 10);
}

class OgcApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerConfig config;
    config.port = 0;
    config.threads = 8;
    Snapshot snap;
    snap.catalog = std::make_shared<const Catalog>(
        stations(),
        std::vector<District>{square("东城区", "Dongcheng", "110101", 116.30, 39.85, 116.40, 40.00),
                              square("西城区", "Xicheng", "110102", 116.40, 39.85, 116.50, 40.00)});
    io::NetworkReadReport report;
    report.source = "grid";
    report.format = "test";
    report.min_part_nodes = 10;
    snap.network =
        std::make_shared<const WalkNetwork>(io::Network{grid(), report, {}, {}}, 300.0, 0.0);
    catalog_ = snap.catalog;
    running_ = new RunningServer(config, snap);
    server_ = &running_->server;
    port_ = running_->port;
    ASSERT_TRUE(server_->running());
  }
  static void TearDownTestSuite() {
    delete running_;
    catalog_.reset();
  }

  static std::string base() { return "http://127.0.0.1:" + std::to_string(port_); }

  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) const {
    httplib::Client c("127.0.0.1", port_);
    return c.Get(path.c_str(), headers);
  }
  json get_json(const std::string& path, int status = 200) const {
    auto res = get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << "\n" << res->body.substr(0, 400);
    return json::parse(res->body, nullptr, false);
  }
  void expect_problem(const std::string& path, int status, const std::string& code,
                      const std::string& parameter) const {
    auto res = get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, status) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << path;
    const json p = json::parse(res->body, nullptr, false);
    EXPECT_EQ(p["code"], code) << path << " " << res->body;
    EXPECT_EQ(p["parameter"], parameter) << path;
  }

  // Every item of a listing, following next links from `first` to the last page: ids in order.
  std::vector<std::string> walk_pages(const std::string& first, size_t* matched = nullptr,
                                      size_t* pages = nullptr) const {
    std::vector<std::string> ids;
    std::string next = first;
    size_t n = 0;
    while (!next.empty() && n < 10000) {
      ++n;
      const json page = get_json(next.substr(base().size()));
      if (!page.is_object()) break;
      for (const json& f : page["features"]) {
        ids.push_back(f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump());
      }
      EXPECT_EQ(page["numberReturned"], page["features"].size());
      if (matched) *matched = page["numberMatched"];
      next.clear();
      for (const json& l : page["links"]) {
        if (l["rel"] == "next") next = l["href"];
      }
      if (!next.empty()) {
        EXPECT_FALSE(page["features"].empty()) << "a next link after an empty page";
      }
    }
    if (pages) *pages = n;
    return ids;
  }

  // The ids of the served stations that pass `keep`, in id order.
  static std::vector<std::string> brute(const std::function<bool(const StationView&)>& keep) {
    std::vector<std::string> ids;
    for (uint32_t slot = 0; slot < catalog_->slot_count(); ++slot) {
      const StationView s = catalog_->station(slot);
      if (keep(s)) ids.emplace_back(s.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static Server* server_;
  static RunningServer* running_;
  static int port_;
  static std::shared_ptr<const Catalog> catalog_;
};
Server* OgcApi::server_ = nullptr;
RunningServer* OgcApi::running_ = nullptr;
int OgcApi::port_ = 0;
std::shared_ptr<const Catalog> OgcApi::catalog_;

TEST_F(OgcApi, TheLandingPageLinksEverythingAbsolutely) {
  const json landing = get_json("/ogc");
  std::map<std::string, std::string> rel;
  for (const json& l : landing["links"]) {
    rel[l["rel"]] = l["href"];
    EXPECT_EQ(l["href"].get<std::string>().rfind(base() + "/ogc", 0), 0u) << l.dump();
  }
  EXPECT_EQ(rel["service-desc"], base() + "/ogc/api");
  EXPECT_EQ(rel["conformance"], base() + "/ogc/conformance");
  EXPECT_EQ(rel["data"], base() + "/ogc/collections");
  // Behind a proxy the links are the proxy's; a header that is no part of a URL is refused.
  auto res = get("/ogc", {{"X-Forwarded-Proto", "https"},
                          {"X-Forwarded-Host", "maps.example.org"},
                          {"X-Forwarded-Prefix", "/sf/"}});
  ASSERT_TRUE(res);
  const json proxied = json::parse(res->body);
  EXPECT_EQ(proxied["links"][0]["href"], "https://maps.example.org/sf/ogc");
  res = get("/ogc", {{"X-Forwarded-Host", "evil\"host"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["code"], "header_invalid");
  res = get("/ogc", {{"X-Forwarded-Proto", "gopher"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  const json conformance = get_json("/ogc/conformance");
  std::set<std::string> classes(conformance["conformsTo"].begin(), conformance["conformsTo"].end());
  EXPECT_TRUE(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"));
  EXPECT_TRUE(classes.count("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"));
}

TEST_F(OgcApi, CollectionsGiveTheirExtents) {
  const json all = get_json("/ogc/collections");
  ASSERT_EQ(all["collections"].size(), 4u);
  EXPECT_EQ(all["collections"][0]["id"], "stations");
  EXPECT_EQ(all["collections"][1]["id"], "districts");
  EXPECT_EQ(all["collections"][2]["id"], "streets");
  EXPECT_EQ(all["collections"][3]["id"], "coverage");  // tiles only: no items link
  for (const json& l : all["collections"][3]["links"]) EXPECT_NE(l["rel"], "items");
  const json stations = get_json("/ogc/collections/stations");
  const BBox box = *catalog_->bbox();
  const json& b = stations["extent"]["spatial"]["bbox"][0];
  EXPECT_NEAR(b[0].get<double>(), box.west, 1e-6);
  EXPECT_NEAR(b[3].get<double>(), box.north, 1e-6);
  UnixSeconds first = INT64_MAX, last = INT64_MIN;
  for (uint32_t slot = 0; slot < catalog_->slot_count(); ++slot) {
    if (const auto t = parse_iso8601(catalog_->station(slot).updated_at)) {
      first = std::min(first, *t);
      last = std::max(last, *t);
    }
  }
  const json& interval = stations["extent"]["temporal"]["interval"][0];
  EXPECT_EQ(parse_iso8601(interval[0].get<std::string>()), first);
  EXPECT_EQ(parse_iso8601(interval[1].get<std::string>()), last);
  const json streets = get_json("/ogc/collections/streets");
  EXPECT_NEAR(streets["extent"]["spatial"]["bbox"][0][2].get<double>(), 116.409, 1e-9);
  expect_problem("/ogc/collections/parks", 404, "collection_not_found", "collectionId");
  expect_problem("/ogc/collections/parks/items", 404, "collection_not_found", "collectionId");
  expect_problem("/ogc/collections?limit=3", 400, "parameter_unknown", "limit");
  expect_problem("/ogc/collections/stations?f=xml", 400, "unknown_format", "f");
}

TEST_F(OgcApi, NextLinksReachTheLastPageInIdOrder) {
  size_t matched = 0, pages = 0;
  const auto ids =
      walk_pages(base() + "/ogc/collections/stations/items?limit=97", &matched, &pages);
  const auto want = brute([](const StationView&) { return true; });
  EXPECT_EQ(ids, want);
  EXPECT_EQ(matched, want.size());
  EXPECT_EQ(pages, (want.size() + 96) / 97);
  // The default page, and a page in one answer of 10,000 (streamed in pieces).
  EXPECT_EQ(get_json("/ogc/collections/stations/items")["numberReturned"], 100);
  auto res = get("/ogc/collections/stations/items?limit=10000");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/geo+json");
  const json whole = json::parse(res->body);
  EXPECT_EQ(whole["numberReturned"], want.size());
  EXPECT_EQ(whole["features"].back()["id"], want.back());
  for (const json& l : whole["links"]) EXPECT_NE(l["rel"], "next");
}

TEST_F(OgcApi, BboxDatetimeAndQueryablesEqualABruteForce) {
  const BBox box{116.35, 39.88, 116.42, 39.95};
  auto in_box = [&box](const StationView& s) { return box.contains(s.position); };
  ASSERT_GT(brute(in_box).size(), 100u);
  ASSERT_LT(brute(in_box).size(), 1000u);
  EXPECT_EQ(walk_pages(base() +
                       "/ogc/collections/stations/items?limit=50&bbox=116.35,39.88,116.42,39.95"),
            brute(in_box));
  EXPECT_EQ(
      walk_pages(base() +
                 "/ogc/collections/stations/items?limit=50&bbox=116.35,39.88,-5,116.42,39.95,100"),
      brute(in_box));
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?bbox=179,0,-179,20"),
            (std::vector<std::string>{"z-east", "z-west"}));

  const UnixSeconds from = *parse_iso8601("2025-04-01T00:00:00+08:00");
  const UnixSeconds to = *parse_iso8601("2025-06-15T12:00:00Z");
  auto updated = [](const StationView& s) { return parse_iso8601(s.updated_at); };
  const auto in_interval = brute([&](const StationView& s) {
    const auto t = updated(s);
    return t && *t >= from && *t <= to;
  });
  ASSERT_GT(in_interval.size(), 100u);
  ASSERT_LT(in_interval.size(), 1000u);
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?limit=200&datetime=" +
                       "2025-04-01T00:00:00%2B08:00/2025-06-15T12:00:00Z"),
            brute([&](const StationView& s) {
              const auto t = updated(s);
              return t && *t >= from && *t <= to;
            }));
  EXPECT_EQ(
      walk_pages(base() +
                 "/ogc/collections/stations/items?limit=200&datetime=../2025-06-15T12:00:00Z"),
      brute([&](const StationView& s) {
        const auto t = updated(s);
        return t && *t <= to;
      }));
  EXPECT_EQ(
      walk_pages(base() +
                 "/ogc/collections/stations/items?limit=200&datetime=2025-04-01T00:00:00%2B08:00/"),
      brute([&](const StationView& s) {
        const auto t = updated(s);
        return t && *t >= from;
      }));
  const std::string instant(catalog_->station(0).updated_at);
  ASSERT_FALSE(instant.empty());
  const auto at_instant = walk_pages(base() + "/ogc/collections/stations/items?datetime=" +
                                     httplib::detail::encode_query_param(instant));
  EXPECT_EQ(at_instant,
            brute([&](const StationView& s) { return updated(s) == parse_iso8601(instant); }));
  EXPECT_FALSE(at_instant.empty());

  const HostTypeSet banks_or_shops =
      host_type_bit(static_cast<HostType>(1)) | host_type_bit(static_cast<HostType>(3));
  const std::string hosts = std::string(host_type_name(static_cast<HostType>(1))) + "," +
                            std::string(host_type_name(static_cast<HostType>(3)));
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?limit=300&host_type=" + hosts),
            brute([&](const StationView& s) {
              return (host_type_bit(s.host_type) & banks_or_shops) != 0;
            }));
  const AmenitySet two =
      amenity_bit(static_cast<Amenity>(0)) | amenity_bit(static_cast<Amenity>(2));
  const std::string amenities = std::string(amenity_name(static_cast<Amenity>(0))) + "," +
                                std::string(amenity_name(static_cast<Amenity>(2)));
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?limit=300&amenities=" + amenities),
            brute([&](const StationView& s) { return (s.amenities & two) == two; }));
  const auto xicheng = brute([](const StationView& s) { return s.district == "西城区"; });
  EXPECT_GT(xicheng.size(), 100u);
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?limit=300&district=Xicheng"),
            xicheng);
  // open_now at a Sunday noon leaves out the weekday-only stations.
  EXPECT_EQ(
      walk_pages(
          base() +
          "/ogc/collections/stations/items?limit=500&open_now=true&at=2026-11-29T12:00:00%2B08:00"),
      brute([](const StationView& s) { return s.opening_hours == "24/7"; }));
}

TEST_F(OgcApi, Refusals) {
  const std::string items = "/ogc/collections/stations/items";
  expect_problem(items + "?limit=0", 400, "limit_out_of_range", "limit");
  expect_problem(items + "?limit=10001", 400, "limit_out_of_range", "limit");
  expect_problem(items + "?offset=10", 400, "parameter_unknown", "offset");
  expect_problem(items + "?bbox=1,2,3", 400, "bbox_invalid", "bbox");
  expect_problem(items + "?bbox=1,50,3,40", 400, "bbox_south_above_north", "bbox");
  expect_problem(items + "?bbox=116,39,117,40&bbox-crs=EPSG:4326", 400, "unknown_crs", "bbox-crs");
  expect_problem(items + "?datetime=yesterday", 400, "invalid_datetime", "datetime");
  expect_problem(items + "?datetime=../..", 400, "invalid_datetime", "datetime");
  expect_problem(items + "?datetime=2025-06-01T00:00:00Z/2025-01-01T00:00:00Z", 400,
                 "invalid_datetime", "datetime");
  expect_problem(items + "?host_type=castle", 400, "unknown_host_type", "host_type");
  expect_problem(items + "?district=Gotham", 400, "unknown_district", "district");
  expect_problem(items + "?f=csv", 400, "unknown_format", "f");
  expect_problem("/ogc/collections/districts/items?datetime=2025-01-01T00:00:00Z", 400,
                 "parameter_invalid", "datetime");
  expect_problem("/ogc/collections/districts/items?host_type=bank", 400, "parameter_unknown",
                 "host_type");
  expect_problem("/ogc/collections/streets/items?after=seven", 400, "parameter_invalid", "after");
  expect_problem(items + "/nope", 404, "feature_not_found", "featureId");
  expect_problem("/ogc/collections/streets/items/99999", 404, "feature_not_found", "featureId");
  expect_problem("/ogc/collections/districts/items/999", 404, "feature_not_found", "featureId");
}

TEST_F(OgcApi, OneItemWithItsLinksAndAsHtml) {
  const std::string id(catalog_->station(5).id);
  const json item = get_json("/ogc/collections/stations/items/" + id);
  EXPECT_EQ(item["type"], "Feature");
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["properties"]["name"], "Station " + id);
  std::map<std::string, std::string> rel;
  for (const json& l : item["links"]) rel[l["rel"]] = l["href"];
  EXPECT_EQ(rel["self"], base() + "/ogc/collections/stations/items/" + id);
  EXPECT_EQ(rel["collection"], base() + "/ogc/collections/stations");
  auto res = get("/ogc/collections/stations/items/" + id + "?f=html");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->body.find("Station " + id), std::string::npos);
  res = get("/ogc/collections/stations/items?limit=3&f=html");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("next page"), std::string::npos);
  EXPECT_NE(res->body.find(brute([](const StationView&) { return true; })[2]), std::string::npos);
  for (const char* page : {"/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html",
                           "/ogc/collections/districts?f=html", "/ogc/api?f=html"}) {
    res = get(page);
    ASSERT_TRUE(res) << page;
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->body.rfind("<!doctype html>", 0), 0u) << page;
  }
}

TEST_F(OgcApi, DistrictsAndStreetsPageToo) {
  const auto districts = walk_pages(base() + "/ogc/collections/districts/items?limit=1");
  EXPECT_EQ(districts, (std::vector<std::string>{"110101", "110102"}));
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/districts/items?bbox=116.31,39.9,116.32,39.91"),
            std::vector<std::string>{"110101"});
  EXPECT_TRUE(walk_pages(base() + "/ogc/collections/districts/items?bbox=100,10,101,11").empty());
  const json one = get_json("/ogc/collections/districts/items/110102");
  EXPECT_EQ(one["properties"]["name"], "西城区");
  EXPECT_EQ(one["properties"]["stations"], catalog_->stations_in_district("西城区"));

  size_t matched = 0;
  const auto segments = walk_pages(base() + "/ogc/collections/streets/items?limit=37", &matched);
  ASSERT_EQ(segments.size(), 180u);  // 10 × 9 each way
  EXPECT_EQ(matched, 180u);
  for (size_t i = 0; i < segments.size(); ++i) EXPECT_EQ(segments[i], std::to_string(i));
  // A box over one junction's corner meets the four segments that end there.
  const auto near =
      walk_pages(base() + "/ogc/collections/streets/items?bbox=116.4044,39.9044,116.4056,39.9056");
  EXPECT_EQ(near.size(), 4u);
  const json street = get_json("/ogc/collections/streets/items/3");
  EXPECT_EQ(street["geometry"]["type"], "LineString");
}

TEST_F(OgcApi, Cql2FiltersInBothEncodingsEqualABruteForce) {
  const std::string items = base() + "/ogc/collections/stations/items?limit=200&filter-lang=";
  auto q = [](const std::string& text) { return httplib::detail::encode_query_param(text); };
  const UnixSeconds june = *parse_iso8601("2025-06-01T00:00:00Z");
  const auto want = brute([&](const StationView& s) {
    const auto t = parse_iso8601(s.updated_at);
    return s.host_type != static_cast<HostType>(0) && (s.amenities & 0x3) == 0x3 &&
           s.position.lon < 116.42 && t && *t >= june;
  });
  ASSERT_GT(want.size(), 5u);
  const std::string host0(host_type_name(static_cast<HostType>(0)));
  const std::string a0(amenity_name(static_cast<Amenity>(0))),
      a1(amenity_name(static_cast<Amenity>(1)));
  const std::string text = "host_type <> '" + host0 + "' AND A_CONTAINS(amenities, ('" + a0 +
                           "', '" + a1 +
                           "')) AND S_INTERSECTS(geometry, BBOX(116.0, 39.0, 116.42, 41.0)) AND " +
                           "NOT T_BEFORE(updated_at, TIMESTAMP('2025-06-01T00:00:00Z'))";
  EXPECT_EQ(walk_pages(items + "cql2-text&filter=" + q(text)), want);
  const std::string json_filter =
      R"({"op":"and","args":[{"op":"<>","args":[{"property":"host_type"},")" + host0 +
      R"("]},{"op":"a_contains","args":[{"property":"amenities"},[")" + a0 + R"(",")" + a1 +
      R"("]]},{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[116.0,39.0,116.42,41.0]}]},)" +
      R"({"op":"not","args":[{"op":"t_before","args":[{"property":"updated_at"},{"timestamp":"2025-06-01T00:00:00Z"}]}]}]})";
  EXPECT_EQ(walk_pages(items + "cql2-json&filter=" + q(json_filter)), want);
  // With bbox and datetime too: every condition holds at once.
  const auto narrower =
      walk_pages(items + "cql2-text&filter=" + q(text) +
                 "&bbox=116.30,39.85,116.38,40.0&datetime=../2025-09-01T00:00:00Z");
  EXPECT_EQ(narrower, brute([&](const StationView& s) {
              const auto t = parse_iso8601(s.updated_at);
              return s.host_type != static_cast<HostType>(0) && (s.amenities & 0x3) == 0x3 &&
                     s.position.lon <= 116.38 && t && *t >= june &&
                     *t <= *parse_iso8601("2025-09-01T00:00:00Z");
            }));
  EXPECT_LT(narrower.size(), want.size());

  const std::string base_items = "/ogc/collections/stations/items";
  expect_problem(base_items + "?filter=" + q("nme = 'x'"), 400, "parameter_invalid", "filter");
  expect_problem(base_items + "?filter=" + q("{") + "&filter-lang=cql2-json", 400,
                 "parameter_invalid", "filter");
  expect_problem(base_items + "?filter=TRUE&filter-lang=ecql", 400, "parameter_invalid",
                 "filter-lang");
  expect_problem(base_items + "?filter-lang=cql2-text", 400, "parameter_invalid", "filter-lang");
  expect_problem(base_items + "?filter=TRUE&filter-crs=EPSG:3857", 400, "unknown_crs",
                 "filter-crs");
  expect_problem("/ogc/collections/districts/items?filter=TRUE", 400, "parameter_invalid",
                 "filter");

  const json queryables = get_json("/ogc/collections/stations/queryables");
  EXPECT_EQ(queryables["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(queryables["$id"], base() + "/ogc/collections/stations/queryables");
  EXPECT_EQ(queryables["properties"]["updated_at"]["format"], "date-time");
  EXPECT_EQ(queryables["properties"]["amenities"]["type"], "array");
  EXPECT_EQ(queryables["properties"].size(), 11u);
  EXPECT_TRUE(get_json("/ogc/collections/streets/queryables")["properties"].empty());
  const json conformance = get_json("/ogc/conformance");
  std::set<std::string> classes(conformance["conformsTo"].begin(), conformance["conformsTo"].end());
  for (const char* c : {"basic-cql2", "advanced-comparison-operators", "basic-spatial-functions",
                        "array-functions", "temporal-functions", "cql2-text", "cql2-json"}) {
    EXPECT_TRUE(classes.count(std::string("http://www.opengis.net/spec/cql2/1.0/conf/") + c)) << c;
  }
}

TEST_F(OgcApi, Part2CrsWritesAndReadsEveryGeometry) {
  const std::string items =
      "/ogc/collections/stations/items?limit=40&bbox=116.3,39.85,116.45,39.95";
  const std::string e4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
  const std::string e3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";
  const std::string gcj = "urn:stationfinder:def:crs:GCJ-02";
  auto page = [this](const std::string& path, const std::string& crs) {
    auto res = get(path + "&crs=" + httplib::detail::encode_query_param(crs));
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body.substr(0, 300);
    EXPECT_EQ(res->get_header_value("Content-Crs"), "<" + crs + ">");
    return json::parse(res->body);
  };
  const json plain = page(items, "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
  const json swapped = page(items, e4326), metres = page(items, e3857), shifted = page(items, gcj);
  ASSERT_EQ(plain["features"].size(), 40u);
  for (size_t i = 0; i < 40; ++i) {
    const json& c = plain["features"][i]["geometry"]["coordinates"];
    const LonLat p{c[0].get<double>(), c[1].get<double>()};
    EXPECT_EQ(swapped["features"][i]["geometry"]["coordinates"][0], c[1]);
    EXPECT_EQ(swapped["features"][i]["geometry"]["coordinates"][1], c[0]);
    const auto [x, y] = web_mercator(p);  // p is rounded to 1e-7°: within 2 cm at 40°N
    EXPECT_NEAR(metres["features"][i]["geometry"]["coordinates"][0].get<double>(), x, 0.03);
    EXPECT_NEAR(metres["features"][i]["geometry"]["coordinates"][1].get<double>(), y, 0.03);
    const LonLat g = from_wgs84(p, Datum::gcj02);
    EXPECT_NEAR(shifted["features"][i]["geometry"]["coordinates"][0].get<double>(), g.lon, 2e-7);
    EXPECT_NEAR(shifted["features"][i]["geometry"]["coordinates"][1].get<double>(), g.lat, 2e-7);
    EXPECT_GT(std::abs(g.lon - p.lon), 1e-4);  // GCJ-02 really moves Beijing
  }
  // bbox-crs: the same box in each CRS finds the same stations.
  const auto ids =
      walk_pages(base() + "/ogc/collections/stations/items?bbox=116.3,39.85,116.45,39.95");
  ASSERT_GT(ids.size(), 100u);
  const std::string b4326 = httplib::detail::encode_query_param(e4326);
  EXPECT_EQ(
      walk_pages(base() +
                 "/ogc/collections/stations/items?bbox=39.85,116.3,39.95,116.45&bbox-crs=" + b4326),
      ids);
  const auto [w, south] = web_mercator({116.3, 39.85});
  const auto [e, north] = web_mercator({116.45, 39.95});
  char box3857[160];
  std::snprintf(box3857, sizeof box3857, "%.6f,%.6f,%.6f,%.6f", w, south, e, north);
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?bbox=" + box3857 +
                       "&bbox-crs=" + httplib::detail::encode_query_param(e3857)),
            ids);
  const LonLat gsw = from_wgs84({116.3, 39.85}, Datum::gcj02),
               gne = from_wgs84({116.45, 39.95}, Datum::gcj02);
  char boxgcj[160];
  std::snprintf(boxgcj, sizeof boxgcj, "%.9f,%.9f,%.9f,%.9f", gsw.lon, gsw.lat, gne.lon, gne.lat);
  const BBox back{to_wgs84(gsw, Datum::gcj02).lon, to_wgs84(gsw, Datum::gcj02).lat,
                  to_wgs84(gne, Datum::gcj02).lon, to_wgs84(gne, Datum::gcj02).lat};
  EXPECT_EQ(walk_pages(base() + "/ogc/collections/stations/items?bbox=" + boxgcj +
                       "&bbox-crs=" + httplib::detail::encode_query_param(gcj)),
            brute([&back](const StationView& s) { return back.contains(s.position); }));
  // Districts, streets and single items too.
  const json d = get_json("/ogc/collections/districts/items/110101?crs=" + b4326);
  EXPECT_EQ(d["geometry"]["coordinates"][0][0][0][0],
            39.85);  // the square's first corner, lat first
  const json st = get_json("/ogc/collections/streets/items/0?crs=" +
                           httplib::detail::encode_query_param(e3857));
  EXPECT_NEAR(st["geometry"]["coordinates"][0][0].get<double>(),
              web_mercator({116.40, 39.90}).first, 0.01);
  const std::string id(catalog_->station(7).id);
  const json one = get_json("/ogc/collections/stations/items/" + id + "?crs=" + b4326);
  EXPECT_NEAR(one["geometry"]["coordinates"][0].get<double>(), catalog_->station(7).position.lat,
              1e-7);
  expect_problem(items + "&crs=gcj02", 400, "unknown_crs", "crs");
  expect_problem(items + "&bbox-crs=EPSG:3857", 400, "unknown_crs", "bbox-crs");
  expect_problem("/ogc/collections/stations/items?bbox=-2e7,0,3e7,1&bbox-crs=" +
                     httplib::detail::encode_query_param(e3857),
                 400, "bbox_invalid", "bbox");
  const json collection = get_json("/ogc/collections/stations");
  EXPECT_EQ(collection["crs"].size(), 5u);
}

// A tile decoded by GDAL's MVT driver (written as z/x/y.pbf, the layout it reads): each
// feature's attributes as text and its position (EPSG:3857) or its line's end points.
struct Decoded {
  std::map<std::string, std::string> fields;
  std::vector<std::pair<double, double>> points;
};
std::vector<Decoded> decode_tile(const std::string& body, TileId t) {
  const auto dir = test::temp_dir("tiles") / std::to_string(t.z) / std::to_string(t.x);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (std::to_string(t.y) + ".pbf")).string();
  test::write_file(path, body);
  GDALAllRegister();
  std::vector<Decoded> out;
  GDALDataset* ds = static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
  if (ds == nullptr) return out;
  for (OGRLayer* layer : ds->GetLayers()) {
    for (auto& f : *layer) {
      Decoded d;
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        if (f->IsFieldSetAndNotNull(i))
          d.fields[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
      }
      if (const OGRGeometry* g = f->GetGeometryRef()) {
        if (const OGRPoint* p = dynamic_cast<const OGRPoint*>(g))
          d.points.emplace_back(p->getX(), p->getY());
        if (const OGRLineString* l = dynamic_cast<const OGRLineString*>(g)) {
          for (int i = 0; i < l->getNumPoints(); ++i) d.points.emplace_back(l->getX(i), l->getY(i));
        }
      }
      out.push_back(std::move(d));
    }
  }
  GDALClose(ds);
  return out;
}

// The tile holding p, by the Web Mercator formula written here (not the server's).
TileId tile_of(LonLat p, int z) {
  const double n = std::ldexp(1.0, z);
  const double lat = p.lat * M_PI / 180;
  return TileId{
      z, static_cast<uint32_t>((p.lon + 180) / 360 * n),
      static_cast<uint32_t>((1 - std::log(std::tan(lat) + 1 / std::cos(lat)) / M_PI) / 2 * n)};
}

TEST_F(OgcApi, VectorTilesHoldTheStationsAndStreetsOfTheirBox) {
  auto tile = [this](const std::string& collection, TileId t) {
    return get("/ogc/collections/" + collection + "/tiles/WebMercatorQuad/" + std::to_string(t.z) +
               "/" + std::to_string(t.y) + "/" + std::to_string(t.x));
  };
  // The stations of the tile and its 64-unit buffer, by brute force.
  auto in_buffered = [](TileId t) {
    const BBox b = tile_bounds(t);
    const double dx = (b.east - b.west) / 64, dy = (b.north - b.south) / 64;
    return brute([&](const StationView& s) {
      return s.position.lon >= b.west - dx && s.position.lon <= b.east + dx &&
             s.position.lat >= b.south - dy && s.position.lat <= b.north + dy;
    });
  };
  // Zoom 16: every station of the buffered box as a point with its properties, where it is.
  const TileId near = tile_of({116.40, 39.91}, 16);
  auto res = tile("stations", near);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("X-Tile-Cache"), "miss");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.mapbox-vector-tile");
  EXPECT_FALSE(res->get_header_value("ETag").empty());
  std::vector<std::string> ids;
  for (const Decoded& d : decode_tile(res->body, near)) {
    ids.push_back(d.fields.at("id"));
    const uint32_t slot = *catalog_->find(d.fields.at("id"));
    const auto [x, y] = web_mercator(catalog_->station(slot).position);
    const double unit = 2 * 20037508.342789244 / std::ldexp(1.0, 16) / 4096;
    ASSERT_EQ(d.points.size(), 1u);
    EXPECT_NEAR(d.points[0].first, x, unit);
    EXPECT_NEAR(d.points[0].second, y, unit);
    EXPECT_EQ(d.fields.at("name"), "Station " + d.fields.at("id"));
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, in_buffered(near));
  // Asked again, the same bytes come from the cache.
  const std::string first_body = res->body;
  res = tile("stations", near);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Tile-Cache"), "hit");
  EXPECT_EQ(res->body, first_body);
  // Zoom 9: the whole city in clusters whose counts add up to every station in the box.
  const TileId city = tile_of({116.40, 39.91}, 9);
  res = tile("stations", city);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  // Squares are aligned with the tile: those inside it hold exactly the tile's stations.
  size_t counted = 0, clusters = 0;
  const auto features = decode_tile(res->body, city);
  const BBox cb = tile_bounds(city);
  const auto [west, south] = web_mercator({cb.west, cb.south});
  const auto [east, north] = web_mercator({cb.east, cb.north});
  for (const Decoded& d : features) {
    const bool cluster = d.fields.count("cluster") > 0;
    clusters += cluster;
    const auto [x, y] = d.points.at(0);
    if (x >= west && x < east && y > south && y <= north)
      counted += cluster ? std::stoul(d.fields.at("count")) : 1;
  }
  EXPECT_GE(clusters, 2u);
  EXPECT_LE(features.size(), 1000u);
  EXPECT_EQ(counted, brute([&cb](const StationView& s) { return cb.contains(s.position); }).size());
  // Streets: every segment meeting the buffered box from zoom 13; an empty tile below it.
  const TileId street_tile = tile_of({116.4045, 39.9045}, 15);
  res = tile("streets", street_tile);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto streets = decode_tile(res->body, street_tile);
  EXPECT_GT(streets.size(), 10u);
  for (const Decoded& d : streets) EXPECT_EQ(d.points.size(), 2u);
  res = tile("streets", tile_of({116.4045, 39.9045}, 12));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
  // Outside the extent 204; bad numbers 400; districts have no tiles.
  res = tile("stations", tile_of({10, -60}, 8));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  expect_problem("/ogc/collections/stations/tiles/WebMercatorQuad/25/0/0", 400, "parameter_invalid",
                 "z");
  expect_problem("/ogc/collections/stations/tiles/WebMercatorQuad/3/8/0", 400, "parameter_invalid",
                 "y");
  expect_problem("/ogc/collections/stations/tiles/WebMercatorQuad/3/0/-1", 400, "parameter_invalid",
                 "x");
  expect_problem("/ogc/collections/districts/tiles/WebMercatorQuad/3/0/0", 404,
                 "collection_not_found", "collectionId");
  const json tilejson = get_json("/ogc/collections/stations/tiles/WebMercatorQuad/tilejson.json");
  EXPECT_EQ(tilejson["tilejson"], "3.0.0");
  EXPECT_EQ(tilejson["tiles"][0],
            base() + "/ogc/collections/stations/tiles/WebMercatorQuad/{z}/{y}/{x}");
  const json tileset = get_json("/ogc/collections/streets/tiles/WebMercatorQuad");
  EXPECT_EQ(tileset["layers"][0]["minTileMatrix"], "13");
  expect_problem("/ogc/collections/stations/tiles/WebMercatorQuad/3/0/0?radius_m=300", 400,
                 "parameter_unknown", "radius_m");
}

// A tile's polygons decoded by GDAL's MVT driver, in EPSG:3857.
std::vector<std::unique_ptr<OGRGeometry>> decode_polygons(const std::string& body, TileId t) {
  const auto dir = test::temp_dir("polygon-tiles") / std::to_string(t.z) / std::to_string(t.x);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (std::to_string(t.y) + ".pbf")).string();
  test::write_file(path, body);
  GDALAllRegister();
  std::vector<std::unique_ptr<OGRGeometry>> out;
  GDALDataset* ds = static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
  if (ds == nullptr) return out;
  for (OGRLayer* layer : ds->GetLayers()) {
    for (auto& f : *layer) {
      if (const OGRGeometry* g = f->GetGeometryRef()) out.emplace_back(g->clone());
    }
  }
  GDALClose(ds);
  return out;
}

bool inside_any(const std::vector<std::unique_ptr<OGRGeometry>>& polygons, LonLat p) {
  const auto [x, y] = web_mercator(p);
  const OGRPoint point(x, y);
  for (const auto& g : polygons) {
    if (g->Contains(&point)) return true;
  }
  return false;
}

TEST_F(OgcApi, CoverageTilesDrawTheGapsOfTheirTile) {
  ASSERT_TRUE(OGRGeometryFactory::haveGEOS()) << "GDAL without GEOS cannot test containment";
  const auto tile_path = [](TileId t, const std::string& query) {
    return "/ogc/collections/coverage/tiles/WebMercatorQuad/" + std::to_string(t.z) + "/" +
           std::to_string(t.y) + "/" + std::to_string(t.x) + query;
  };
  const auto nearest_m = [](LonLat p) {
    double best = INFINITY;
    for (uint32_t slot = 0; slot < catalog_->slot_count(); ++slot)
      best = std::min(best, distance_m(p, catalog_->station(slot).position));
    return best;
  };
  // Straight: a sample point is in a gap when every station is farther than the radius (a
  // margin of three cells, 256 to the tile, for the grid and the tile's rounding).
  const TileId t = tile_of({116.42, 39.93}, 14);
  auto res = get(tile_path(t, "?radius_m=300"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("X-Tile-Cache"), "miss");
  const auto gaps = decode_polygons(res->body, t);
  ASSERT_FALSE(gaps.empty());
  for (const auto& g : gaps) EXPECT_TRUE(g->IsValid());
  const BBox b = tile_bounds(t);
  const double cell_m =
      distance_m({b.west, (b.south + b.north) / 2}, {b.east, (b.south + b.north) / 2}) / 256;
  const double margin = 3 * cell_m;
  size_t in_gap = 0, covered = 0;
  std::vector<LonLat> straight_gap_points;
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 40; ++j) {
      const LonLat p{b.west + (b.east - b.west) * (i + 0.5) / 40,
                     b.south + (b.north - b.south) * (j + 0.5) / 40};
      const double d = nearest_m(p);
      if (std::abs(d - 300) < margin) continue;
      const bool gap = inside_any(gaps, p);
      EXPECT_EQ(gap, d > 300) << p.lon << "," << p.lat << " nearest " << d << " m";
      (d > 300 ? in_gap : covered) += 1;
      if (d > 300) straight_gap_points.push_back(p);
    }
  }
  EXPECT_GT(in_gap, 50u);
  EXPECT_GT(covered, 50u);
  // Asked again, from the cache; another radius is another tile.
  res = get(tile_path(t, "?radius_m=300"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Tile-Cache"), "hit");
  res = get(tile_path(t, "?radius_m=600"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Tile-Cache"), "miss");
  double small = 0, large = 0;
  for (const auto& g : gaps) small += OGR_G_Area(OGRGeometry::ToHandle(g.get()));
  for (const auto& g : decode_polygons(res->body, t))
    large += OGR_G_Area(OGRGeometry::ToHandle(g.get()));
  EXPECT_LT(large, small);

  // By walk on the street grid: a walk is never shorter than the straight line, so every
  // straight gap is a gap by walk too, and the walking gaps are larger.
  const TileId w = tile_of({116.4045, 39.9045}, 15);
  res = get(tile_path(w, "?radius_m=300"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto straight = decode_polygons(res->body, w);
  res = get(tile_path(w, "?radius_m=300&distance=walk"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto walk = decode_polygons(res->body, w);
  double straight_area = 0, walk_area = 0;
  for (const auto& g : straight) straight_area += OGR_G_Area(OGRGeometry::ToHandle(g.get()));
  for (const auto& g : walk) walk_area += OGR_G_Area(OGRGeometry::ToHandle(g.get()));
  EXPECT_GT(walk_area, straight_area);
  const BBox wb = tile_bounds(w);
  const double wcell = distance_m({wb.west, wb.south}, {wb.east, wb.south}) / 128;
  for (int i = 0; i < 30; ++i) {
    for (int j = 0; j < 30; ++j) {
      const LonLat p{wb.west + (wb.east - wb.west) * (i + 0.5) / 30,
                     wb.south + (wb.north - wb.south) * (j + 0.5) / 30};
      if (nearest_m(p) < 300 + 3 * wcell) continue;
      EXPECT_TRUE(inside_any(walk, p)) << p.lon << "," << p.lat;
    }
  }

  // GCJ-02: the same gaps, every vertex moved as the datum moves the place.
  res = get(tile_path(t, "?radius_m=300&crs=gcj02"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const auto shifted = decode_polygons(res->body, t);
  size_t moved = 0;
  for (const LonLat& p : straight_gap_points) {
    const LonLat g = wgs84_to_gcj02(p);
    // Far enough from the tile's edge that the shifted point is still drawn by this tile.
    if (!b.contains(g) || std::abs(nearest_m(p) - 300) < margin) continue;
    EXPECT_TRUE(inside_any(shifted, g)) << p.lon << "," << p.lat;
    ++moved;
  }
  EXPECT_GT(moved, 20u);

  // The tilesets and what they carry; refusals.
  const json sets = get_json("/ogc/collections/coverage/tiles?radius_m=300");
  ASSERT_EQ(sets["tilesets"].size(), 1u);
  std::map<std::string, std::string> rel;
  for (const json& l : sets["tilesets"][0]["links"]) rel[l["rel"]] = l["href"];
  EXPECT_EQ(rel["item"], base() +
                             "/ogc/collections/coverage/tiles/WebMercatorQuad/{tileMatrix}/"
                             "{tileRow}/{tileCol}?radius_m=300");
  EXPECT_EQ(rel["http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"],
            base() + "/ogc/tileMatrixSets/WebMercatorQuad");
  const json tilejson =
      get_json("/ogc/collections/coverage/tiles/WebMercatorQuad/tilejson.json?walk_minutes=5");
  EXPECT_EQ(tilejson["tiles"][0], base() +
                                      "/ogc/collections/coverage/tiles/WebMercatorQuad/{z}/{y}/"
                                      "{x}?walk_minutes=5");
  EXPECT_EQ(tilejson["minzoom"], 9);
  const json tileset = get_json("/ogc/collections/coverage/tiles/WebMercatorQuad");
  const json& limits = tileset["tileMatrixSetLimits"];
  ASSERT_EQ(limits.size(), 14u);  // zooms 9 to 22
  const TileId nw = tile_of({116.30, 40.00}, 14), se = tile_of({116.50, 39.85}, 14);
  EXPECT_EQ(limits[5]["tileMatrix"], "14");
  EXPECT_EQ(limits[5]["minTileCol"], nw.x);
  EXPECT_EQ(limits[5]["maxTileCol"], se.x);
  EXPECT_EQ(limits[5]["minTileRow"], nw.y);
  EXPECT_EQ(limits[5]["maxTileRow"], se.y);
  const json quad = get_json("/ogc/tileMatrixSets/WebMercatorQuad");
  ASSERT_EQ(quad["tileMatrices"].size(), 23u);
  EXPECT_EQ(quad["tileMatrices"][3]["matrixWidth"], 8);
  EXPECT_NEAR(quad["tileMatrices"][0]["cellSize"].get<double>(), 156543.03392804097, 1e-6);
  EXPECT_EQ(get_json("/ogc/tileMatrixSets")["tileMatrixSets"][0]["id"], "WebMercatorQuad");
  const json conformance = get_json("/ogc/conformance");
  EXPECT_NE(std::find(conformance["conformsTo"].begin(), conformance["conformsTo"].end(),
                      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list"),
            conformance["conformsTo"].end());
  expect_problem(tile_path(tile_of({116.42, 39.93}, 8), ""), 404, "tile_not_found", "z");
  expect_problem(tile_path(t, "?cell_m=10"), 400, "parameter_unknown", "cell_m");
  expect_problem(tile_path(t, "?radius_m=-5"), 400, "radius_out_of_range", "radius_m");
  expect_problem(tile_path(t, "?crs=mars"), 400, "unknown_crs", "crs");
  expect_problem("/ogc/collections/coverage/items", 404, "collection_not_found", "collectionId");
  expect_problem("/ogc/collections/coverage/queryables", 404, "collection_not_found",
                 "collectionId");
  expect_problem("/ogc/tileMatrixSets?f=html", 400, "unknown_format", "f");
}

TEST_F(OgcApi, StationTilesDrawnInGcj02MoveEveryStation) {
  const TileId t = tile_of({116.40, 39.91}, 16);
  const auto path = [&t](const std::string& query) {
    return "/ogc/collections/stations/tiles/WebMercatorQuad/" + std::to_string(t.z) + "/" +
           std::to_string(t.y) + "/" + std::to_string(t.x) + query;
  };
  for (const auto& entry : {std::pair<std::string, Datum>{"gcj02", Datum::gcj02},
                            {"bd09", Datum::bd09},
                            {"urn:stationfinder:def:crs:GCJ-02", Datum::gcj02}}) {
    const std::string& crs = entry.first;
    const Datum datum = entry.second;  // a plain variable: clang 14 cannot capture bindings
    auto res = get(path("?crs=" + crs));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << crs << " " << res->body;
    const double unit = 2 * 20037508.342789244 / std::ldexp(1.0, 16) / 4096;
    std::vector<std::string> ids;
    for (const Decoded& d : decode_tile(res->body, t)) {
      const uint32_t slot = *catalog_->find(d.fields.at("id"));
      const auto [x, y] = web_mercator(from_wgs84(catalog_->station(slot).position, datum));
      ASSERT_EQ(d.points.size(), 1u);
      EXPECT_NEAR(d.points[0].first, x, unit) << crs;
      EXPECT_NEAR(d.points[0].second, y, unit) << crs;
      ids.push_back(d.fields.at("id"));
    }
    // Those drawn are the stations whose shifted place is in the buffered tile.
    const BBox b = tile_bounds(t);
    const double dx = (b.east - b.west) / 64, dy = (b.north - b.south) / 64;
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, brute([&](const StationView& s) {
                const LonLat g = from_wgs84(s.position, datum);
                return g.lon >= b.west - dx && g.lon <= b.east + dx && g.lat >= b.south - dy &&
                       g.lat <= b.north + dy;
              }))
        << crs;
  }
}

TEST_F(OgcApi, StationTilesTakeTheQueryables) {
  const auto path = [](TileId t, const std::string& query) {
    return "/ogc/collections/stations/tiles/WebMercatorQuad/" + std::to_string(t.z) + "/" +
           std::to_string(t.y) + "/" + std::to_string(t.x) + query;
  };
  // Points: the stations of the buffered tile that pass, and no other.
  const TileId near = tile_of({116.40, 39.91}, 15);
  auto res = get(path(near, "?host_type=bank,supermarket&amenities=toilet"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  std::vector<std::string> ids;
  for (const Decoded& d : decode_tile(res->body, near)) ids.push_back(d.fields.at("id"));
  std::sort(ids.begin(), ids.end());
  const BBox b = tile_bounds(near);
  const double dx = (b.east - b.west) / 64, dy = (b.north - b.south) / 64;
  const auto passes = [](const StationView& s) {
    return (s.host_type == HostType::bank || s.host_type == HostType::supermarket) &&
           (s.amenities & amenity_bit(Amenity::toilet)) != 0;
  };
  const auto want = brute([&](const StationView& s) {
    return passes(s) && s.position.lon >= b.west - dx && s.position.lon <= b.east + dx &&
           s.position.lat >= b.south - dy && s.position.lat <= b.north + dy;
  });
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(ids, want);
  // Clusters count only the stations that pass.
  const TileId city = tile_of({116.40, 39.91}, 10);
  res = get(path(city, "?host_type=bank,supermarket&amenities=toilet"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  size_t counted = 0;
  const BBox cb = tile_bounds(city);
  const auto [west, south] = web_mercator({cb.west, cb.south});
  const auto [east, north] = web_mercator({cb.east, cb.north});
  for (const Decoded& d : decode_tile(res->body, city)) {
    const auto [x, y] = d.points.at(0);
    if (x >= west && x < east && y > south && y <= north)
      counted += d.fields.count("cluster") ? std::stoul(d.fields.at("count")) : 1;
  }
  EXPECT_EQ(counted, brute([&](const StationView& s) {
                       return passes(s) && cb.contains(s.position);
                     }).size());
  // open_now without at is the current minute's (no ETag); with at it is cached by its minute.
  res = get(path(city, "?open_now=true"));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->get_header_value("ETag").empty());
  res = get(path(city, "?open_now=true&at=2026-03-02T03:00:00%2B08:00"));
  ASSERT_TRUE(res);
  EXPECT_FALSE(res->get_header_value("ETag").empty());
  expect_problem(path(city, "?host_type=castle"), 400, "unknown_host_type", "host_type");
  expect_problem(path(city, "?amenities=pool"), 400, "unknown_amenity", "amenities");
  expect_problem(path(city, "?open_now=maybe"), 400, "invalid_boolean", "open_now");
}

TEST_F(OgcApi, TheServiceDescriptionDeclaresTheLimits) {
  auto res = get("/ogc/api");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.oai.openapi+json;version=3.0");
  const json api = json::parse(res->body);
  EXPECT_EQ(api["openapi"].get<std::string>().rfind("3.0", 0), 0u);
  EXPECT_EQ(api["servers"][0]["url"], base() + "/ogc");
  ASSERT_TRUE(api["paths"].contains("/collections/stations/items"));
  ASSERT_TRUE(api["paths"].contains("/collections/streets/items"));
  const json& limit = api["components"]["parameters"]["limit"];
  EXPECT_EQ(limit["schema"]["maximum"], kDefaultLimits.ogc_limit_max);
  EXPECT_EQ(limit["schema"]["default"], kDefaultLimits.ogc_limit_default);
  std::set<std::string> names;
  for (const json& p : api["paths"]["/collections/stations/items"]["get"]["parameters"]) {
    names.insert(p.contains("$ref") ? p["$ref"].get<std::string>().substr(24)
                                    : p["name"].get<std::string>());
  }
  EXPECT_EQ(names,
            (std::set<std::string>{"bbox", "bbox-crs", "crs", "limit", "after", "f", "datetime",
                                   "host_type", "amenities", "district", "open_now", "at", "filter",
                                   "filter-lang", "filter-crs"}));
}

}  // namespace
}  // namespace sf::http
