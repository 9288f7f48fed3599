// Amenity codes (a small bitset) and host types, with their names and aliases.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sf {

enum class Amenity : uint8_t {
  water,
  hot_meal,
  rest,
  toilet,
  charging,
  first_aid,
  sewing_kit,
  wifi,
  shelter,
  air_conditioning,
};
inline constexpr int kAmenityCount = 10;

// A set of amenities as bits: bit i is Amenity(i).
using AmenitySet = uint16_t;

constexpr AmenitySet amenity_bit(Amenity a) {
  return AmenitySet(1u << static_cast<unsigned>(a));
}

// The canonical name ("hot_meal"); parse accepts aliases ("microwave") and is case-insensitive.
std::string_view amenity_name(Amenity a);
std::optional<Amenity> parse_amenity(std::string_view text);
std::vector<std::string_view> amenity_names(AmenitySet set);
std::span<const std::string_view> all_amenity_names();

// Splits a list such as "water,toilet", "water; toilet", "water|toilet" or a JSON-ish
// ["water","toilet"] into trimmed tokens. Empty tokens are dropped.
std::vector<std::string> split_list(std::string_view text);

enum class HostType : uint8_t {
  bank,
  supermarket,
  convenience_store,
  real_estate_agency,
  gas_station,
  union_office,
  other,
};
inline constexpr int kHostTypeCount = 7;

// A set of host types as bits.
using HostTypeSet = uint8_t;
constexpr HostTypeSet host_type_bit(HostType h) {
  return HostTypeSet(1u << static_cast<unsigned>(h));
}

std::string_view host_type_name(HostType h);
std::optional<HostType> parse_host_type(std::string_view text);
std::span<const std::string_view> all_host_type_names();

}  // namespace sf
