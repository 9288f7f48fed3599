// A station's fields, named once: the answer fields `fields=` selects (stored and computed),
// the stored fields in the order files and the store hold them, and the text fields with
// their members. The renderer, the field selection, the readers, the writers, the store and
// the write routes all go through these tables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/station.hpp"

namespace sf {

// The properties a station answer can hold (id is always there), in answer order; the last
// nine are computed per request (walk_m and walk_minutes only with distance=walk).
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
  walk_m,
  walk_minutes,
  bearing_deg,
  open_now,
  closes_at,
  opens_at,
  route_offset_m,
  detour_m,
};
inline constexpr int kFieldCount = 20;
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "name",          "lon",        "lat",      "host_type",      "amenities",
    "opening_hours", "address",    "district", "district_en",    "phone",
    "updated_at",    "distance_m", "walk_m",   "walk_minutes",   "bearing_deg",
    "open_now",      "closes_at",  "opens_at", "route_offset_m", "detour_m"};
using FieldSet = uint32_t;
inline constexpr FieldSet kAllFields = (1u << kFieldCount) - 1;
constexpr FieldSet field_bit(Field f) {
  return 1u << static_cast<unsigned>(f);
}
constexpr std::string_view field_name(Field f) {
  return kFieldNames[static_cast<size_t>(f)];
}

// The stored fields, in the order of every file and store layer (a CSV puts lon, lat after
// name; other formats hold the position as the point geometry).
inline constexpr std::array<std::string_view, 10> kStoredFields = {
    "id",      "name",     "host_type",   "amenities", "opening_hours",
    "address", "district", "district_en", "phone",     "updated_at"};

// The stored text fields (all but host_type and amenities, which are vocabularies), in stored
// order, with their members; `field` is the answer field (none for id, always there).
struct StationText {
  std::string_view name;
  std::string Station::*owned;
  std::string_view StationView::*view;
  std::optional<Field> field;
};
inline constexpr std::array<StationText, 8> kStationTexts = {{
    {"id", &Station::id, &StationView::id, std::nullopt},
    {"name", &Station::name, &StationView::name, Field::name},
    {"opening_hours", &Station::opening_hours, &StationView::opening_hours, Field::opening_hours},
    {"address", &Station::address, &StationView::address, Field::address},
    {"district", &Station::district, &StationView::district, Field::district},
    {"district_en", &Station::district_en, &StationView::district_en, Field::district_en},
    {"phone", &Station::phone, &StationView::phone, Field::phone},
    {"updated_at", &Station::updated_at, &StationView::updated_at, Field::updated_at},
}};

}  // namespace sf
