// The hostile-input table: requests an attacker or a careless client sends, across every route
// and method (numbers, boxes, polygons, routes, nesting, sizes, encodings, headers, Range,
// methods, paths, tokens, writes), each sent raw to a real `stationfinder serve` process.
// Each must get its documented status; every problem body is valid UTF-8 JSON whose status is
// the answer's and whose code is the one expected. Together the rows hit every code of the
// error catalogue a request can produce, and every route at least three times. The server
// stays healthy throughout, and (outside sanitizer builds) its RSS after the table and 30 s
// idle is at most 1.5x its warm-up value.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "raw_http.hpp"
#include "serve_process.hpp"
#include "test_networks.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

using nlohmann::json;
using test::ServeProcess;
constexpr const char* kToken = "hostile-table-token-0123456789";

// The server under test is built like this test: under a sanitizer its RSS says nothing.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)  // GCC
#define SF_SANITIZED 1
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SF_SANITIZED 1
#endif
#endif
#ifdef SF_SANITIZED
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// One request as bytes; Connection: close so each row is one exchange.
std::string req(const std::string& method, const std::string& target, const std::string& body = "",
                const std::vector<std::string>& headers = {}, bool token = false) {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: table\r\nConnection: close\r\n";
  if (token) r += std::string("Authorization: Bearer ") + kToken + "\r\n";
  for (const std::string& h : headers) r += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    bool typed = false;
    for (const std::string& h : headers) typed = typed || h.rfind("Content-Type", 0) == 0;
    if (!typed) r += "Content-Type: application/json\r\n";
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return r + "\r\n" + body;
}

std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string feature(const std::string& props, double lon = 116.40, double lat = 39.91) {
  return R"({"type":"Feature","geometry":{"type":"Point","coordinates":[)" + std::to_string(lon) +
         "," + std::to_string(lat) + R"(]},"properties":)" + props + "}";
}

std::string points(size_t n) {
  std::string s = R"({"points":[)";
  for (size_t i = 0; i < n; ++i) s += std::string(i ? "," : "") + "[116.4,39.9]";
  return s + "]}";
}

std::string line(size_t n) {
  std::string s = R"({"type":"LineString","coordinates":[)";
  for (size_t i = 0; i < n; ++i)
    s += std::string(i ? "," : "") + "[116.4," + std::to_string(39.9 + i * 1e-5) + "]";
  return s + "]}";
}

const std::string kSquare =
    R"({"type":"Polygon","coordinates":[[[116.38,39.89],[116.42,39.89],[116.42,39.93],[116.38,39.93],[116.38,39.89]]]})";

enum class Target { main, read_only, no_tokens };

struct Row {
  std::string route;  // as /v1/meta lists it; "-" when no route matches
  std::string request;
  int status;
  std::string code;  // the problem's code; "" for an answer that is not a problem
  Target target = Target::main;
};

