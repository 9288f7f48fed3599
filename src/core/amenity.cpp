#include "core/amenity.hpp"

#include <algorithm>
#include <array>
#include "core/text.hpp"

namespace sf {

namespace {

constexpr std::array<std::string_view, kAmenityCount> kAmenityNames = {
    "water",     "hot_meal",   "rest", "toilet",  "charging",
    "first_aid", "sewing_kit", "wifi", "shelter", "air_conditioning"};

constexpr std::array<std::string_view, kHostTypeCount> kHostTypeNames = {
    "bank",         "supermarket", "convenience_store", "real_estate_agency", "gas_station",
    "union_office", "other"};

struct Alias {
  std::string_view alias;
  std::string_view canonical;
};

constexpr std::array kAmenityAliases = {
    Alias{"microwave", "hot_meal"},
    Alias{"drinking_water", "water"},
    Alias{"toilets", "toilet"},
    Alias{"first-aid", "first_aid"},
    Alias{"sewing", "sewing_kit"},
    Alias{"ac", "air_conditioning"},
    Alias{"air-conditioning", "air_conditioning"},
    Alias{"seat", "rest"},
};

constexpr std::array kHostTypeAliases = {
    Alias{"convenience", "convenience_store"},
    Alias{"real_estate", "real_estate_agency"},
    Alias{"fuel", "gas_station"},
    Alias{"union", "union_office"},
};

template <size_t N, size_t M>
std::optional<size_t> lookup(std::string_view text, const std::array<std::string_view, N>& names,
                             const std::array<Alias, M>& aliases) {
  const std::string key = to_lower_ascii(text);
  std::string_view wanted = key;
  for (const Alias& a : aliases) {
    if (a.alias == wanted) wanted = a.canonical;
  }
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == wanted) return i;
  }
  return std::nullopt;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

std::string_view amenity_name(Amenity a) {
  return kAmenityNames.at(static_cast<size_t>(a));
}

std::optional<Amenity> parse_amenity(std::string_view text) {
  if (auto i = lookup(text, kAmenityNames, kAmenityAliases)) return static_cast<Amenity>(*i);
  return std::nullopt;
}

std::vector<std::string_view> amenity_names(AmenitySet set) {
  std::vector<std::string_view> out;
  for (int i = 0; i < kAmenityCount; ++i) {
    if (set & (1u << i)) out.push_back(kAmenityNames[static_cast<size_t>(i)]);
  }
  return out;
}

std::span<const std::string_view> all_amenity_names() {
  return kAmenityNames;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string token;
  auto flush = [&] {
    size_t b = 0, e = token.size();
    while (b < e && (is_space(token[b]) || token[b] == '"' || token[b] == '\'')) ++b;
    while (e > b && (is_space(token[e - 1]) || token[e - 1] == '"' || token[e - 1] == '\'')) --e;
    if (e > b) out.emplace_back(token.substr(b, e - b));
    token.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == '|') {
      flush();
    } else if (c != '[' && c != ']') {
      token.push_back(c);
    }
  }
  flush();
  return out;
}

std::string_view host_type_name(HostType h) {
  return kHostTypeNames.at(static_cast<size_t>(h));
}

std::optional<HostType> parse_host_type(std::string_view text) {
  if (auto i = lookup(text, kHostTypeNames, kHostTypeAliases)) return static_cast<HostType>(*i);
  return std::nullopt;
}

std::span<const std::string_view> all_host_type_names() {
  return kHostTypeNames;
}

}  // namespace sf
