// Polygon layers as areas: any OGR polygon layer (water, parks, airports…) read whole into one
// WGS84 region, and the conversion of one OGR geometry into region polygons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/region.hpp"
#include "io/gdal_forward.hpp"

namespace sf::io {

class SourceCrs;

// Polygon and MultiPolygon geometries → polygons (outer ring then holes) in WGS84; other
// geometry types give none. Throws data_invalid for a vertex that does not convert.
std::vector<std::vector<Ring>> polygons_of(const OGRGeometry& geometry, const SourceCrs& crs,
                                           const std::string& source);

struct AreaReadOptions {
  std::string layer;               // empty: the first layer
  std::optional<std::string> crs;  // overrides the layer's CRS (gcj02, bd09, EPSG:…)
};

// Every polygon of the layer. Throws Error when the source cannot be read or has no polygons.
Region read_area(const std::string& source, const AreaReadOptions& options);

}  // namespace sf::io
