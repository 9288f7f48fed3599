#include "service/fields.hpp"

#include <string>

#include "core/amenity.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"

namespace sf {

FieldSet parse_fields(std::string_view text) {
  FieldSet set = 0;
  for (const std::string& token : split_list(text)) {
    if (token == "id") continue;  // always there
    bool known = false;
    for (int i = 0; i < kFieldCount; ++i) {
      if (kFieldNames[i] == token) {
        set |= 1u << i;
        known = true;
      }
    }
    if (!known) {
      throw Error(ErrorCode::unknown_field, "fields",
                  "'" + token + "' is not a field; fields are id, " + join(kFieldNames));
    }
  }
  return set;
}

}  // namespace sf
