#include "core/gap_components.hpp"

namespace sf {

GapComponents label_gaps(const CoverageGrid& grid) {
  GapComponents out;
  const size_t w = grid.width(), h = grid.height();
  out.labels.assign(w * h, 0);
  const double cell_area = grid.cell_m() * grid.cell_m();
  std::vector<size_t> stack;
  for (size_t start = 0; start < w * h; ++start) {
    if (out.labels[start] != 0 || !grid.gap(start)) continue;
    GapComponent gap;
    gap.id = static_cast<uint32_t>(out.gaps.size() + 1);
    gap.zone = grid.zone(start);
    gap.farthest_cell = start;
    gap.farthest_m = grid.has_nearest() ? grid.nearest_distance_m(start) : 0;
    out.labels[start] = gap.id;
    stack.push_back(start);
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      ++gap.cells;
      if (grid.has_nearest()) {
        const double d = grid.nearest_distance_m(i);
        if (d > gap.farthest_m) {
          gap.farthest_m = d;
          gap.farthest_cell = i;
        }
      }
      const size_t col = i % w, row = i / w;
      auto visit = [&](size_t j) {
        if (out.labels[j] == 0 && grid.gap(j) && grid.zone(j) == gap.zone) {
          out.labels[j] = gap.id;
          stack.push_back(j);
        }
      };
      if (col > 0) visit(i - 1);
      if (col + 1 < w) visit(i + 1);
      if (row > 0) visit(i - w);
      if (row + 1 < h) visit(i + w);
    }
    gap.area_m2 = static_cast<double>(gap.cells) * cell_area;
    out.gaps.push_back(gap);
  }
  return out;
}

}  // namespace sf
