// The gaps of a coverage grid as connected pieces: uncovered cells of the region that touch by
// an edge and lie in the same zone (district) form one gap, so a gap that crosses a district
// line becomes one piece per district. Each piece knows its area and its farthest cell from
// any station.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/coverage_grid.hpp"

namespace sf {

struct GapComponent {
  uint32_t id = 0;    // 1-based, as in GapComponents::labels
  uint16_t zone = 0;  // the grid's zone label (0: in no zone)
  size_t cells = 0;
  double area_m2 = 0;
  size_t farthest_cell = 0;  // cell index; the first cell when the grid has no nearest field
  double farthest_m = 0;     // from that cell to its nearest station (projected, or by walk)
};

struct GapComponents {
  std::vector<uint32_t> labels;    // per cell: the gap's id, 0 for no gap
  std::vector<GapComponent> gaps;  // gaps[id - 1]
};

// 4-connected labelling; the farthest cells by `distance_m` when given (one entry per cell, the
// walk to the nearest station; infinite entries are never the farthest, and a gap with only
// those has farthest_m infinity), else by the grid's nearest field when present.
GapComponents label_gaps(const CoverageGrid& grid, std::span<const float> distance_m = {});

}  // namespace sf
