#include "core/gap_components.hpp"

#include <cmath>

namespace sf {

namespace {

// A horizontal run of gap cells of one zone in one row.
struct Run {
  size_t row, c0, c1;  // c1 inclusive
  uint16_t zone;
  uint32_t parent;  // union-find over runs
};

uint32_t find(std::vector<Run>& runs, uint32_t r) {
  while (runs[r].parent != r) {
    runs[r].parent = runs[runs[r].parent].parent;  // path halving
    r = runs[r].parent;
  }
  return r;
}

}  // namespace

GapComponents label_gaps(const CoverageGrid& grid, std::span<const float> distance_m) {
  // Run-based two-pass labelling: rows are scanned in memory order, runs that overlap a run of
  // the same zone in the row below are joined, then every run takes its root's id.
  GapComponents out;
  const size_t w = grid.width(), h = grid.height();
  const bool by_walk = !distance_m.empty() && distance_m.size() == w * h;
  out.labels.assign(w * h, 0);
  std::vector<Run> runs;
  size_t prev_begin = 0, prev_end = 0;  // the previous row's runs
  for (size_t row = 0; row < h; ++row) {
    const size_t begin = runs.size();
    const size_t base = row * w;
    for (size_t col = 0; col < w;) {
      const size_t i = base + col;
      if (!grid.gap(i)) {
        ++col;
        continue;
      }
      const uint16_t zone = grid.zone(i);
      size_t end = col;
      while (end + 1 < w && grid.gap(base + end + 1) && grid.zone(base + end + 1) == zone) ++end;
      const auto id = static_cast<uint32_t>(runs.size());
      runs.push_back({row, col, end, zone, id});
      // Join every run of the row below that shares a column and the zone.
      for (size_t p = prev_begin; p < prev_end; ++p) {
        if (runs[p].c1 < col) continue;
        if (runs[p].c0 > end) break;
        if (runs[p].zone != zone) continue;
        const uint32_t a = find(runs, static_cast<uint32_t>(p)), b = find(runs, id);
        if (a != b) runs[std::max(a, b)].parent = std::min(a, b);
      }
      col = end + 1;
    }
    prev_begin = begin;
    prev_end = runs.size();
  }
  // Ids in the order of each gap's first cell (row-major), as the roots are the earliest runs.
  std::vector<uint32_t> id_of(runs.size(), 0);
  const double cell_area = grid.cell_m() * grid.cell_m();
  std::vector<double> farthest2;
  for (uint32_t r = 0; r < runs.size(); ++r) {
    const uint32_t root = find(runs, r);
    if (root == r) {
      GapComponent gap;
      gap.id = static_cast<uint32_t>(out.gaps.size() + 1);
      gap.zone = runs[r].zone;
      gap.farthest_cell = runs[r].row * w + runs[r].c0;
      out.gaps.push_back(gap);
      farthest2.push_back(-1);
      id_of[r] = gap.id;
    }
    const uint32_t id = id_of[root];
    GapComponent& gap = out.gaps[id - 1];
    const Run& run = runs[r];
    const size_t base = run.row * w;
    for (size_t col = run.c0; col <= run.c1; ++col) out.labels[base + col] = id;
    gap.cells += run.c1 - run.c0 + 1;
    if (by_walk) {
      for (size_t col = run.c0; col <= run.c1; ++col) {
        const double d = distance_m[base + col];
        if (std::isfinite(d) && d * d > farthest2[id - 1]) {
          farthest2[id - 1] = d * d;
          gap.farthest_cell = base + col;
        }
      }
    } else if (grid.has_nearest()) {
      for (size_t col = run.c0; col <= run.c1; ++col) {
        const double d2 = grid.nearest_distance2(base + col);
        if (d2 > farthest2[id - 1]) {
          farthest2[id - 1] = d2;
          gap.farthest_cell = base + col;
        }
      }
    }
  }
  for (size_t g = 0; g < out.gaps.size(); ++g) {
    out.gaps[g].area_m2 = static_cast<double>(out.gaps[g].cells) * cell_area;
    if (by_walk) {
      out.gaps[g].farthest_m = farthest2[g] < 0 ? INFINITY : std::sqrt(farthest2[g]);
    } else {
      out.gaps[g].farthest_m = grid.has_nearest() ? std::sqrt(farthest2[g]) : 0;
    }
  }
  return out;
}

}  // namespace sf
