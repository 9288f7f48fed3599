// The CLI and the HTTP API refuse the same bad inputs the same way: each case is sent to a real
// `stationfinder serve` and run as the matching subcommand; the problem's code and rule must
// be what the CLI prints (`stationfinder CMD: CODE (--flag): RULE`), and the CLI's flag is
// HTTP's parameter spelt as a flag.
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "raw_http.hpp"
#include "serve_process.hpp"
#include "test_networks.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

using nlohmann::json;

struct Case {
  std::string name;
  std::string http;  // method and target
  std::vector<std::string> cli;
  std::string code;
  std::string flag;  // the CLI's name for the parameter
};

struct CliError {
  int exit_code = 0;
  std::string code, parameter, rule, output;
};

std::string quoted(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliError run_cli(const std::vector<std::string>& args) {
  std::string command = SF_STATIONFINDER_BIN;
  for (const std::string& a : args) command += " " + quoted(a);
  command += " 2>&1 >/dev/null";
  CliError e;
  FILE* p = ::popen(command.c_str(), "r");
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) e.output.append(buf, n);
  const int status = ::pclose(p);
  e.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  // The last line: stationfinder CMD: CODE (PARAMETER): RULE
  std::smatch m;
  static const std::regex line(R"(stationfinder [a-z]+: ([a-z_0-9]+)(?: \(([^)]*)\))?: (.*)\n?$)");
  if (std::regex_search(e.output, m, line)) {
    e.code = m[1];
    e.parameter = m[2];
    e.rule = m[3];
  }
  return e;
}

