// api/openapi.yaml names every error code a request can produce and every route the HTTP
// tests exercise, and documents the limits and defaults of core/limits.hpp. (A full schema
// validation of live answers belongs with the web tests.)
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/limits.hpp"
#include "service/fields.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

std::string spec() {
  std::ifstream in(std::string(SF_SOURCE_DIR) + "/api/openapi.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OpenApi, ListsEveryRequestErrorCode) {
  const std::string s = spec();
  ASSERT_FALSE(s.empty());
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal_error); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (code == ErrorCode::data_source_unreadable || code == ErrorCode::data_invalid) continue;
    const std::string name(error_info(code).name);
    EXPECT_NE(s.find(name), std::string::npos) << name << " is not in api/openapi.yaml";
  }
}

TEST(OpenApi, DescribesEveryRoute) {
  const std::string s = spec();
  for (const char* route :
       {"/v1/stations/nearest:", "/v1/stations/within:", "/v1/stations/along-route:",
        "/v1/stations:", "/v1/stations/{id}:", "/v1/districts:", "/v1/meta:", "/healthz:",
        "/v1/coverage/gaps:", "/v1/coverage/districts:", "/v1/coverage/profile:",
        "/v1/coverage/suggest:", "/v1/demand:", "/v1/isochrone:", "/v1/stations/{id}/catchment:",
        "/v1/network:"}) {
    EXPECT_NE(s.find(std::string("\n  ") + route), std::string::npos) << route;
  }
}

TEST(OpenApi, DescribesEveryField) {
  const std::string s = spec();
  for (int i = 0; i < kFieldCount; ++i) {
    const std::string name(field_name(static_cast<Field>(i)));
    EXPECT_NE(s.find("        " + name + ":"), std::string::npos) << name;
  }
}

// One documented query parameter: the path it belongs to ("" for a shared component), its
// schema's maximum and default ("" when not given).
struct SpecParameter {
  std::string path, name, maximum, fallback;
};

std::vector<SpecParameter> spec_parameters(const std::string& s) {
  std::vector<SpecParameter> out;
  std::istringstream lines(s);
  std::string line, path, name;
  static const std::regex path_line(R"(^  (/[^:]*):\s*$)"), name_line(R"(^\s+(?:- )?name: (\w+))"),
      schema_line(R"(schema: \{([^}]*)\})"), maximum(R"(maximum: ([0-9.]+))"),
      fallback(R"(default: ([0-9.]+))");
  bool components = false;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (line.rfind("components:", 0) == 0) components = true;
    if (!components && std::regex_match(line, m, path_line)) path = m[1];
    if (std::regex_search(line, m, name_line)) name = m[1];
    if (!name.empty() && std::regex_search(line, m, schema_line)) {
      const std::string schema = m[1];
      SpecParameter p{components ? "" : path, name, "", ""};
      if (std::regex_search(schema, m, maximum)) p.maximum = m[1];
      if (std::regex_search(schema, m, fallback)) p.fallback = m[1];
      out.push_back(p);
      name.clear();
    }
  }
  return out;
}

std::string number_text(double v) {
  if (v == static_cast<double>(static_cast<long>(v))) return std::to_string(static_cast<long>(v));
  std::ostringstream o;
  o << v;
  return o.str();
}

TEST(OpenApi, DocumentsTheLimits) {
  const Limits& l = kDefaultLimits;
  size_t checked = 0;
  for (const SpecParameter& p : spec_parameters(spec())) {
    const bool station_route = p.path.rfind("/v1/stations", 0) == 0;
    const std::string where = p.name + " at " + (p.path.empty() ? "components" : p.path);
    if (p.name == "limit" && p.path == "/v1/network") {
      EXPECT_EQ(p.maximum, std::to_string(l.network_listing_max)) << where;
      EXPECT_EQ(p.fallback, std::to_string(l.network_listing_default)) << where;
      ++checked;
    } else if (p.name == "limit") {
      EXPECT_EQ(p.maximum, std::to_string(l.limit_max)) << where;
      EXPECT_EQ(p.fallback, std::to_string(l.limit_default)) << where;
      ++checked;
    } else if (p.name == "k" && station_route) {
      EXPECT_EQ(p.maximum, std::to_string(l.k_max)) << where;
      EXPECT_EQ(p.fallback, std::to_string(l.k_default)) << where;
      ++checked;
    } else if (p.name == "radius_m" && station_route) {
      EXPECT_EQ(p.maximum, number_text(l.radius_max_m)) << where;
      ++checked;
    } else if (p.name == "radius_m" && p.path.empty()) {  // the coverage routes'
      EXPECT_EQ(p.maximum, number_text(l.coverage_radius_max_m)) << where;
      EXPECT_EQ(p.fallback, number_text(l.coverage_radius_default_m)) << where;
      ++checked;
    } else if (p.name == "cell_m" &&
               (p.path == "/v1/isochrone" || p.path == "/v1/stations/{id}/catchment")) {
      EXPECT_EQ(p.maximum, number_text(l.cell_max_m)) << where;
      EXPECT_EQ(p.fallback, number_text(l.isochrone_cell_default_m)) << where;
      ++checked;
    } else if (p.name == "cell_m") {
      EXPECT_EQ(p.maximum, number_text(l.cell_max_m)) << where;
      EXPECT_EQ(p.fallback, number_text(l.cell_default_m)) << where;
      ++checked;
    } else if (p.name == "min_stations") {
      EXPECT_EQ(p.maximum, std::to_string(l.min_stations_max)) << where;
      ++checked;
    } else if (p.name == "buffer_m") {
      EXPECT_EQ(p.maximum, number_text(l.buffer_max_m)) << where;
      EXPECT_EQ(p.fallback, number_text(l.buffer_default_m)) << where;
      ++checked;
    }
  }
  EXPECT_GE(checked, 11u) << "the limits' parameters were not found in api/openapi.yaml";

  const std::string s = spec();
  EXPECT_NE(s.find("at most " + std::string("10,000")), std::string::npos)
      << "the result window (offset + k) is documented";
  EXPECT_EQ(l.result_window, 10000u) << "the documented result window";
  EXPECT_NE(s.find("1 to " + std::to_string(l.isochrone_values) +
                   " distinct values, each greater "
                   "than 0 and at most " +
                   number_text(l.isochrone_minutes_max)),
            std::string::npos)
      << "the isochrone's walks are documented";
  EXPECT_NE(
      s.find(
          "cell_m:\n      name: cell_m\n      in: query\n      schema: { type: number, minimum: " +
          number_text(l.cell_min_m)),
      std::string::npos)
      << "the smallest cell is documented";
}

}  // namespace
}  // namespace sf
