// api/openapi.yaml names every error code a request can produce and every route the HTTP
// tests exercise. (A full schema validation of live answers belongs with the web tests.)
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/errors.hpp"
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
        "/v1/coverage/suggest:", "/v1/demand:"}) {
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

}  // namespace
}  // namespace sf
