#include "core/isochrone.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

size_t walk_field_cells(double max_m, double cell_m) {
  return CoverageGrid::cells_around(max_m, cell_m);
}

WalkField walk_field(WalkSearch& search, const WalkGraph& graph, LonLat origin,
                     const WalkGraph::Snap& from, double max_m, double cell_m, double max_snap_m) {
  WalkField field{CoverageGrid::around(origin, max_m, cell_m), {}, 0};
  CoverageGrid& grid = field.grid;
  field.walk_m.assign(grid.width() * grid.height(), INFINITY);
  const double streets_m = max_m - from.snap_m;  // what is left for the streets and a snap leg
  if (!(streets_m >= 0)) return field;
  search.run(from, streets_m);
  field.nodes_settled = search.settled().size();
  // A walk is never shorter than the straight line: cells whose centre lies beyond max_m (with
  // a cell of margin for the projection's scale) are never reached and are not snapped.
  const double reach = max_m + cell_m;
  for (size_t row = 0; row < grid.height(); ++row) {
    for (size_t col = 0; col < grid.width(); ++col) {
      const XY c = grid.cell_centre_xy(col, row);
      if (c.x * c.x + c.y * c.y > reach * reach) continue;
      const LonLat centre = grid.projection().inverse(c);
      const auto snap = graph.snap(centre, std::min(max_snap_m, streets_m));
      if (!snap) continue;
      const double along = search.to_snap(*snap);
      if (along == WalkSearch::kUnreached) continue;
      const double walk = from.snap_m + along + snap->snap_m;
      if (walk <= max_m) field.walk_m[grid.cell_index(col, row)] = walk;
    }
  }
  return field;
}

Contour contour_within(const WalkField& field, double limit_m) {
  Contour c;
  c.labels.assign(field.walk_m.size(), 0);
  for (size_t i = 0; i < field.walk_m.size(); ++i) {
    if (field.walk_m[i] <= limit_m) {
      c.labels[i] = 1;
      ++c.cells;
    }
  }
  const double cell = field.grid.cell_m();
  c.area_m2 = static_cast<double>(c.cells) * cell * cell;
  return c;
}

}  // namespace sf
