// Isochrones: the area reachable on foot from one snapped point within each of a few walking
// limits. A grid of cell_m cells is laid around the point (a square reaching the largest limit
// on every side, in the equal-area projection centred on it, so each cell is cell_m² on the
// ground); a cell is reached within L when the walk to its centre is at most L: the point's
// snap leg + along the streets + the centre's own snap leg, by the snapping rule of every walk
// (a centre farther than max_snap_m from a street is never reached). Contours are the cells
// within each limit; the polygons come from the same polygoniser as the coverage gaps.
#pragma once

#include <cstdint>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/walk_graph.hpp"
#include "core/walk_search.hpp"

namespace sf {

struct WalkField {
  CoverageGrid grid;
  std::vector<double> walk_m;  // per cell: metres of walk to its centre; infinity: not reached
  size_t nodes_settled = 0;    // junctions the search settled within max_m
};

// The walk to every cell centre within max_m of walk from `from` (the snap of `origin`).
WalkField walk_field(WalkSearch& search, const WalkGraph& graph, LonLat origin,
                     const WalkGraph::Snap& from, double max_m, double cell_m, double max_snap_m);

// How many cells walk_field lays for a walk of max_m at cell_m (check it against the limits
// first).
size_t walk_field_cells(double max_m, double cell_m);

// The cells reached within limit_m: label 1, others 0 (the polygoniser's input), and their
// count.
struct Contour {
  std::vector<uint32_t> labels;
  size_t cells = 0;
  double area_m2 = 0;
};
Contour contour_within(const WalkField& field, double limit_m);

}  // namespace sf
