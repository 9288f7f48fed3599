// The gaps of a coverage grid as connected pieces: uncovered cells of the region that touch by
// an edge and lie in the same zone (district) form one gap, so a gap that crosses a district
// line becomes one piece per district. Each piece knows its area and its farthest cell from
// any station.
#pragma once

#include <cstdint>
#include <vector>

#include "core/coverage_grid.hpp"

namespace sf {

struct GapComponent {
  uint32_t id = 0;    // 1-based, as in GapComponents::labels
  uint16_t zone = 0;  // the grid's zone label (0: in no zone)
  size_t cells = 0;
  double area_m2 = 0;
  size_t farthest_cell = 0;  // cell index; the first cell when the grid has no nearest field
  double farthest_m = 0;     // projected distance from that cell to its nearest station
};

struct GapComponents {
  std::vector<uint32_t> labels;    // per cell: the gap's id, 0 for no gap
  std::vector<GapComponent> gaps;  // gaps[id - 1]
};

// 4-connected labelling; uses the grid's nearest field for the farthest cells when present.
GapComponents label_gaps(const CoverageGrid& grid);

}  // namespace sf
