// The uncovered cells of a coverage grid as polygons (GDAL's polygoniser on an in-memory
// raster), back in WGS84 lon/lat, each with its area on the ground.
#pragma once

#include <string>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/region.hpp"

namespace sf::io {

struct GapPolygon {
  std::vector<Ring> rings;  // outer ring first, then holes; WGS84
  double area_m2 = 0;
};

// Largest first. Cells that touch by an edge form one polygon.
std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid);

// Writes the polygons (with area_m2) as GeoJSON (.geojson/.json) or GeoPackage (.gpkg).
void write_gap_polygons(const std::string& path, const std::vector<GapPolygon>& gaps);

}  // namespace sf::io
