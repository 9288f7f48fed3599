// Regression tests for what an attacker or a careless operator found (issue 10), against a
// real server on an ephemeral 127.0.0.1 port over a writable copy of the bundled data: every
// request here once crashed the server, lost data or answered something it should not.
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/json_body.hpp"
#include "http/server.hpp"
#include "io/dataset.hpp"
#include "io/station_store.hpp"
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

}  // namespace
}  // namespace sf::http
