// Any OGR polygon layer → districts (name, English name, code, polygon in WGS84).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/district.hpp"

namespace sf::io {

struct DistrictReadOptions {
  std::string layer;               // empty: "districts" if present, else the first
  std::string name_column;         // empty: detect (name, 名称, district, …)
  std::optional<std::string> crs;  // overrides the layer's CRS (gcj02, bd09, EPSG:…)
};

// Throws Error when the source cannot be read, has no name column or no polygons.
std::vector<District> read_districts(const std::string& source, const DistrictReadOptions& options);

}  // namespace sf::io
