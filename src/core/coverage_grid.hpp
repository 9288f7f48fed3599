// Coverage on a metre grid: which cells of a region lie within radius_m of a station.
// The grid lives in a Lambert azimuthal equal-area projection centred on the region, so a
// cell's area is cell_m² on the ground; a cell counts as covered when its centre is within
// radius_m (great-circle, exact near the boundary) of a real station position.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/local_projection.hpp"
#include "core/region.hpp"

namespace sf {

struct CoverageOptions {
  double radius_m = 500;
  double cell_m = 100;
};

struct CoverageSummary {
  double region_area_m2 = 0;
  double covered_area_m2 = 0;
  double uncovered_area_m2 = 0;
  double covered_pct = 0;  // 0 when the region is empty
  size_t region_cells = 0;
  size_t covered_cells = 0;
};

class CoverageGrid {
 public:
  // The caller checks the grid size first (cells_for) against its limits.
  static CoverageGrid compute(const Region& region, std::span<const LonLat> stations,
                              const CoverageOptions& options);
  // How many cells a region's grid would have.
  static size_t cells_for(const Region& region, double cell_m);

  CoverageSummary summary() const;
  size_t width() const { return width_; }
  size_t height() const { return height_; }
  bool in_region(size_t col, size_t row) const { return cells_[row * width_ + col] & kInRegion; }
  bool covered(size_t col, size_t row) const { return cells_[row * width_ + col] & kCovered; }
  // The centre of a cell (row 0 is the southernmost).
  LonLat cell_centre(size_t col, size_t row) const;
  // The grid's frame: projection, south-west corner (projected metres) and cell size.
  const LocalProjection& projection() const { return projection_; }
  XY origin() const { return origin_; }
  double cell_m() const { return cell_m_; }

 private:
  static constexpr uint8_t kInRegion = 1, kCovered = 2;
  CoverageGrid(LocalProjection projection, XY origin, double cell_m, size_t width, size_t height);

  LocalProjection projection_;
  XY origin_;  // south-west corner of the grid, projected
  double cell_m_;
  size_t width_, height_;
  std::vector<uint8_t> cells_;
};

}  // namespace sf
