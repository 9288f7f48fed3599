// Labelled cells of a grid as polygons (GDAL's polygoniser on an in-memory raster of the
// labels, cells joined by their edges), back in WGS84 lon/lat, each with its area on the
// ground: the coverage gaps and the isochrones' contours.
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

struct LabelPolygon {
  uint32_t label = 0;
  std::vector<Ring> rings;  // outer ring first (counter-clockwise), then holes; WGS84
  double area_m2 = 0;
};

// Every polygon of the cells with a label other than 0 (one label may give several).
// `labels` has one entry per cell of the grid.
std::vector<LabelPolygon> label_polygons(const CoverageGrid& grid,
                                         const std::vector<uint32_t>& labels);

// One polygon per labelled gap, in the order of their ids.
std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid, const GapComponents& gaps);

// Labels the grid's gaps and outlines them, largest first (for callers that need only shapes).
std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid);

}  // namespace sf::io
