// cql2-json (OGC 21-065's JSON encoding) into the tree core/cql2 evaluates: the same operators,
// literals and type checks as the text encoding, errors naming the JSON path of the part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/cql2.hpp"

namespace sf {

// Throws Error(parameter_invalid, `parameter`) for text that is not JSON, is nested too deeply
// (service/json_body's limit), or is not a filter over `queryables`.
cql2::Filter parse_cql2_json(std::string_view text, const std::vector<cql2::Queryable>& queryables,
                             const std::string& parameter = "filter");

}  // namespace sf
