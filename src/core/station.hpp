// The station record as imported and served.
#pragma once

#include <string>

#include "core/amenity.hpp"
#include "core/geodesy.hpp"

namespace sf {

struct Station {
  std::string id;  // stable, unique within a catalog
  std::string name;
  LonLat position;  // WGS84
  HostType host_type = HostType::other;
  AmenitySet amenities = 0;
  std::string opening_hours;  // OSM-style text as given; parsed by the catalog
  std::string address;
  std::string district;     // as the city writes it, e.g. 朝阳区
  std::string district_en;  // e.g. Chaoyang
  std::string phone;
  std::string updated_at;  // ISO 8601 as given
};

}  // namespace sf
