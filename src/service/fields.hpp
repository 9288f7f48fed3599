// Which properties a station answer holds: the `fields=` parameter.
#pragma once

#include <string_view>

#include "core/station_fields.hpp"

namespace sf {

// "id,name,distance_m" → a set; throws Error(unknown_field) naming the bad one.
FieldSet parse_fields(std::string_view text);

}  // namespace sf