// What the command prints on standard output, and its exit code.
std::pair<int, std::string> run_stdout(const std::vector<std::string>& args) {
  std::string command = SF_STATIONFINDER_BIN;
  for (const std::string& a : args) command += " " + quoted(a);
  command += " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

json http_get(int port, const std::string& target) {
  const test::RawAnswer a = test::raw_exchange(
      port, "GET " + target + " HTTP/1.1\r\nHost: parity\r\nConnection: close\r\n\r\n", 60);
  return json::parse(a.body(), nullptr, false);
}

json http_problem(int port, const std::string& request_line) {
  const std::string method = request_line.substr(0, request_line.find(' '));
  const std::string target = request_line.substr(method.size() + 1);
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: parity\r\nConnection: close\r\n";
  if (method == "POST") r += "Content-Length: 0\r\n";
  const test::RawAnswer a = test::raw_exchange(port, r + "\r\n", 60);
  return json::parse(a.body(), nullptr, false);
}

TEST(CliHttpParity, TheSameBadInputsGetTheSameCodeAndRule) {
  const auto dir = test::temp_dir("parity");
  const std::string store = (dir / "stations.gpkg").string();
  std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", store);
  const std::string network = (dir / "streets.geojson").string();
  test::write_file(network, test::central_grid_geojson());
  test::ServeProcess server(dir, "serve", {"--data", store, "--network", network});
  ASSERT_GT(server.port(), 0);
  const std::string near = "GET /v1/stations/nearest?lon=116.4&lat=39.9";
  const std::vector<std::string> cli_near = {"nearest", "--data", store,       "--lon", "116.4",
                                             "--lat",   "39.9",   "--network", network};
  auto with = [](std::vector<std::string> base, std::vector<std::string> more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  const std::vector<std::string> gaps = {"gaps", "--data", store};
  const std::string iso = "GET /v1/isochrone?lon=116.4005&lat=39.9095";
  const std::vector<std::string> cli_iso = {"isochrone", "--lon",     "116.4005", "--lat",
                                            "39.9095",   "--network", network};
  const std::vector<Case> cases = {
      {"k=0", near + "&k=0", with(cli_near, {"-k", "0"}), "k_out_of_range", "--k"},
      {"distance unknown", near + "&distance=crow", with(cli_near, {"--distance", "crow"}),
       "parameter_invalid", "--distance"},
      {"path without walk", near + "&path=true", with(cli_near, {"--path"}), "parameter_invalid",
       "--path"},
      {"walk radius over the limit", near + "&distance=walk&radius_m=60000",
       with(cli_near, {"--distance", "walk", "--radius-m", "60000"}), "radius_out_of_range",
       "--radius-m"},
      {"off the streets",
       "GET /v1/stations/nearest?lon=116.6&lat=40.2&distance=walk",
       {"nearest", "--data", store, "--lon", "116.6", "--lat", "40.2", "--distance", "walk",
        "--network", network},
       "not_near_street",
       "--lon"},
      {"walk coverage three stations",
       "GET /v1/coverage/gaps?district=Dongcheng&distance=walk&min_stations=3",
       with(gaps, {"--district", "Dongcheng", "--distance", "walk", "--min-stations", "3",
                   "--network", network}),
       "parameter_invalid", "--min-stations"},
      {"coverage distance unknown", "GET /v1/coverage/gaps?district=Dongcheng&distance=foot",
       with(gaps, {"--district", "Dongcheng", "--distance", "foot"}), "parameter_invalid",
       "--distance"},
      {"isochrone over an hour", iso + "&walk_minutes=61", with(cli_iso, {"--walk-minutes", "61"}),
       "radius_out_of_range", "--walk-minutes"},
      {"isochrone minutes and metres", iso + "&walk_minutes=5&walk_m=300",
       with(cli_iso, {"--walk-minutes", "5", "--walk-m", "300"}), "parameter_invalid", "--walk-m"},
      {"isochrone nine walks", iso + "&walk_m=1,2,3,4,5,6,7,8,9",
       with(cli_iso, {"--walk-m", "1,2,3,4,5,6,7,8,9"}), "parameter_invalid", "--walk-m"},
      {"isochrone without a walk", iso, cli_iso, "parameter_missing", "--walk-minutes"},
      {"isochrone cell", iso + "&walk_minutes=5&cell_m=1",
       with(cli_iso, {"--walk-minutes", "5", "--cell-m", "1"}), "parameter_invalid", "--cell-m"},
      {"isochrone off the streets",
       "GET /v1/isochrone?lon=116.6&lat=40.2&walk_minutes=5",
       {"isochrone", "--lon", "116.6", "--lat", "40.2", "--walk-minutes", "5", "--network",
        network},
       "not_near_street",
       "--lon"},
      {"k=101", near + "&k=101", with(cli_near, {"-k", "101"}), "k_out_of_range", "--k"},
      {"k=2.5", near + "&k=2.5", with(cli_near, {"-k", "2.5"}), "k_out_of_range", "--k"},
      {"radius_m negative", near + "&radius_m=-5", with(cli_near, {"--radius-m", "-5"}),
       "radius_out_of_range", "--radius-m"},
      {"radius_m over the limit", near + "&radius_m=1e12", with(cli_near, {"--radius-m", "1e12"}),
       "radius_out_of_range", "--radius-m"},
      {"offset over the window", near + "&k=100&offset=9950",
       with(cli_near, {"-k", "100", "--offset", "9950"}), "result_window_too_large", "--offset"},
      {"offset negative", near + "&offset=-1", with(cli_near, {"--offset", "-1"}),
       "offset_out_of_range", "--offset"},
      {"lat 91",
       "GET /v1/stations/nearest?lon=116.4&lat=91",
       {"nearest", "--data", store, "--lon", "116.4", "--lat", "91"},
       "lat_out_of_range",
       "--lat"},
      {"lon a hex float",
       "GET /v1/stations/nearest?lon=0x1p3&lat=39.9",
       {"nearest", "--data", store, "--lon", "0x1p3", "--lat", "39.9"},
       "parameter_not_a_number",
       "--lon"},
      {"unknown amenity", near + "&amenities=jacuzzi", with(cli_near, {"--amenities", "jacuzzi"}),
       "unknown_amenity", "--amenities"},
      {"unknown host type", near + "&host_types=castle", with(cli_near, {"--host-types", "castle"}),
       "unknown_host_type", "--host-types"},
      {"bad time", near + "&at=2026-02-30T00:00", with(cli_near, {"--at", "2026-02-30T00:00"}),
       "invalid_datetime", "--at"},
      {"unknown datum", near + "&crs=nad27", with(cli_near, {"--coords", "nad27"}), "unknown_crs",
       "--coords"},
      {"bbox of three numbers", "GET /v1/coverage/gaps?bbox=116,39,117",
       with(gaps, {"--bbox", "116,39,117"}), "bbox_invalid", "--bbox"},
      {"bbox south above north", "GET /v1/coverage/gaps?bbox=116,40,117,39",
       with(gaps, {"--bbox", "116,40,117,39"}), "bbox_south_above_north", "--bbox"},
      {"cell size over the limit", "GET /v1/coverage/gaps?district=Chaoyang&cell_m=5",
       with(gaps, {"--district", "Chaoyang", "--cell-m", "5"}), "grid_too_large", "--cell-m"},
      {"cell size out of range", "GET /v1/coverage/gaps?district=Chaoyang&cell_m=1",
       with(gaps, {"--district", "Chaoyang", "--cell-m", "1"}), "parameter_invalid", "--cell-m"},
      {"radius and walk", "GET /v1/coverage/gaps?district=Dongcheng&radius_m=400&walk_minutes=5",
       with(gaps, {"--district", "Dongcheng", "--radius-m", "400", "--walk-minutes", "5"}),
       "parameter_invalid", "--walk-minutes"},
      {"unknown district", "GET /v1/coverage/gaps?district=Gotham",
       with(gaps, {"--district", "Gotham"}), "unknown_district", "--district"},
      {"no region", "GET /v1/coverage/gaps?radius_m=400", with(gaps, {"--radius-m", "400"}),
       "region_missing", "--district"},
      {"region too large", "GET /v1/coverage/gaps?bbox=100,20,130,45&cell_m=10000",
       with(gaps, {"--bbox", "100,20,130,45", "--cell-m", "10000"}), "region_too_large",
       "--region"},
      {"suggest k=0",
       "POST /v1/coverage/suggest?district=Dongcheng&k=0",
       {"suggest", "--data", store, "--district", "Dongcheng", "-k", "0"},
       "k_out_of_range",
       "--k"},
      {"suggest target over 100",
       "POST /v1/coverage/suggest?district=Dongcheng&target_pct=101",
       {"suggest", "--data", store, "--district", "Dongcheng", "--target-pct", "101"},
       "parameter_invalid",
       "--target-pct"},
  };
  for (const Case& c : cases) {
    const json problem = http_problem(server.port(), c.http);
    ASSERT_TRUE(problem.is_object()) << c.name << ": no problem from " << c.http;
    const CliError cli = run_cli(c.cli);
    EXPECT_EQ(problem["code"], c.code) << c.name << " over HTTP: " << problem.dump();
    EXPECT_EQ(cli.code, c.code) << c.name << " from the CLI: " << cli.output;
    EXPECT_EQ(cli.rule, problem["rule"].get<std::string>()) << c.name;
    EXPECT_EQ(cli.parameter, c.flag) << c.name << ": " << cli.output;
    EXPECT_EQ(cli.exit_code, 2) << c.name << ": a refused request exits 2";
    std::string http_param = problem["parameter"].is_string() ? problem["parameter"] : "";
    if (c.flag != "--coords") {
      std::string as_flag = "--" + http_param;
      for (char& ch : as_flag)
        if (ch == '_') ch = '-';
      EXPECT_EQ(c.flag, as_flag) << c.name << ": the flag is not HTTP's parameter";
    }
  }
}

// --walk-speed-kmh is one setting: the server and every command take walk_minutes into metres
// and walk_m into walk_minutes at it, and echo it.
TEST(CliHttpParity, OneWalkingSpeedForEveryAnswer) {
  const auto dir = test::temp_dir("walk_speed");
  const std::string store = (dir / "stations.gpkg").string();
  std::filesystem::copy_file(std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg", store);
  const std::string network = (dir / "streets.geojson").string();
  test::write_file(network, test::central_grid_geojson());
  const std::vector<std::string> speed = {"--walk-speed-kmh", "3"};  // 50 m a minute
  test::ServeProcess server(dir, "serve",
                            {"--data", store, "--network", network, "--walk-speed-kmh", "3"});
  ASSERT_GT(server.port(), 0);
  auto with = [](std::vector<std::string> base, const std::vector<std::string>& more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };

  const json meta = http_get(server.port(), "/v1/meta");
  EXPECT_EQ(meta["limits"]["walk_speed_kmh"], 3);
  EXPECT_EQ(meta["network"]["walk_speed_kmh"], 3);

  // Nearest by walk: walk_minutes is walk_m at 50 m a minute, over HTTP and from the CLI.
  const json near =
      http_get(server.port(), "/v1/stations/nearest?lon=116.4005&lat=39.9095&distance=walk&k=5");
  ASSERT_EQ(near["items"].size(), 5u) << near.dump();
  for (const json& item : near["items"]) {
    EXPECT_NEAR(item["walk_minutes"].get<double>(), item["walk_m"].get<double>() / 50, 0.005);
  }
  const auto [near_rc, near_cli] =
      run_stdout(with({"nearest", "--data", store, "--lon", "116.4005", "--lat", "39.9095",
                       "--distance", "walk", "--network", network, "--format", "json"},
                      speed));
  ASSERT_EQ(near_rc, 0);
  const json near_items = json::parse(near_cli)["items"];
  ASSERT_EQ(near_items.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(near_items[i]["id"], near["items"][i]["id"]);
    EXPECT_EQ(near_items[i]["walk_minutes"], near["items"][i]["walk_minutes"]);
  }

  // An isochrone of 10 minutes walks 500 m; the rule of the longest walk names the speed.
  const json iso =
      http_get(server.port(), "/v1/isochrone?lon=116.4005&lat=39.9095&walk_minutes=10&format=json");
  EXPECT_EQ(iso["parameters"]["walk_speed_kmh"], 3) << iso.dump();
  EXPECT_EQ(iso["contours"][0]["walk_m"], 500) << iso.dump();
  const auto [iso_rc, iso_cli] =
      run_stdout(with({"isochrone", "--lon", "116.4005", "--lat", "39.9095", "--walk-minutes", "10",
                       "--network", network, "--format", "json"},
                      speed));
  ASSERT_EQ(iso_rc, 0);
  EXPECT_EQ(json::parse(iso_cli)["contours"], iso["contours"]);
  const json too_long =
      http_problem(server.port(), "GET /v1/isochrone?lon=116.4005&lat=39.9095&walk_m=3001");
  EXPECT_EQ(too_long["code"], "radius_out_of_range");
  EXPECT_NE(too_long["rule"].get<std::string>().find("3000 metres"), std::string::npos)
      << too_long.dump();
  EXPECT_NE(too_long["rule"].get<std::string>().find("at 3 km/h"), std::string::npos);

  // Coverage: walk_minutes=10 is a 500 m radius, by straight line and by walk.
  for (const std::string distance : {"straight", "walk"}) {
    const json gaps = http_get(server.port(),
                               "/v1/coverage/gaps?district=Dongcheng&format=json&"
                               "walk_minutes=10&distance=" +
                                   distance);
    EXPECT_EQ(gaps["parameters"]["radius_m"], 500) << gaps.dump().substr(0, 400);
    EXPECT_EQ(gaps["parameters"]["walk_speed_kmh"], 3);
    EXPECT_EQ(gaps["parameters"]["distance"], distance);
    const auto [gaps_rc, gaps_cli] =
        run_stdout(with({"gaps", "--data", store, "--district", "Dongcheng", "--walk-minutes", "10",
                         "--distance", distance, "--network", network, "--format", "json"},
                        speed));
    ASSERT_EQ(gaps_rc, 0) << distance;
    const json cli_gaps = json::parse(gaps_cli);
    EXPECT_EQ(cli_gaps["parameters"]["radius_m"], 500);
    EXPECT_EQ(cli_gaps["summary"], gaps["summary"]) << distance;
  }

  // The speed is checked where it is given.
  const CliError slow = run_cli(
      {"nearest", "--data", store, "--lon", "116.4", "--lat", "39.9", "--walk-speed-kmh", "0"});
  EXPECT_EQ(slow.code, "parameter_invalid") << slow.output;
  EXPECT_EQ(slow.parameter, "--walk-speed-kmh");
  EXPECT_EQ(slow.rule, "must be from 0.5 to 30 km/h");
  EXPECT_EQ(slow.exit_code, 2);
  const CliError fast =
      run_cli({"serve", "--data", store, "--port", "0", "--walk-speed-kmh", "31"});
  EXPECT_EQ(fast.code, "parameter_invalid") << fast.output;
  EXPECT_EQ(fast.parameter, "--walk-speed-kmh");
  EXPECT_NE(fast.exit_code, 0);
}

}  // namespace
}  // namespace sf
