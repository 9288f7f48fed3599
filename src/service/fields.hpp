// Which properties a station answer holds: the `fields=` parameter.
#pragma once

#include <cstdint>
#include <string_view>

namespace sf {

// The properties a station answer can hold; `fields=` selects some (id is always there).
enum class Field : uint8_t {
  name,
  lon,
  lat,
  host_type,
  amenities,
  opening_hours,
  address,
  district,
  district_en,
  phone,
  updated_at,
  distance_m,
  bearing_deg,
  open_now,
  closes_at,
  opens_at,
  route_offset_m,
  detour_m,
};
inline constexpr int kFieldCount = 18;
using FieldSet = uint32_t;
inline constexpr FieldSet kAllFields = (1u << kFieldCount) - 1;
constexpr FieldSet field_bit(Field f) {
  return 1u << static_cast<unsigned>(f);
}

// "id,name,distance_m" → a set; throws Error(unknown_field) naming the bad one.
FieldSet parse_fields(std::string_view text);
std::string_view field_name(Field f);

}  // namespace sf
