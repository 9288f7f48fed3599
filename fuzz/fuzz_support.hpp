// What the fuzz targets share: a small catalog to serve and query (a grid of stations in two
// districts around central Beijing), and a guard that turns the project's Error into a
// normal return (a refusal is the expected answer to most inputs; anything else escaping is
// a finding).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/errors.hpp"

namespace sf::fuzz {

inline std::vector<Station> grid_stations() {
  std::vector<Station> v;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) {
      Station s;
      s.id = "g" + std::to_string(i) + "_" + std::to_string(j);
      s.name = "站 " + s.id;
      s.position = {116.35 + i * 0.01, 39.87 + j * 0.0075};
      s.host_type = (i + j) % 2 ? HostType::bank : HostType::supermarket;
      s.amenities =
          amenity_bit(Amenity::water) | ((i + j) % 3 == 0 ? amenity_bit(Amenity::toilet) : 0);
      s.opening_hours = (i % 2) ? "Mo-Fr 09:00-17:00" : "24/7";
      s.district = i < 4 ? "西区" : "东区";
      s.district_en = i < 4 ? "West" : "East";
      s.address = "路 " + std::to_string(i * 10 + j);
      v.push_back(s);
    }
  }
  return v;
}

inline std::vector<District> two_districts() {
  auto square = [](const char* name, const char* en, double w, double e) {
    District d;
    d.name = name;
    d.name_en = en;
    d.region = Region({{{{w, 39.8}, {e, 39.8}, {e, 40.0}, {w, 40.0}, {w, 39.8}}}});
    return d;
  };
  return {square("西区", "West", 116.3, 116.39), square("东区", "East", 116.39, 116.5)};
}

template <typename F>
void refusals_are_fine(F&& f) {
  try {
    f();
  } catch (const Error&) {
  }
}

}  // namespace sf::fuzz
