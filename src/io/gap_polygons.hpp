// The gaps of a coverage grid as polygons (GDAL's polygoniser on an in-memory raster of gap
// labels), back in WGS84 lon/lat, each with its area on the ground.
#pragma once

#include <vector>

#include "core/coverage_grid.hpp"
#include "core/gap_components.hpp"
#include "core/region.hpp"

namespace sf::io {

struct GapPolygon {
  uint32_t gap_id = 0;      // the GapComponent it outlines
  std::vector<Ring> rings;  // outer ring first (counter-clockwise), then holes; WGS84
  double area_m2 = 0;
};

// One polygon per labelled gap, in the order of their ids.
std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid, const GapComponents& gaps);

// Labels the grid's gaps and outlines them, largest first (for callers that need only shapes).
std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid);

}  // namespace sf::io