// id: any station; walk_id: one on the walking grid; off_id: one farther than 300 m from it.
std::vector<Row> table(const std::string& id, const std::string& walk_id,
                       const std::string& off_id) {
  const std::string near = "GET /v1/stations/nearest", near_post = "POST /v1/stations/nearest",
                    within = "GET /v1/stations/within", within_post = "POST /v1/stations/within",
                    along = "POST /v1/stations/along-route", list = "GET /v1/stations",
                    one = "GET /v1/stations/{id}", districts = "GET /v1/districts",
                    gaps = "GET /v1/coverage/gaps", gaps_post = "POST /v1/coverage/gaps",
                    report = "GET /v1/coverage/districts",
                    report_post = "POST /v1/coverage/districts",
                    profile = "GET /v1/coverage/profile",
                    profile_post = "POST /v1/coverage/profile",
                    suggest = "POST /v1/coverage/suggest", exp = "GET /v1/export",
                    demand_post = "POST /v1/demand", demand_get = "GET /v1/demand",
                    demand_del = "DELETE /v1/demand", bulk = "POST /v1/stations/bulk",
                    create = "POST /v1/stations", put = "PUT /v1/stations/{id}",
                    patch = "PATCH /v1/stations/{id}", history = "GET /v1/stations/{id}/history",
                    restore = "POST /v1/stations/{id}/restore", del = "DELETE /v1/stations/{id}",
                    page = "GET /", yaml = "GET /v1/openapi.yaml",
                    json_spec = "GET /v1/openapi.json", healthz = "GET /healthz",
                    readyz = "GET /readyz", metrics = "GET /metrics", meta = "GET /v1/meta",
                    iso = "GET /v1/isochrone", catchment = "GET /v1/stations/{id}/catchment",
                    streets = "GET /v1/network", ogc = "GET /ogc",
                    ogc_conf = "GET /ogc/conformance", ogc_api = "GET /ogc/api",
                    ogc_all = "GET /ogc/collections",
                    ogc_one = "GET /ogc/collections/{collectionId}",
                    ogc_items = "GET /ogc/collections/{collectionId}/items",
                    ogc_queryables = "GET /ogc/collections/{collectionId}/queryables",
                    tileset = "GET /ogc/collections/{collectionId}/tiles/WebMercatorQuad",
                    tilejson =
                        "GET /ogc/collections/{collectionId}/tiles/WebMercatorQuad/tilejson.json",
                    tile = "GET /ogc/collections/{collectionId}/tiles/WebMercatorQuad/{z}/{y}/{x}",
                    tilesets = "GET /ogc/collections/{collectionId}/tiles",
                    matrix_sets = "GET /ogc/tileMatrixSets",
                    quad = "GET /ogc/tileMatrixSets/WebMercatorQuad",
                    ogc_item = "GET /ogc/collections/{collectionId}/items/{featureId}";
  const std::string p = "/v1/stations/nearest?lon=116.397&lat=39.908";
  const std::string w = "/v1/stations/nearest?lon=116.4005&lat=39.9095";
  const std::string i = "/v1/isochrone?lon=116.4005&lat=39.9095";
  const std::string c = "/v1/stations/" + walk_id + "/catchment";
  return {
      // --- numbers ---
      {near, req("GET", p + "&k=5"), 200, ""},
      {near, req("GET", "/v1/stations/nearest?lat=39.9"), 400, "parameter_missing"},
      {near, req("GET", "/v1/stations/nearest?lon=abc&lat=39.9"), 400, "parameter_not_a_number"},
      {near, req("GET", "/v1/stations/nearest?lon=0x1.3ep5&lat=39.9"), 400,
       "parameter_not_a_number"},
      {near, req("GET", "/v1/stations/nearest?lon=%2B116.4&lat=39.9"), 400,
       "parameter_not_a_number"},
      {near, req("GET", "/v1/stations/nearest?lon=%20116.4&lat=39.9"), 400,
       "parameter_not_a_number"},
      {near, req("GET", "/v1/stations/nearest?lon=nan&lat=39.9"), 400, "parameter_not_finite"},
      {near, req("GET", "/v1/stations/nearest?lon=1e999&lat=39.9"), 400, "parameter_not_finite"},
      {near, req("GET", "/v1/stations/nearest?lon=181&lat=39.9"), 400, "lon_out_of_range"},
      {near, req("GET", "/v1/stations/nearest?lon=116&lat=-90.5"), 400, "lat_out_of_range"},
      {near, req("GET", p + "&k=0"), 400, "k_out_of_range"},
      {near, req("GET", p + "&k=101"), 400, "k_out_of_range"},
      {near, req("GET", p + "&k=2.5"), 400, "k_out_of_range"},
      {near, req("GET", p + "&k=99999999999999999999999"), 400, "k_out_of_range"},
      {near, req("GET", p + "&offset=-1"), 400, "offset_out_of_range"},
      {near, req("GET", p + "&k=100&offset=9950"), 422, "result_window_too_large"},
      {near, req("GET", p + "&k=5&k=6"), 400, "parameter_invalid"},
      {near, req("GET", p + "&lonn=1"), 400, "parameter_unknown"},
      {near, req("GET", p + "&amenities=jacuzzi"), 400, "unknown_amenity"},
      {near, req("GET", p + "&host_types=castle"), 400, "unknown_host_type"},
      {near, req("GET", p + "&crs=epsg4326"), 400, "unknown_crs"},
      {near, req("GET", p + "&format=xml"), 400, "unknown_format"},
      {near, req("GET", p + "&fields=name,nope"), 400, "unknown_field"},
      {near, req("GET", p + "&at=2026-02-30T00:00"), 400, "invalid_datetime"},
      {near, req("GET", p + "&open_now=maybe"), 400, "invalid_boolean"},
      {near, req("GET", p + "&q=" + std::string(201, 'a')), 400, "parameter_invalid"},
      {near, req("GET", p + "&radius_m=-5"), 400, "radius_out_of_range"},
      // --- encodings ---
      {near, req("GET", "/v1/stations/nearest?lon=%FF&lat=39.9"), 400, "invalid_utf8"},
      {near, req("GET", p + "&amenities=toil%C0%AFet"), 400, "invalid_utf8"},
      {near, req("GET", p + "&q=%00"), 400, "invalid_utf8"},
      {near, req("GET", p + "&%FF=1"), 400, "invalid_utf8"},
      {near, req("GET", p + "&crs=gcj02&format=geojson&fields=name,distance_m"), 200, ""},
      {near, req("GET", p, "", {"Accept-Encoding: gzip, br"}), 200, ""},
      // --- batch nearest ---
      {near_post, req("POST", "/v1/stations/nearest?k=2", points(3)), 200, ""},
      {near_post, req("POST", "/v1/stations/nearest?k=2", points(1001)), 422, "too_many_points"},
      {near_post, req("POST", "/v1/stations/nearest", "[1,2,3]"), 400, "body_invalid"},
      {near_post, req("POST", "/v1/stations/nearest", "{\"points\":"), 400, "body_not_json"},
      {near_post, req("POST", "/v1/stations/nearest", "{\"points\":[[116.4,39.9,\"\xff\"]]}"), 400,
       "invalid_utf8"},
      {near_post, req("POST", "/v1/stations/nearest", R"({"points":[["\u0000",1]]})"), 400,
       "invalid_utf8"},
      {near_post, req("POST", "/v1/stations/nearest", "{\"points\":" + nested(100'000) + "}"), 400,
       "json_too_deep"},
      {near_post, req("POST", "/v1/stations/nearest", std::string(5 << 20, ' ')), 413,
       "body_too_large"},
      {near_post,
       "POST /v1/stations/nearest HTTP/1.1\r\nHost: table\r\nConnection: close\r\n"
       "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       400, "header_invalid"},
      {near_post,
       "POST /v1/stations/nearest HTTP/1.1\r\nHost: table\r\nConnection: close\r\n"
       "Content-Encoding: br\r\nContent-Length: 5\r\n\r\nhello",
       415, "unsupported_encoding"},
      {near_post,
       "POST /v1/stations/nearest HTTP/1.1\r\nHost: table\r\nConnection: close\r\n"
       "Content-Length: abc\r\n\r\n",
       400, "header_invalid"},
      // --- radius ---
      {within, req("GET", "/v1/stations/within?lon=116.4&lat=39.9&radius_m=800&limit=5"), 200, ""},
      {within, req("GET", "/v1/stations/within?lon=116.4&lat=39.9&radius_m=1e12"), 400,
       "radius_out_of_range"},
      {within, req("GET", "/v1/stations/within?lon=116.4&lat=39.9&radius_m=800&limit=1001"), 400,
       "limit_out_of_range"},
      {within, req("GET", "/v1/stations/within?lon=116.4&lat=39.9"), 400, "parameter_missing"},
      // --- polygons ---
      {within_post, req("POST", "/v1/stations/within?limit=5", kSquare), 200, ""},
      {within_post, req("POST", "/v1/stations/within", line(3)), 400, "body_not_polygon"},
      {within_post,
       req("POST", "/v1/stations/within",
           R"({"type":"Polygon","coordinates":[[[116.4,39.9],[116.5,39.9],[116.5,40],[116.4,39.8]]]})"),
       400, "body_not_polygon"},
      {within_post,
       req("POST", "/v1/stations/within",
           R"({"type":"Polygon","coordinates":[[[116.4,39.9,)" + nested(200'000) +
               R"(],[116.5,39.9],[116.5,40],[116.4,39.9]]]})"),
       400, "json_too_deep"},
      {within_post,
       req("POST", "/v1/stations/within",
           R"({"type":"Polygon","coordinates":[[[116.4,99],[116.5,39.9],[116.5,40],[116.4,99]]]})"),
       400, "lat_out_of_range"},
      // --- routes ---
      {along, req("POST", "/v1/stations/along-route?buffer_m=300&limit=5", line(10)), 200, ""},
      // --- walking (the main server walks on test_networks.hpp's central grid) ---
      {near, req("GET", w + "&k=5&distance=walk&path=true"), 200, ""},
      {near, req("GET", w + "&k=100&offset=9900&distance=walk&radius_m=50000"), 200, ""},
      {near, req("GET", w + "&k=100&distance=walk&path=true&format=geojson&radius_m=50000"), 200,
       ""},
      {near, req("GET", w + "&distance=walk&radius_m=1e308"), 400, "radius_out_of_range"},
      {near, req("GET", w + "&distance=walk&radius_m=0"), 400, "radius_out_of_range"},
      {near, req("GET", w + "&distance=Walk"), 400, "parameter_invalid"},
      {near, req("GET", w + "&distance=walk%00"), 400, "invalid_utf8"},
      {near, req("GET", w + "&distance=walk&path=2"), 400, "invalid_boolean"},
      {near, req("GET", w + "&path=true"), 400, "parameter_invalid"},
      {near, req("GET", "/v1/stations/nearest?lon=116.6&lat=40.2&distance=walk"), 422,
       "not_near_street"},
      {near, req("GET", "/v1/stations/nearest?lon=180&lat=90&distance=walk"), 422,
       "not_near_street"},
      {near, req("GET", w + "&distance=walk"), 409, "network_missing", Target::read_only},
      {near_post, req("POST", "/v1/stations/nearest?distance=walk&k=100&path=true", points(100)),
       200, ""},
      {near_post, req("POST", "/v1/stations/nearest?distance=walk", points(101)), 422,
       "too_many_points"},
      {near_post,
       req("POST", "/v1/stations/nearest?distance=walk", R"({"points":[[116.4,39.9],[0,0]]})"), 422,
       "not_near_street"},
      {within, req("GET", "/v1/stations/within?lon=116.40&lat=39.91&radius_m=50000&distance=walk"),
       200, ""},
      {within, req("GET", "/v1/stations/within?lon=116.40&lat=39.91&distance=walk"), 400,
       "parameter_missing"},
      {within_post, req("POST", "/v1/stations/within?distance=walk", kSquare), 400,
       "distance_not_supported"},
      {gaps, req("GET", "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&distance=walk"), 200, ""},
      {gaps,
       req("GET",
           "/v1/coverage/gaps?bbox=116.38,39.89,116.42,39.93&distance=walk&min_stations=2"
           "&format=tiff"),
       200, ""},
      {gaps, req("GET", "/v1/coverage/gaps?district=Dongcheng&distance=walk&min_stations=3"), 400,
       "parameter_invalid"},
      {gaps, req("GET", "/v1/coverage/gaps?district=Dongcheng&distance=foot"), 400,
       "parameter_invalid"},
      {gaps, req("GET", "/v1/coverage/gaps?district=Dongcheng&distance=walk"), 409,
       "network_missing", Target::read_only},
      {report, req("GET", "/v1/coverage/districts?distance=walk&cell_m=500"), 200, ""},
      {profile, req("GET", "/v1/coverage/profile?district=Dongcheng&weekday=mon&distance=walk"),
       200, ""},
      {suggest,
       req("POST", "/v1/coverage/suggest?bbox=116.38,39.89,116.42,39.93&distance=walk&k=3"), 200,
       ""},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92"), 200, ""},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92&limit=10000&crs=gcj02"), 200,
       ""},
      {streets, req("GET", "/v1/network?bbox=179,-90,-179,90&limit=5"), 200, ""},
      {streets, req("GET", "/v1/network"), 400, "parameter_missing"},
      {streets, req("GET", "/v1/network?bbox=116.39,39.92,116.41,39.90"), 400,
       "bbox_south_above_north"},
      {streets, req("GET", "/v1/network?bbox=1,2,3"), 400, "bbox_invalid"},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92&limit=10001"), 400,
       "limit_out_of_range"},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92&offset=9999&limit=2"), 422,
       "result_window_too_large"},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92&x=1"), 400,
       "parameter_unknown"},
      {streets, req("GET", "/v1/network?bbox=116.39,39.90,116.41,39.92"), 409, "network_missing",
       Target::read_only},
      {iso, req("GET", i + "&walk_minutes=5,10,15"), 200, ""},
      {iso, req("GET", i + "&walk_m=4500&cell_m=100&crs=gcj02&format=json"), 200, ""},
      {iso, req("GET", i + "&walk_minutes=1,2,3,4,5,6,7,8"), 200, ""},
      {iso, req("GET", i + "&walk_minutes=1,2,3,4,5,6,7,8,9"), 400, "parameter_invalid"},
      {iso, req("GET", i + "&walk_minutes=61"), 400, "radius_out_of_range"},
      {iso, req("GET", i + "&walk_minutes=1e308"), 400, "radius_out_of_range"},
      {iso, req("GET", i + "&walk_m=-0"), 400, "radius_out_of_range"},
      {iso, req("GET", i + "&walk_minutes=5,nan"), 400, "parameter_not_finite"},
      {iso, req("GET", i + "&walk_minutes=5,,"), 400, "parameter_not_a_number"},
      {iso, req("GET", i + "&walk_minutes=5&walk_m=300"), 400, "parameter_invalid"},
      {iso, req("GET", i), 400, "parameter_missing"},
      {iso, req("GET", i + "&walk_minutes=5&cell_m=0.001"), 400, "parameter_invalid"},
      {iso, req("GET", i + "&walk_minutes=5&format=gpkg"), 400, "unknown_format"},
      {iso, req("GET", i + "&walk_minutes=5&distance=walk"), 400, "parameter_unknown"},
      {iso, req("GET", "/v1/isochrone?lon=116.6&lat=40.2&walk_minutes=5"), 422, "not_near_street"},
      {iso, req("GET", "/v1/isochrone?lon=1e999&lat=40.2&walk_minutes=5"), 400,
       "parameter_not_finite"},
      {iso, req("GET", i + "&walk_minutes=5"), 409, "network_missing", Target::read_only},
      {catchment, req("GET", c + "?walk_minutes=10&format=geojson"), 200, ""},
      {catchment, req("GET", c + "?walk_m=100,200&crs=bd09"), 200, ""},
      {catchment, req("GET", "/v1/stations/" + off_id + "/catchment?walk_minutes=5"), 422,
       "not_near_street"},
      {catchment, req("GET", "/v1/stations/no-such/catchment?walk_minutes=5"), 404,
       "station_not_found"},
      {catchment, req("GET", "/v1/stations/%FF/catchment?walk_minutes=5"), 400, "invalid_utf8"},
      {catchment, req("GET", c), 400, "parameter_missing"},
      {catchment, req("GET", c + "?walk_minutes=5&lon=116.4"), 400, "parameter_unknown"},
      {catchment, req("GET", "/v1/stations/r1/catchment?walk_minutes=5"), 409, "network_missing",
       Target::read_only},
      {along, req("POST", "/v1/stations/along-route?distance=walk", line(3)), 400,
       "distance_not_supported"},
      {along, req("POST", "/v1/stations/along-route?buffer_m=0", line(3)), 400,
       "buffer_out_of_range"},
      {along, req("POST", "/v1/stations/along-route", kSquare), 400, "body_not_linestring"},
      {along, req("POST", "/v1/stations/along-route", line(10'001)), 422, "route_too_complex"},
      {along,
       req("POST", "/v1/stations/along-route",
           R"({"type":"LineString","coordinates":)" + nested(150'000) + "}"),
       400, "json_too_deep"},
      // --- boxes and districts ---
      {list, req("GET", "/v1/stations?bbox=116.38,39.89,116.42,39.93&limit=10"), 200, ""},
      {list, req("GET", "/v1/stations?bbox=179,-10,-179,10"), 200, ""},
      {list, req("GET", "/v1/stations?bbox=1,2,3"), 400, "bbox_invalid"},
      {list, req("GET", "/v1/stations?bbox=0x1,2,3,4"), 400, "bbox_invalid"},
      {list, req("GET", "/v1/stations?bbox=116,40,117,39"), 400, "bbox_south_above_north"},
      {list, req("GET", "/v1/stations?bbox=116,39,190,40"), 400, "lon_out_of_range"},
      {list, req("GET", "/v1/stations?district=Atlantis"), 400, "unknown_district"},
      {list, req("GET", "/v1/stations?district=%FF%FE"), 400, "invalid_utf8"},
      {list, req("GET", "/v1/stations?district=Chaoyang&zoom=11&format=geojson"), 200, ""},
      {one, req("GET", "/v1/stations/" + id), 200, ""},
      {one, req("GET", "/v1/stations/nope"), 404, "station_not_found"},
      {one, req("GET", "/v1/stations/bad%FFid"), 400, "invalid_utf8"},
      {one, req("GET", "/v1/stations/" + id + "?fields=bogus"), 400, "unknown_field"},
      {districts, req("GET", "/v1/districts"), 200, ""},
      {districts,
       req("GET", "/v1/districts?format=geojson", "",
           {"Range: bytes=0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-,0-"}),
       200, ""},
      {districts, req("GET", "/v1/districts?format=shp"), 400, "unknown_format"},
      // --- OGC API - Features ---
      {ogc, req("GET", "/ogc?f=html"), 200, ""},
      {ogc, req("GET", "/ogc?f=xml"), 400, "unknown_format"},
      {ogc, req("GET", "/ogc", "", {"X-Forwarded-Host: a b"}), 400, "header_invalid"},
      {ogc_conf, req("GET", "/ogc/conformance"), 200, ""},
      {ogc_conf, req("GET", "/ogc/conformance?f=%FF"), 400, "invalid_utf8"},
      {ogc_conf, req("GET", "/ogc/conformance?limit=1"), 400, "parameter_unknown"},
      {ogc_api, req("GET", "/ogc/api"), 200, ""},
      {ogc_api, req("GET", "/ogc/api?f=yaml"), 400, "unknown_format"},
      {ogc_api, req("GET", "/ogc/api", "", {"X-Forwarded-Proto: javascript"}), 400,
       "header_invalid"},
      {ogc_all, req("GET", "/ogc/collections"), 200, ""},
      {ogc_all, req("GET", "/ogc/collections?f=html&f=json"), 400, "parameter_invalid"},
      {ogc_all, req("GET", "/ogc/collections?bbox=1,2,3,4"), 400, "parameter_unknown"},
      {ogc_one, req("GET", "/ogc/collections/stations"), 200, ""},
      {ogc_one, req("GET", "/ogc/collections/streets"), 404, "collection_not_found",
       Target::read_only},
      {ogc_one, req("GET", "/ogc/collections/%00"), 400, "invalid_utf8"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?limit=10000"), 200, ""},
      {ogc_items, req("GET", "/ogc/collections/stations/items?bbox=179,-10,-179,10"), 200, ""},
      {ogc_items, req("GET", "/ogc/collections/stations/items?after=%F0%9F%98%80&limit=3"), 200,
       ""},
      {ogc_items, req("GET", "/ogc/collections/stations/items?limit=1e9"), 400,
       "limit_out_of_range"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?bbox=1,2,3,4,5"), 400,
       "bbox_invalid"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?bbox=nan,2,3,4"), 400,
       "bbox_invalid"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?datetime=2025-13-01T00:00:00Z"), 400,
       "invalid_datetime"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?datetime=a/b/c"), 400,
       "invalid_datetime"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?host_type=bank,castle"), 400,
       "unknown_host_type"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?amenities=jacuzzi"), 400,
       "unknown_amenity"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?open_now=maybe"), 400,
       "invalid_boolean"},
      {ogc_items, req("GET", "/ogc/collections/stations/items?sortby=id"), 400,
       "parameter_unknown"},
      {ogc_items, req("GET", "/ogc/collections/streets/items?after=-1"), 400, "parameter_invalid"},
      {ogc_items, req("GET", "/ogc/collections/nowhere/items"), 404, "collection_not_found"},
      {ogc_queryables, req("GET", "/ogc/collections/stations/queryables"), 200, ""},
      {ogc_queryables, req("GET", "/ogc/collections/stations/queryables?f=html"), 200, ""},
      {ogc_queryables, req("GET", "/ogc/collections/nope/queryables"), 404, "collection_not_found"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter=" +
                      percent_encode("host_type='bank' AND A_CONTAINS(amenities,('toilet'))")),
       200, ""},
      {ogc_items,
       req("GET",
           "/ogc/collections/stations/items?filter-lang=cql2-json&filter=" +
               percent_encode(
                   R"({"op":"t_after","args":[{"property":"updated_at"},{"timestamp":"2025-01-01T00:00:00Z"}]})")),
       200, ""},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter=" + std::string(3000, '(') + "TRUE"), 400,
       "parameter_invalid"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter-lang=cql2-json&filter=" +
                      percent_encode(nested(100))),
       400, "json_too_deep"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter=" +
                      percent_encode("name LIKE '" + std::string(200, '%') + "x'")),
       400, "parameter_invalid"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter=" +
                      percent_encode("name LIKE '" + std::string(199, '%') + "x'")),
       200, ""},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?filter=" +
                      percent_encode("S_INTERSECTS(geometry, POINT(1e999 2))")),
       400, "parameter_invalid"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?crs=" +
                      percent_encode("http://www.opengis.net/def/crs/EPSG/0/3857")),
       200, ""},
      {ogc_items, req("GET", "/ogc/collections/stations/items?crs=EPSG:900913"), 400,
       "unknown_crs"},
      {ogc_items,
       req("GET", "/ogc/collections/stations/items?bbox=1e300,0,2e300,1&bbox-crs=" +
                      percent_encode("http://www.opengis.net/def/crs/EPSG/0/3857")),
       400, "bbox_invalid"},
      {ogc_item, req("GET", "/ogc/collections/stations/items/" + id + "?crs=bd09"), 400,
       "unknown_crs"},
      {tileset, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad"), 200, ""},
      {tileset, req("GET", "/ogc/collections/districts/tiles/WebMercatorQuad"), 404,
       "collection_not_found"},
      {tileset, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad?f=x"), 400,
       "parameter_unknown"},
      {tilejson, req("GET", "/ogc/collections/streets/tiles/WebMercatorQuad/tilejson.json"), 200,
       ""},
      {tilejson, req("GET", "/ogc/collections/streets/tiles/WebMercatorQuad/tilejson.json"), 404,
       "collection_not_found", Target::read_only},
      {tilejson, req("GET", "/ogc/collections/%FF/tiles/WebMercatorQuad/tilejson.json"), 400,
       "invalid_utf8"},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/9/194/421"), 200, ""},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/0/0/0"), 200, ""},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/24/16777215/16777215"),
       204, ""},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/99999999999/0/0"), 400,
       "parameter_invalid"},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/2/4/0"), 400,
       "parameter_invalid"},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/2/0/+1"), 400,
       "parameter_invalid"},
      {tile,
       req("GET", "/ogc/collections/streets/tiles/WebMercatorQuad/15/12416/26979", "",
           {"Accept-Encoding: gzip"}),
       200, ""},
      {tilesets, req("GET", "/ogc/collections/coverage/tiles?radius_m=400"), 200, ""},
      {tilesets, req("GET", "/ogc/collections/districts/tiles"), 404, "collection_not_found"},
      {tilesets, req("GET", "/ogc/collections/stations/tiles?radius_m=400"), 400,
       "parameter_unknown"},
      {tilesets, req("GET", "/ogc/collections/coverage/tiles?distance=walk"), 409,
       "network_missing", Target::read_only},
      {matrix_sets, req("GET", "/ogc/tileMatrixSets"), 200, ""},
      {matrix_sets, req("GET", "/ogc/tileMatrixSets?f=html"), 400, "unknown_format"},
      {matrix_sets, req("GET", "/ogc/tileMatrixSets?limit=1"), 400, "parameter_unknown"},
      {quad, req("GET", "/ogc/tileMatrixSets/WebMercatorQuad"), 200, ""},
      {quad, req("GET", "/ogc/tileMatrixSets/WebMercatorQuad?f=%FF"), 400, "invalid_utf8"},
      {quad, req("GET", "/ogc/tileMatrixSets/WebMercatorQuad?f=xml"), 400, "unknown_format"},
      {tile, req("GET", "/ogc/collections/coverage/tiles/WebMercatorQuad/13/3104/6743"), 200, ""},
      {tile,
       req("GET",
           "/ogc/collections/coverage/tiles/WebMercatorQuad/15/12416/26979?distance=walk&"
           "walk_minutes=5&crs=gcj02"),
       200, ""},
      {tile, req("GET", "/ogc/collections/coverage/tiles/WebMercatorQuad/8/97/210"), 404,
       "tile_not_found"},
      {tile,
       req("GET", "/ogc/collections/coverage/tiles/WebMercatorQuad/13/3104/6743?radius_m=1e309"),
       400, "parameter_not_finite"},
      {tile, req("GET", "/ogc/collections/coverage/tiles/WebMercatorQuad/13/3104/6743?cell_m=5"),
       400, "parameter_unknown"},
      {tile,
       req("GET",
           "/ogc/collections/coverage/tiles/WebMercatorQuad/13/3104/"
           "6743?radius_m=1&walk_minutes=1"),
       400, "parameter_invalid"},
      {tile,
       req("GET",
           "/ogc/collections/stations/tiles/WebMercatorQuad/10/388/843?host_type=bank&"
           "amenities=toilet,wifi&open_now=true"),
       200, ""},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/10/388/843?host_type=x"),
       400, "unknown_host_type"},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/10/388/843?datetime=x"),
       400, "invalid_datetime"},
      {tile, req("GET", "/ogc/collections/stations/tiles/WebMercatorQuad/16/6208/53950?crs=x"), 400,
       "unknown_crs"},
      {ogc_item, req("GET", "/ogc/collections/stations/items/" + id), 200, ""},
      {ogc_item, req("GET", "/ogc/collections/stations/items/" + id + "?f=html"), 200, ""},
      {ogc_item, req("GET", "/ogc/collections/stations/items/nope"), 404, "feature_not_found"},
      {ogc_item, req("GET", "/ogc/collections/streets/items/4294967296"), 404, "feature_not_found"},
      {ogc_item, req("GET", "/ogc/collections/districts/items/%FF"), 400, "invalid_utf8"},
      // --- coverage ---
      {gaps, req("GET", "/v1/coverage/gaps?district=Dongcheng&radius_m=400&cell_m=200"), 200, ""},
      {gaps, req("GET", "/v1/coverage/gaps?radius_m=400"), 400, "region_missing"},
      {gaps, req("GET", "/v1/coverage/gaps?district=Chaoyang&cell_m=5"), 413, "grid_too_large"},
      {gaps, req("GET", "/v1/coverage/gaps?bbox=100,20,130,45&cell_m=10000"), 422,
       "region_too_large"},
      {gaps, req("GET", "/v1/coverage/gaps?district=Dongcheng&radius_m=400&walk_minutes=5"), 400,
       "parameter_invalid"},
      {gaps_post, req("POST", "/v1/coverage/gaps?cell_m=200&format=json", kSquare), 200, ""},
      {gaps_post,
       req("POST", "/v1/coverage/gaps?cell_m=200",
           R"({"region":)" + kSquare + R"(,"remove":["nope"]})"),
       422, "unknown_station_id"},
      {gaps_post,
       req("POST", "/v1/coverage/gaps",
           R"({"type":"Polygon","coordinates":[[[116.4,39.9,)" + nested(200'000) +
               R"(],[116.5,39.9],[116.5,40],[116.4,39.9]]]})"),
       400, "json_too_deep"},
      {gaps_post, req("POST", "/v1/coverage/gaps", R"({"bogus":1})"), 400, "body_invalid"},
      {report, req("GET", "/v1/coverage/districts?cell_m=500&format=csv"), 200, ""},
      {report, req("GET", "/v1/coverage/districts?cell_m=500&format=pdf"), 400, "unknown_format"},
      {report, req("GET", "/v1/coverage/districts?cell_m=abc"), 400, "parameter_not_a_number"},
      {report_post, req("POST", "/v1/coverage/districts?cell_m=500", ""), 200, ""},
      {report_post, req("POST", "/v1/coverage/districts?cell_m=500", "{"), 400, "body_not_json"},
      {report_post, req("POST", "/v1/coverage/districts?cell_m=500", R"({"add":"x"})"), 400,
       "body_invalid"},
      {profile, req("GET", "/v1/coverage/profile?district=Dongcheng&weekday=sun&cell_m=400"), 200,
       ""},
      {profile, req("GET", "/v1/coverage/profile?district=Dongcheng&weekday=someday"), 400,
       "parameter_invalid"},
      {profile, req("GET", "/v1/coverage/profile?district=Nowhere&weekday=sun"), 400,
       "unknown_district"},
      {profile_post, req("POST", "/v1/coverage/profile?weekday=mon&cell_m=400", kSquare), 200, ""},
      {profile_post, req("POST", "/v1/coverage/profile?weekday=mon", "[1,2"), 400, "body_not_json"},
      {profile_post, req("POST", "/v1/coverage/profile?weekday=mon&crs=nad27", kSquare), 400,
       "unknown_crs"},
      // A bodiless POST (no Content-Length): an empty body at once, as curl -X POST sends it.
      {suggest,
       "POST /v1/coverage/suggest?district=Dongcheng&k=2&cell_m=400 HTTP/1.1\r\nHost: table\r\n"
       "Connection: close\r\n\r\n",
       200, ""},
      {suggest,
       req("POST", "/v1/coverage/suggest?district=Dongcheng&candidates=grid&candidate_spacing_m=5"),
       422, "too_many_candidates"},
      {suggest, req("POST", "/v1/coverage/suggest?district=Dongcheng&k=0"), 400, "k_out_of_range"},
      {suggest, req("POST", "/v1/coverage/suggest?district=Dongcheng&format=tiff"), 400,
       "unknown_format"},
      // --- downloads and Range ---
      {exp, req("GET", "/v1/export?format=csv", "", {"Range: bytes=0-99"}), 206, ""},
      {exp, req("GET", "/v1/export?format=csv", "", {"Range: bytes=0-9,20-29"}), 416,
       "range_not_satisfiable"},
      {exp, req("GET", "/v1/export?format=csv", "", {"Range: bytes=999999999-"}), 416,
       "range_not_satisfiable"},
      {exp, req("GET", "/v1/export?format=exe"), 400, "unknown_format"},
      {meta, req("GET", "/v1/meta", "", {"Range: bytes=x"}), 416, "range_not_satisfiable"},
      // --- demand ---
      {demand_post, req("POST", "/v1/demand", "lon,lat\n116.4,39.9\n", {"Content-Type: text/csv"}),
       401, "unauthorized"},
      {demand_post, req("POST", "/v1/demand", "lon,lat\nx,y\n", {"Content-Type: text/csv"}, true),
       422, "demand_unusable"},
      {demand_post,
       req("POST", "/v1/demand", "lon,lat,weight\n116.4,39.9,2\n", {"Content-Type: text/csv"},
           true),
       201, ""},
      {demand_post,
       req("POST", "/v1/demand", "lon,lat\n116.4,39.9\n", {"Content-Type: text/csv"}, true), 403,
       "writes_disabled", Target::no_tokens},
      {demand_get, req("GET", "/v1/demand"), 200, ""},
      {demand_get, req("GET", "/v1/demand?x=1"), 400, "parameter_unknown"},
      {demand_get, req("GET", "/v1/demand?%FF"), 400, "invalid_utf8"},
      {demand_del, req("DELETE", "/v1/demand"), 401, "unauthorized"},
      {demand_del, req("DELETE", "/v1/demand", "", {}, true), 204, ""},
      {demand_del, req("DELETE", "/v1/demand?x=1", "", {}, true), 400, "parameter_unknown"},
      // --- writes and tokens ---
      {create, req("POST", "/v1/stations", feature(R"({"name":"x"})")), 401, "unauthorized"},
      {create,
       req("POST", "/v1/stations", feature(R"({"name":"x"})"), {"Authorization: Bearer wrong"}),
       401, "unauthorized"},
      {create,
       req("POST", "/v1/stations", feature(R"({"name":"x"})"), {"Authorization: Basic eDp5"}), 401,
       "unauthorized"},
      {create,
       req("POST", "/v1/stations", feature(R"({"id":"t-1","name":"表站"})"),
           {std::string("Authorization: bearer ") + kToken}),
       201, ""},
      {create, req("POST", "/v1/stations", feature(R"({"id":"t-1","name":"again"})"), {}, true),
       409, "station_exists"},
      {create,
       req("POST", "/v1/stations", feature(R"({"name":"x","host_type":"castle"})"), {}, true), 422,
       "invalid_station"},
      {create, req("POST", "/v1/stations", feature(R"({"name":"x"})", 116.4, 95), {}, true), 400,
       "lat_out_of_range"},
      {create, req("POST", "/v1/stations", feature("{\"name\":\"bad \xff\"}"), {}, true), 400,
       "invalid_utf8"},
      {create, req("POST", "/v1/stations", feature(R"({"name":"x"})"), {}, true), 403,
       "writes_disabled", Target::no_tokens},
      {create, req("POST", "/v1/stations", feature(R"({"name":"x"})"), {}, true), 409,
       "data_read_only", Target::read_only},
      {create,
       req("POST", "/v1/stations",
           R"({"type":"Feature","geometry":)" + nested(400'000) + R"(,"properties":{}})", {}, true),
       400, "json_too_deep"},
      {put, req("PUT", "/v1/stations/t-2", feature(R"({"name":"二"})"), {}, true), 201, ""},
      {put, req("PUT", "/v1/stations/t-2", feature(R"({"name":"二 again"})"), {}, true), 200, ""},
      {put, req("PUT", "/v1/stations/bad%FFid", feature(R"({"name":"x"})"), {}, true), 400,
       "invalid_utf8"},
      {put, req("PUT", "/v1/stations/nul%00id", feature(R"({"name":"x"})"), {}, true), 400,
       "invalid_utf8"},
      {put, req("PUT", "/v1/stations/t-3", feature(R"({"id":"other","name":"x"})"), {}, true), 422,
       "invalid_station"},
      {patch,
       req("PATCH", "/v1/stations/t-2", R"({"properties":{"opening_hours":"24/7"}})", {}, true),
       200, ""},
      {patch, req("PATCH", "/v1/stations/nope", "{}", {}, true), 404, "station_not_found"},
      {patch, req("PATCH", "/v1/stations/t-2", "[1]", {}, true), 400, "body_invalid"},
      {patch,
       req("PATCH", "/v1/stations/t-2",
           R"({"properties":)" + std::string(150'000, '{') + std::string(150'000, '}') + "}", {},
           true),
       400, "json_too_deep"},
      {del, req("DELETE", "/v1/stations/t-1", "", {}, true), 204, ""},
      {del, req("DELETE", "/v1/stations/t-1", "", {}, true), 404, "station_not_found"},
      {del, req("DELETE", "/v1/stations/t-2"), 401, "unauthorized"},
      {history, req("GET", "/v1/stations/t-1/history", "", {}, true), 200, ""},
      {history, req("GET", "/v1/stations/never/history", "", {}, true), 404, "station_not_found"},
      {history, req("GET", "/v1/stations/t-1/history"), 401, "unauthorized"},
      {restore, req("POST", "/v1/stations/t-1/restore", "", {}, true), 201, ""},
      {restore, req("POST", "/v1/stations/t-1/restore?version=999", "", {}, true), 400,
       "parameter_invalid"},
      {restore, req("POST", "/v1/stations/never/restore", "", {}, true), 404, "station_not_found"},
      {bulk,
       req("POST", "/v1/stations/bulk", "id,name,lon,lat\nb-1,One,116.40,39.90\n",
           {"Content-Type: text/csv"}, true),
       200, ""},
      {bulk,
       req("POST", "/v1/stations/bulk?mode=replace", "id,name,lon,lat\nb-1,One,116.40,39.90\n",
           {"Content-Type: text/csv"}, true),
       422, "replace_needs_confirmation"},
      {bulk,
       req("POST", "/v1/stations/bulk", "id,name,lon,lat\nb-2,Two,116.40,95\n",
           {"Content-Type: text/csv"}, true),
       422, "invalid_station"},
      {bulk,
       req("POST", "/v1/stations/bulk",
           "id,name,lon,lat\nb-3," + std::string(10 << 20, 'x') +
               ",116.40,39.90\nb-4,F,116.4,39.9\n",
           {"Content-Type: text/csv"}, true),
       422, "invalid_station"},
      {bulk, req("POST", "/v1/stations/bulk", "x", {"Content-Type: text/plain"}, true), 400,
       "body_invalid"},
      {bulk, req("POST", "/v1/stations/bulk?mode=merge", "id\n", {"Content-Type: text/csv"}, true),
       400, "parameter_invalid"},
      // --- the page, the spec, operations ---
      {page, req("GET", "/"), 200, ""},
      {page, req("GET", "/", "", {"Range: bytes=0-10"}), 200, ""},
      {page, req("GET", "/?x=%FF"), 400, "invalid_utf8"},
      {yaml, req("GET", "/v1/openapi.yaml"), 200, ""},
      {yaml, req("GET", "/v1/openapi.yaml", "", {"Range: bytes=5-9"}), 200, ""},
      {yaml, req("GET", "/v1/openapi.yaml?%00"), 400, "invalid_utf8"},
      {json_spec, req("GET", "/v1/openapi.json"), 200, ""},
      {json_spec, req("GET", "/v1/openapi.json", "", {"If-None-Match: *"}), 200, ""},
      {json_spec, req("HEAD", "/v1/openapi.json"), 200, ""},
      {healthz, req("GET", "/healthz"), 200, ""},
      {healthz, req("HEAD", "/healthz"), 200, ""},
      {healthz, req("GET", "/healthz", "", {"X-Many: " + std::string(7000, 'a')}), 200, ""},
      {readyz, req("GET", "/readyz"), 200, ""},
      {readyz, req("GET", "/readyz", "", {"Range: bytes=0-1"}), 200, ""},
      {readyz, req("GET", "/readyz?%C0"), 400, "invalid_utf8"},
      {metrics, req("GET", "/metrics"), 200, ""},
      {metrics, req("GET", "/metrics", "", {"Accept-Encoding: br"}), 200, ""},
      {metrics, req("GET", "/metrics?x=%FF"), 400, "invalid_utf8"},
      {meta, req("GET", "/v1/meta"), 200, ""},
      {meta, req("GET", "/v1/meta?crs=gcj02", "", {"Accept-Encoding: gzip"}), 200, ""},
      // --- methods, paths, heads ---
      {"-", req("GET", "/v1/nowhere"), 404, "route_not_found"},
      {"-", req("POST", "/v1/meta", "{}"), 404, "route_not_found"},
      {"-", req("PUT", "/v1/stations", "{}", {}, true), 404, "route_not_found"},
      {"-", req("BREW", "/v1/meta"), 400, "parameter_invalid"},
      {"-", req("GET", "/../../etc/passwd"), 404, "route_not_found"},
      {"-", req("GET", "/v1/meta?x=" + std::string(9000, 'a')), 414, "uri_too_long"},
      {"-", "GET /" + std::string(100'000, 'a'), 414, "uri_too_long"},
      {"-",
       [] {
         std::string r = "GET /v1/meta HTTP/1.1\r\nHost: table\r\n";
         for (int i = 0; i < 5000; ++i) r += "X-" + std::to_string(i) + ": y\r\n";
         return r + "\r\n";
       }(),
       431, "headers_too_large"},
      {"-",
       "GET /v1/meta HTTP/1.1\r\nHost: table\r\nX-Long: " + std::string(100'000, 'a') + "\r\n\r\n",
       431, "headers_too_large"},
      {"-", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n", 24), 400,
       "parameter_invalid"},
  };
}

TEST(HostileTable, EveryRowGetsItsDocumentedAnswerAndTheServerStaysHealthy) {
  const auto dir = test::temp_dir("hostile");
  const std::string tokens = (dir / "tokens.txt").string();
  test::write_file(tokens, std::string("table:") + kToken + "\n");
  const std::string store = (dir / "stations.gpkg").string();
  std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", store);
  const std::string csv = (dir / "stations.csv").string();
  test::write_file(csv, "id,name,lon,lat\nr1,Read only,116.40,39.90\n");
  const std::string network = (dir / "streets.geojson").string();
  test::write_file(network, test::central_grid_geojson());
  ServeProcess main_server(dir, "main",
                           {"--data", store, "--tokens-file", tokens, "--max-body-bytes", "4194304",
                            "--threads", "64", "--coverage-threads", "2", "--network", network});
  ServeProcess read_only(dir, "read_only", {"--data", csv, "--tokens-file", tokens});
  ServeProcess no_tokens(dir, "no_tokens", {"--data", csv, "--threads", "8"});
  ASSERT_GT(main_server.port(), 0) << "the server did not start";
  ASSERT_GT(read_only.port(), 0);
  ASSERT_GT(no_tokens.port(), 0);

  // Warm-up: the usual traffic, then the RSS the table is held against.
  const test::RawAnswer first =
      test::raw_exchange(main_server.port(), req("GET", "/v1/stations?limit=1"));
  ASSERT_EQ(first.status(), 200);
  const std::string id = json::parse(first.body())["items"][0]["id"];
  for (int i = 0; i < 200; ++i) {
    test::raw_exchange(
        main_server.port(),
        req("GET", "/v1/stations/nearest?lon=116." + std::to_string(300 + i) + "&lat=39.9&k=10"));
  }
  test::raw_exchange(main_server.port(),
                     req("GET", "/v1/coverage/gaps?district=Dongcheng&cell_m=200"));
  test::raw_exchange(main_server.port(), req("GET", "/v1/export?format=geojson"));
  const size_t warm_rss = main_server.rss_kb();

  const test::RawAnswer walking = test::raw_exchange(
      main_server.port(),
      req("GET", "/v1/stations/nearest?lon=116.4005&lat=39.9095&k=1&distance=walk"));
  ASSERT_EQ(walking.status(), 200) << walking.body();
  const std::string walk_id = json::parse(walking.body())["items"][0]["id"];
  const test::RawAnswer off = test::raw_exchange(
      main_server.port(), req("GET", "/v1/stations/nearest?lon=116.2&lat=40.1&k=1"));
  ASSERT_EQ(off.status(), 200);
  const std::string off_id = json::parse(off.body())["items"][0]["id"];
  const std::vector<Row> rows = table(id, walk_id, off_id);
  std::map<std::string, int> per_route;
  std::set<std::string> codes;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const ServeProcess& target = row.target == Target::main        ? main_server
                                 : row.target == Target::read_only ? read_only
                                                                   : no_tokens;
    const test::RawAnswer a = test::raw_exchange(target.port(), row.request, 60);
    const std::string where = "row " + std::to_string(i) + " (" + row.route + ", " +
                              row.request.substr(0, std::min<size_t>(row.request.find('\r'), 90)) +
                              ")";
    ++per_route[row.route];
    EXPECT_EQ(a.status(), row.status) << where << "\n" << a.body().substr(0, 300);
    EXPECT_TRUE(a.complete() || row.request.rfind("HEAD", 0) == 0 || a.status() == 204)
        << where << ": the answer is cut short";
    if (!row.code.empty()) {
      codes.insert(row.code);
      const std::string head = a.head(), body = a.body();
      EXPECT_NE(head.find("Content-Type: application/problem+json"), std::string::npos) << where;
      ASSERT_TRUE(is_clean_text(body)) << where << ": the problem is not valid UTF-8";
      const json problem = json::parse(body, nullptr, false);
      ASSERT_FALSE(problem.is_discarded()) << where << ": not JSON: " << body.substr(0, 200);
      EXPECT_EQ(problem["status"], a.status()) << where;
      EXPECT_EQ(problem["code"], row.code) << where << "\n" << body.substr(0, 300);
    }
    if (a.head().find("application/json") != std::string::npos &&
        a.head().find("Content-Encoding") == std::string::npos &&
        row.request.rfind("HEAD", 0) != 0) {
      EXPECT_FALSE(json::parse(a.body(), nullptr, false).is_discarded()) << where;
    }
    ASSERT_TRUE(main_server.alive()) << where << " killed the server";
  }

  // The busy coverage pool: two gap maps at once on a pool of one thread and no queue.
  {
    ServeProcess busy(dir, "busy",
                      {"--data", store, "--coverage-threads", "1", "--coverage-queue", "0",
                       "--poll-interval", "0"});
    ASSERT_GT(busy.port(), 0);
    // Either request may reach the pool first (the slow one can be the refused one), so the
    // refused answer is whichever was refused; a few rounds absorb an unlucky schedule.
    test::RawAnswer refused;
    for (int round = 0; round < 5 && refused.status() != 503; ++round) {
      test::RawAnswer slow, probe;
      std::thread t([&] {
        slow = test::raw_exchange(busy.port(),
                                  req("GET", "/v1/coverage/gaps?district=Chaoyang&cell_m=10"));
      });
      for (int i = 0; i < 100 && probe.status() != 503; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        probe = test::raw_exchange(busy.port(),
                                   req("GET", "/v1/coverage/gaps?district=Dongcheng&cell_m=400"));
      }
      t.join();
      refused = probe.status() == 503 ? probe : slow;
    }
    EXPECT_EQ(refused.status(), 503);
    EXPECT_EQ(json::parse(refused.body())["code"], "coverage_busy");
    EXPECT_NE(refused.head().find("Retry-After: "), std::string::npos);
    codes.insert("coverage_busy");
    ++per_route["GET /v1/coverage/gaps"];
  }

  // Every code a request can produce, and every route at least three times.
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal_error); ++c) {
    const auto code = static_cast<ErrorCode>(c);
    // Not from a request: data and start-up errors of the CLI, and 500 (a bug).
    if (code == ErrorCode::data_source_unreadable || code == ErrorCode::data_invalid ||
        code == ErrorCode::internal_error)
      continue;
    EXPECT_TRUE(codes.count(std::string(error_info(code).name)))
        << error_info(code).name << " has no row in the table";
  }
  const json meta =
      json::parse(test::raw_exchange(main_server.port(), req("GET", "/v1/meta")).body());
  for (const auto& route : meta["routes"]) {
    EXPECT_GE(per_route[route.get<std::string>()], 3) << route << " has fewer than 3 rows";
  }
  EXPECT_GE(rows.size(), 150u);
  std::cout << rows.size() << " rows, " << codes.size() << " error codes, " << per_route.size()
            << " routes (and no route)\n";

  // Healthy, and the memory the table took is given back.
  EXPECT_EQ(test::raw_exchange(main_server.port(), req("GET", "/healthz")).status(), 200);
  EXPECT_EQ(test::raw_exchange(main_server.port(), req("GET", "/readyz")).status(), 200);
  if (!kSanitized) {
    std::this_thread::sleep_for(std::chrono::seconds(30));
    const size_t after = main_server.rss_kb();
    std::cout << "RSS: warm " << warm_rss << " kB, after the table and 30 s idle " << after
              << " kB (" << static_cast<double>(after) / static_cast<double>(warm_rss) << "x)\n";
    EXPECT_LE(after, warm_rss * 3 / 2) << "RSS grew over 1.5x its warm-up value";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sf
