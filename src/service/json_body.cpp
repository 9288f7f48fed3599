#include "service/json_body.hpp"

#include <string>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace sf {

void check_json_text(std::string_view body, std::string_view parameter) {
  const std::string name(parameter);
  if (const std::string why = unclean_text_reason(body); !why.empty()) {
    throw Error(ErrorCode::invalid_utf8, name, "the body " + why);
  }
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\' && i + 1 < body.size()) {
        ++i;  // the escaped character
        if (body[i] == 'u' && body.substr(i + 1, 4) == "0000") {
          throw Error(ErrorCode::invalid_utf8, name,
                      "the body holds a NUL character (\\u0000) at byte " + std::to_string(i));
        }
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
#ifndef SF_JSON_WITHOUT_DEPTH_LIMIT  // the fuzzing demonstration only (fuzz/README.md)
        if (++depth > kMaxJsonDepth) {
          throw Error(ErrorCode::json_too_deep, name,
                      "arrays and objects nest at most " + std::to_string(kMaxJsonDepth) +
                          " levels deep (byte " + std::to_string(i + 1) + " opens level " +
                          std::to_string(depth) + ")");
        }
#endif
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
}

nlohmann::json parse_json_body(std::string_view body, std::string_view parameter) {
  check_json_text(body, parameter);
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    throw Error(ErrorCode::body_not_json, std::string(parameter),
                "the request body is not valid JSON");
  }
  return doc;
}

std::string string_member(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace sf
