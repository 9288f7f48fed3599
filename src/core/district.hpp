// An administrative district: names and the polygon it covers.
#pragma once

#include <string>
#include <vector>

#include "core/region.hpp"
#include "core/station.hpp"

namespace sf {

struct District {
  std::string name;     // as the city writes it, e.g. 朝阳区
  std::string name_en;  // e.g. Chaoyang; may be empty
  std::string code;     // e.g. the adcode 110105; may be empty
  Region region;
};

// Fills `district` by point-in-polygon for stations that have none, and `district_en` from the
// matching district wherever the name is known. Returns how many stations got a district.
size_t assign_districts(std::vector<Station>& stations, const std::vector<District>& districts);

}  // namespace sf
