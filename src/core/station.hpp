// The station record as imported and served.
#pragma once

#include <string>
#include <string_view>

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

// A station as a catalog holds it: views into the catalog's own storage, valid while the
// catalog lives.
struct StationView {
  std::string_view id;
  std::string_view name;
  LonLat position;
  HostType host_type = HostType::other;
  AmenitySet amenities = 0;
  std::string_view opening_hours;
  std::string_view address;
  std::string_view district;
  std::string_view district_en;
  std::string_view phone;
  std::string_view updated_at;

  // An owning copy, e.g. to write the served data back out.
  Station to_station() const {
    return {std::string(id),
            std::string(name),
            position,
            host_type,
            amenities,
            std::string(opening_hours),
            std::string(address),
            std::string(district),
            std::string(district_en),
            std::string(phone),
            std::string(updated_at)};
  }
  // A view of an owned station (valid while it lives).
  static StationView of(const Station& s) {
    return {s.id,      s.name,     s.position,    s.host_type, s.amenities, s.opening_hours,
            s.address, s.district, s.district_en, s.phone,     s.updated_at};
  }
};

}  // namespace sf
