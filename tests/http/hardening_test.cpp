// Regression tests for what an attacker or a careless operator found (issue 10), against a
// real server on an ephemeral 127.0.0.1 port over a writable copy of the bundled data: every
// request here once crashed the server, lost data or answered something it should not.
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/server.hpp"
#include "io/dataset.hpp"
#include "io/station_store.hpp"
#include "raw_http.hpp"
#include "service/json_body.hpp"
#include "test_support.hpp"

namespace sf::http {
namespace {

using nlohmann::json;
constexpr const char* kToken = "hardening-test-token-0123456789";

class Hardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(test::temp_dir("hardening"));
    const std::string store = (*dir_ / "stations.gpkg").string();
    std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", store);
    io::DatasetOptions o;
    o.data = store;
    io::Dataset ds = io::load_dataset(o);
    ServerConfig config;
    config.port = 0;
    config.threads = 16;  // the defaults otherwise: 1 MiB bodies, 64 MiB bulk
    config.web_root = std::string(SF_SOURCE_DIR) + "/api/web";
    Snapshot snap;
    snap.source = store;
    snap.catalog = std::make_shared<const Catalog>(std::move(ds.stations), std::move(ds.districts));
    server_ = new Server(config, snap);
    server_->set_tokens(TokenStore::parse(std::string("ops:") + kToken, "test"));
    server_->set_store(io::StationStore::open(store));
    port_ = server_->bind();
    thread_ = new std::thread([] { server_->run(); });
    for (int i = 0; i < 200 && !server_->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static httplib::Client client(bool with_token = false) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    if (with_token) c.set_bearer_token_auth(kToken);
    return c;
  }
  // The server still answers, with the data it had.
  static void expect_alive() {
    auto res = client().Get("/v1/stations/nearest?lon=116.397&lat=39.908&k=1");
    ASSERT_TRUE(res) << "the server no longer answers";
    EXPECT_EQ(res->status, 200);
  }
  static void expect_problem(const httplib::Result& res, int status, const std::string& code,
                             const std::string& parameter = "") {
    ASSERT_TRUE(res) << "no answer (the server may have crashed)";
    EXPECT_EQ(res->status, status) << res->body.substr(0, 400);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    ASSERT_TRUE(is_clean_text(res->body));
    const json p = json::parse(res->body);
    EXPECT_EQ(p["status"], status);
    EXPECT_EQ(p["code"], code) << res->body.substr(0, 400);
    if (!parameter.empty()) {
      EXPECT_EQ(p["parameter"], parameter);
    }
  }

