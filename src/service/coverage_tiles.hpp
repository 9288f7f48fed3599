// The coverage collection's tiles: the areas a coverage question leaves uncovered (farther
// than radius_m, or walk_minutes of walking, from min_stations stations, those open at `at`),
// as polygons computed for one tile alone. The grid has 256 cells across the tile (128 by
// walk) and covers the tile with its buffer, cut to the city's extent; the stations that count are
// those within the radius of that box: a station farther cannot cover a cell of it, on foot neither
// (a walk is never shorter than the straight line).
#pragma once

#include <optional>

#include "core/tile_grid.hpp"
#include "core/vector_tile.hpp"
#include "service/coverage_requests.hpp"
#include "service/snapshot.hpp"

namespace sf {

// Cells across a tile: a pixel of 256-pixel tiles (two of MapLibre's 512) for straight lines;
// by walk half as many, each cell being snapped to the streets.
inline constexpr int kCoverageCellsAcross = 256;
inline constexpr int kWalkCoverageCellsAcross = 128;

// Where coverage tiles have gaps: the districts' box, else the stations' (none: no station and
// no district).
std::optional<BBox> coverage_extent(const Catalog& catalog);

// The uncovered areas of the tile, each a polygon with its holes. By walk the snapshot has a
// network (parse_tile_query checks).
MvtLayer coverage_layer(const Snapshot& snap, const Region* exclusion, const CoverageQuery& q,
                        const TileFrame& frame, double buffer_fraction);

}  // namespace sf
