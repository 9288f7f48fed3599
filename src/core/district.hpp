// An administrative district: names and the polygon it covers.
#pragma once

#include <optional>
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

// Fills `district` by point-in-polygon for stations that have none; a station's own district
// name that matches a district (exactly, by English name, or as a short form such as 朝阳 for
// 朝阳区) takes the layer's spelling and English name. Returns how many stations were placed
// by point-in-polygon.
size_t assign_districts(std::vector<Station>& stations, const std::vector<District>& districts);
// The same for one station; true when its district came from the polygons.
bool assign_district(Station& station, const std::vector<District>& districts);
// The box around every district's outline; none without one.
std::optional<BBox> districts_extent(const std::vector<District>& districts);

}  // namespace sf