  static std::filesystem::path* dir_;
  static Server* server_;
  static std::thread* thread_;
  static int port_;
};
std::filesystem::path* Hardening::dir_ = nullptr;
Server* Hardening::server_ = nullptr;
std::thread* Hardening::thread_ = nullptr;
int Hardening::port_ = 0;

using test::raw_exchange;

std::string nested(size_t depth, const std::string& inner = "") {
  return std::string(depth, '[') + inner + std::string(depth, ']');
}

std::string feature(const std::string& geometry, const std::string& properties) {
  return R"({"type":"Feature","geometry":)" + geometry + R"(,"properties":)" + properties + "}";
}

// Each of these bodies overflowed the stack (SIGSEGV) after parsing: comparison, copy and
// merge-patch recursed once per level. Now they stop at the parser's gate, level 65.
TEST_F(Hardening, DeeplyNestedBodiesAreRefusedNotRecursedInto) {
  auto along = client().Post("/v1/stations/along-route",
                             R"({"type":"LineString","coordinates":)" + nested(150'000) + "}",
                             "application/json");
  expect_problem(along, 400, "json_too_deep", "body");
  const std::string deep_ring = R"({"type":"Polygon","coordinates":[[[116.4,39.9,)" +
                                nested(200'000) + R"(],[116.5,39.9],[116.5,40],[116.4,39.9]]]})";
  expect_problem(client().Post("/v1/stations/within", deep_ring, "application/json"), 400,
                 "json_too_deep");
  expect_problem(client().Post("/v1/coverage/gaps?cell_m=500", deep_ring, "application/json"), 400,
                 "json_too_deep");
  const std::string point = R"({"type":"Point","coordinates":[116.4,39.9]})";
  std::string deep_object;
  for (int i = 0; i < 150'000; ++i) deep_object += R"({"a":)";
  deep_object += "1" + std::string(150'000, '}');
  const std::string id(server_->snapshot()->catalog->station(0).id);
  expect_problem(client(true).Patch("/v1/stations/" + id, R"({"properties":)" + deep_object + "}",
                                    "application/merge-patch+json"),
                 400, "json_too_deep");
  expect_problem(
      client(true).Post("/v1/stations", feature(point, deep_object), "application/geo+json"), 400,
      "json_too_deep");
  expect_problem(client(true).Post("/v1/stations", feature(nested(400'000), R"({"name":"x"})"),
                                   "application/geo+json"),
                 400, "json_too_deep");
  expect_alive();
  // 64 levels pass the gate (and then fail as the GeoJSON they are not).
  auto at_limit = client().Post("/v1/stations/along-route",
                                R"({"type":"LineString","coordinates":)" + nested(63) + "}",
                                "application/json");
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(json::parse(at_limit->body)["code"], "body_not_linestring");
  EXPECT_EQ(json::parse(client().Get("/v1/meta")->body)["limits"]["json_depth"], kMaxJsonDepth);
}

// Invalid UTF-8 (or a NUL) anywhere in a request is refused by name, and never echoed: a raw
// byte in a problem body made it invalid JSON, and in the store it broke every later answer.
TEST_F(Hardening, TextThatIsNotUtf8IsRefusedAndNeverEchoed) {
  const std::pair<const char*, const char*> cases[] = {
      {"/v1/stations/nearest?lon=%FF&lat=39.9", "lon"},
      {"/v1/stations/nearest?lon=116.4&lat=39.9&amenities=toil%C0%AFet", "amenities"},
      {"/v1/stations/nearest?lon=116.4&lat=39.9&crs=gcj%FF", "crs"},
      {"/v1/stations/nearest?lon=116.4&lat=39.9&at=2026%ED%A0%80", "at"},
      {"/v1/stations/nearest?lon=116.4&lat=39.9&fields=name%E4%B8", "fields"},
      {"/v1/stations?district=%FF%FE", "district"},
      {"/v1/stations/bad%FFid", "path"},
      {"/v1/stations/nul%00id", "path"},
      {"/v1/coverage/gaps?district=%E6%9C%9D%FF", "district"},
      {"/v1/nowhere%FF", "path"},
  };
  for (const auto& [path, parameter] : cases) {
    expect_problem(client().Get(path), 400, "invalid_utf8", parameter);
  }
  expect_problem(
      client(true).Put("/v1/stations/bad%FFid",
                       feature(R"({"type":"Point","coordinates":[116.4,39.9]})", R"({"name":"x"})"),
                       "application/geo+json"),
      400, "invalid_utf8", "path");
  expect_problem(
      client(true).Put("/v1/stations/nul%00id",
                       feature(R"({"type":"Point","coordinates":[116.4,39.9]})", R"({"name":"x"})"),
                       "application/geo+json"),
      400, "invalid_utf8", "path");
  expect_problem(client(true).Post("/v1/stations",
                                   feature(R"({"type":"Point","coordinates":[116.4,39.9]})",
                                           "{\"name\":\"bad \xff name\"}"),
                                   "application/geo+json"),
                 400, "invalid_utf8", "body");
  expect_problem(client(true).Post("/v1/stations",
                                   feature(R"({"type":"Point","coordinates":[116.4,39.9]})",
                                           R"({"name":"nul \u0000 name"})"),
                                   "application/geo+json"),
                 400, "invalid_utf8", "body");
  EXPECT_FALSE(server_->snapshot()->catalog->find("bad\xffid"));
  EXPECT_FALSE(server_->snapshot()->catalog->find("nul"));
  expect_alive();
}

// Found by fuzz_json_body: a "type" that is not a string threw inside nlohmann (a 500).
TEST_F(Hardening, MembersOfTheWrongTypeAreBadRequestsNot500) {
  for (const char* body : {R"({"type": 5})", R"({"type":"Feature","geometry":{"type":[1]}})",
                           R"({"type":"FeatureCollection","features":[{"type":null}]})",
                           R"({"type":{"a":1},"coordinates":[]})"}) {
    for (const char* path : {"/v1/stations/within", "/v1/stations/along-route",
                             "/v1/stations/nearest", "/v1/coverage/gaps?cell_m=500"}) {
      auto res = client().Post(path, body, "application/json");
      ASSERT_TRUE(res);
      EXPECT_GE(res->status, 400) << path << " " << body;
      EXPECT_LT(res->status, 500) << path << " " << body << "\n" << res->body;
    }
    auto write = client(true).Post("/v1/stations", body, "application/geo+json");
    ASSERT_TRUE(write);
    EXPECT_LT(write->status, 500) << body << "\n" << write->body;
  }
}

TEST_F(Hardening, TheBearerSchemeIsCaseInsensitive) {
  for (const char* scheme : {"Bearer", "bearer", "BEARER", "bEaReR"}) {
    httplib::Client c("127.0.0.1", port_);
    auto res = c.Get(
        "/v1/stations/" + std::string(server_->snapshot()->catalog->station(0).id) + "/history",
        {{"Authorization", std::string(scheme) + " " + kToken}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << scheme << " " << res->body;
  }
  httplib::Client c("127.0.0.1", port_);
  auto basic = c.Get("/v1/stations/x/history", {{"Authorization", std::string("Basic ") + kToken}});
  expect_problem(basic, 401, "unauthorized");
}

// Range applies to downloads only: API answers ignore it (2,000 overlapping ranges turned an
// 8 kB answer into 16.8 MB), and an error is never sliced.
TEST_F(Hardening, RangeIsIgnoredOnApiAnswersAndOneRangeServesADownload) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 1999; ++i) ranges += ",0-";
  httplib::Client c = client();
  auto full = c.Get("/v1/districts?format=geojson");
  auto ranged = c.Get("/v1/districts?format=geojson", {{"Range", ranges}});
  ASSERT_TRUE(full && ranged);
  EXPECT_EQ(ranged->status, 200);
  EXPECT_EQ(ranged->body, full->body);
  auto page = c.Get("/web/widget.js", {{"Range", "bytes=0-9"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, c.Get("/web/widget.js")->body);
  const auto bad =
      raw_exchange(port_, "GET /v1/meta HTTP/1.1\r\nHost: x\r\nRange: bytes=x\r\n\r\n", 5);
  EXPECT_EQ(bad.status(), 416);
  EXPECT_EQ(json::parse(bad.body())["status"], 416);

  auto whole = c.Get("/v1/export?format=csv");
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->get_header_value("Accept-Ranges"), "bytes");
  auto part =
      c.Get("/v1/export?format=csv", {{"Range", "bytes=10-109"}, {"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, whole->body.substr(10, 100));
  EXPECT_EQ(part->get_header_value("Content-Range"),
            "bytes 10-109/" + std::to_string(whole->body.size()));
  auto tail = c.Get("/v1/export?format=csv", {{"Range", "bytes=-50"}});
  EXPECT_EQ(tail->body, whole->body.substr(whole->body.size() - 50));
  auto stale = c.Get("/v1/export?format=csv", {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}});
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->body.size(), whole->body.size());
  auto past = c.Get("/v1/export?format=csv", {{"Range", "bytes=99999999-"}});
  expect_problem(past, 416, "range_not_satisfiable", "Range");
  EXPECT_EQ(past->get_header_value("Content-Range"),
            "bytes */" + std::to_string(whole->body.size()));
  expect_problem(c.Get("/v1/export?format=csv", {{"Range", "bytes=0-9,20-29"}}), 416,
                 "range_not_satisfiable");
}

// The problem body's status is the answer's status, for what cpp-httplib answers by itself too.
TEST_F(Hardening, ProblemStatusEqualsTheHttpStatus) {
  const auto uri = raw_exchange(
      port_, "GET /v1/meta?x=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 5);
  EXPECT_EQ(uri.status(), 414);
  EXPECT_EQ(json::parse(uri.body())["status"], 414);
  EXPECT_EQ(json::parse(uri.body())["code"], "uri_too_long");
  std::string many = "GET /v1/meta HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 5000; ++i) many += "X-" + std::to_string(i) + ": y\r\n";
  const auto headers = raw_exchange(port_, many + "\r\n", 5);
  EXPECT_EQ(headers.status(), 431);
  EXPECT_EQ(json::parse(headers.body())["code"], "headers_too_large");
  EXPECT_TRUE(headers.closed);
  const auto endless = raw_exchange(port_, "GET /" + std::string(200'000, 'a'), 5);
  EXPECT_EQ(endless.status(), 414);
  EXPECT_EQ(json::parse(endless.body())["status"], 414);
  const auto garbage = raw_exchange(port_, "\x01\x02 nonsense\r\n\r\n", 5);
  EXPECT_EQ(garbage.status(), 400);
  EXPECT_EQ(json::parse(garbage.body())["status"], 400);
  expect_alive();
}

// A POST without Content-Length or Transfer-Encoding has an empty body at once (it waited for
// the 10 s read timeout), as the README's own curl -X POST example sends it.
TEST_F(Hardening, ABodilessPostIsAnEmptyBodyAtOnce) {
  const auto res =
      raw_exchange(port_,
                   "POST /v1/coverage/suggest?district=Tongzhou&k=2&cell_m=500 HTTP/1.1\r\n"
                   "Host: x\r\nConnection: close\r\n\r\n",
                   5);
  EXPECT_EQ(res.status(), 200) << res.received.substr(0, 300);
  EXPECT_LT(res.seconds, 5);
}

// Bodies stop at the route's limit: a chunked body is not read to its end first, a gzip body
// counts what it expands to, and what is left unread closes the connection, so it is never
// parsed as the next request (a response desync behind a proxy).
TEST_F(Hardening, BodiesStopAtTheLimitAndUnreadBytesCloseTheConnection) {
  const std::string smuggled = "GET /v1/meta HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto declared =
      raw_exchange(port_,
                   "POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n" +
                       smuggled,
                   5);
  EXPECT_EQ(declared.status(), 413);
  EXPECT_EQ(declared.answers(), 1);
  EXPECT_TRUE(declared.closed);
  EXPECT_EQ(declared.header("Connection"), "close");
  const auto get_body = raw_exchange(port_,
                                     "GET /v1/meta HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                         std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
                                     5);
  EXPECT_EQ(get_body.answers(), 1);
  EXPECT_TRUE(get_body.closed);
  const auto unrouted = raw_exchange(port_,
                                     "POST /v1/nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                         std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled,
                                     5);
  EXPECT_EQ(unrouted.status(), 404);
  EXPECT_EQ(unrouted.answers(), 1);
  for (const char* framing :
       {"Content-Length: 5\r\nTransfer-Encoding: chunked", "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: +5", "Transfer-Encoding: gzip, chunked"}) {
    const auto bad = raw_exchange(port_,
                                  std::string("POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n") +
                                      framing + "\r\n\r\n0\r\n\r\n" + smuggled,
                                  5);
    EXPECT_EQ(bad.status(), 400) << framing;
    EXPECT_EQ(json::parse(bad.body())["code"], "header_invalid") << framing;
    EXPECT_EQ(bad.answers(), 1) << framing;
  }
  // 8 MiB chunked at a 1 MiB route: refused after the first MiB, the rest never read.
  std::string chunked =
      "POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string piece(65536, ' ');
  for (int i = 0; i < 128; ++i) chunked += "10000\r\n" + piece + "\r\n";
  chunked += "0\r\n\r\n" + smuggled;
  const auto big = raw_exchange(port_, chunked, 10);
  EXPECT_EQ(big.status(), 413);
  EXPECT_EQ(big.answers(), 1);
  // A 200 kB gzip body that expands to 200 MB stops at the limit, decoded.
  std::string packed;
  {
    const std::string spaces(1 << 20, ' ');
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    char out[65536];
    for (int i = 0; i < 200; ++i) {  // 200 MiB of spaces, fed a MiB at a time
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(spaces.data()));
      z.avail_in = static_cast<uInt>(spaces.size());
      const int flush = i == 199 ? Z_FINISH : Z_NO_FLUSH;
      do {
        z.next_out = reinterpret_cast<Bytef*>(out);
        z.avail_out = sizeof out;
        deflate(&z, flush);
        packed.append(out, sizeof out - z.avail_out);
      } while (z.avail_out == 0);
    }
    deflateEnd(&z);
  }
  const auto bomb = raw_exchange(port_,
                                 "POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                                 "Content-Length: " +
                                     std::to_string(packed.size()) + "\r\n\r\n" + packed,
                                 10);
  EXPECT_EQ(bomb.status(), 413);
  EXPECT_NE(bomb.body().find("decoded"), std::string::npos);
  const auto br = raw_exchange(port_,
                               "POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n"
                               "Content-Encoding: br\r\nContent-Length: 5\r\n\r\nhello",
                               5);
  EXPECT_EQ(br.status(), 415);
  // Expect: 100-continue over the limit is refused before the body is sent.
  const auto expect = raw_exchange(port_,
                                   "POST /v1/stations/nearest HTTP/1.1\r\nHost: x\r\n"
                                   "Expect: 100-continue\r\nContent-Length: 5000000\r\n\r\n",
                                   5);
  EXPECT_EQ(expect.status(), 413);
  EXPECT_TRUE(expect.closed);
  // Keep-alive still carries pipelined requests whose bodies were read.
  const std::string points = R"({"points":[[116.4,39.9]]})";
  const std::string one =
      "POST /v1/stations/nearest?k=1 HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(points.size()) + "\r\n\r\n" + points;
  const auto pipelined = raw_exchange(
      port_, one + one + one + "GET /v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5);
  EXPECT_EQ(pipelined.answers(), 4) << pipelined.received.substr(0, 300);
  expect_alive();
}

}  // namespace
}  // namespace sf::http
