// The one gate every JSON request body passes before any parser walks it: well-formed UTF-8,
// no NUL (not even as \u0000), and at most kMaxJsonDepth levels of arrays and objects. The
// check is one linear scan with no recursion, so a body nested 500,000 levels deep costs what
// its length costs and is refused before nlohmann (or GDAL) builds or compares a tree of it.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/limits.hpp"

namespace sf {

// Far above any GeoJSON (a MultiPolygon's positions sit 4 levels down inside a Feature inside
// a FeatureCollection: 7), far below what recursion over the tree can survive.
inline constexpr size_t kMaxJsonDepth = kDefaultLimits.json_depth;

// Throws Error invalid_utf8 or json_too_deep naming `parameter`; leaves syntax to the parser.
void check_json_text(std::string_view body, std::string_view parameter = "body");

// check_json_text, then parses; throws body_not_json for anything that is not JSON.
nlohmann::json parse_json_body(std::string_view body, std::string_view parameter = "body");

// A member that should be a string ("type": "Feature"), or "" when `j` is not an object or the
// member is missing or not a string. nlohmann's value("type", "") throws on {"type": 5}, which
// escaped as a 500 (found by fuzz_json_body).
std::string string_member(const nlohmann::json& j, const char* key);

}  // namespace sf
