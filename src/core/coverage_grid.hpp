// Coverage on a metre grid: which cells of a region lie within radius_m of a station.
// The grid lives in a Lambert azimuthal equal-area projection centred on the region, so a
// cell's area is cell_m² on the ground; a cell counts as covered when its centre is within
// radius_m (great-circle, exact near the boundary) of at least min_stations real stations.
//
// Per cell the grid keeps one byte (in region, stations in reach up to 127), two bytes of
// zone (district) label when zones are given, and four bytes of nearest station when the
// nearest-station field is asked for.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/geodesy.hpp"
#include "core/limits.hpp"
#include "core/local_projection.hpp"
#include "core/region.hpp"

namespace sf {

struct CoverageOptions {
  double radius_m = kDefaultLimits.coverage_radius_default_m;
  double cell_m = kDefaultLimits.cell_default_m;
  int min_stations = 1;  // covered: within radius_m of at least this many stations
  Distance distance = Distance::straight;  // by walk: radius_m of walking (1 or 2 stations)
};

struct CoverageSummary {
  double region_area_m2 = 0;
  double covered_area_m2 = 0;
  double uncovered_area_m2 = 0;
  double covered_pct = 0;  // 0 when the region is empty
  size_t region_cells = 0;
  size_t covered_cells = 0;
  // By walk: the cells whose centre is farther than max_snap_m from every street (counted as
  // uncovered).
  size_t off_network_cells = 0;
  double off_network_area_m2 = 0;
  void add(const CoverageSummary& other);  // sums areas and cells, recomputes covered_pct
};

// What the grid is laid over.
struct CoverageArea {
  const Region* region = nullptr;     // the cells counted
  const Region* exclusion = nullptr;  // removed from the region (water, parks, airports…)
  // Optional labels: a cell whose centre is in zones[i] has zone i + 1 (0: in none).
  std::span<const Region* const> zones;
};

class CoverageGrid {
 public:
  static constexpr uint32_t kNoStation = UINT32_MAX;

  // Lays the grid and fills region, exclusion and zones; no station is marked yet. The caller
  // checks the grid size first (cells_for) against its limits.
  static CoverageGrid prepare(const CoverageArea& area, double cell_m);
  // How many cells a region's grid would have.
  static size_t cells_for(const Region& region, double cell_m);
  // A square grid centred on `centre` (the projection's centre too), reaching at least
  // half_m metres from it on every side; every cell is in the region. For isochrones.
  static CoverageGrid around(LonLat centre, double half_m, double cell_m);
  static size_t cells_around(double half_m, double cell_m);
  // prepare + mark, for a plain region.
  static CoverageGrid compute(const Region& region, std::span<const LonLat> stations,
                              const CoverageOptions& options);

  // Counts, for every cell, the stations within radius_m (replacing any earlier marking).
  void mark(std::span<const LonLat> stations, double radius_m, int min_stations);
  // The same with counts computed elsewhere (by walk): reach[i] stations cover cell i.
  void mark_reach(std::span<const uint8_t> reach, double radius_m, int min_stations);
  // Calls visit(index) for every cell whose centre is within radius_m() of p (great-circle).
  template <typename Visit>
  void for_each_in_reach(LonLat p, Visit visit) const;
  template <typename Visit>
  void for_each_in_reach(LonLat p, XY projected, Visit visit) const;  // p already projected

  // The nearest marked station of every cell (a two-pass vector propagation over the grid;
  // exact for nearly every cell, otherwise a station a fraction of a cell farther). Computed
  // once per marking.
  void compute_nearest();

  CoverageSummary summary() const;
  // Index z: the cells of zone z (0: in the region but in no zone).
  std::vector<CoverageSummary> zone_summaries(size_t zone_count) const;

  size_t width() const { return width_; }
  size_t height() const { return height_; }
  size_t cell_index(size_t col, size_t row) const { return row * width_ + col; }
  bool in_region(size_t i) const { return cells_[i] & kInRegion; }
  int reach(size_t i) const { return cells_[i] >> 1; }  // stations within radius, up to 127
  bool covered(size_t i) const { return reach(i) >= min_stations_; }
  bool gap(size_t i) const { return in_region(i) && !covered(i); }
  uint16_t zone(size_t i) const { return zones_.empty() ? 0 : zones_[i]; }
  bool has_nearest() const { return !nearest_.empty(); }
  uint32_t nearest(size_t i) const { return nearest_[i]; }  // index into the marked stations
  // Projected distance from a cell's centre to its nearest station; infinity without one.
  double nearest_distance_m(size_t i) const;
  double nearest_distance2(size_t i) const;  // its square, cheaper for comparisons

  // The centre of a cell (row 0 is the southernmost).
  XY cell_centre_xy(size_t col, size_t row) const;
  LonLat cell_centre(size_t col, size_t row) const;
  // The cell holding a projected point, false when it is off the grid.
  bool cell_of(XY p, size_t& col, size_t& row) const;
  // The grid's frame: projection, south-west corner (projected metres) and cell size.
  const LocalProjection& projection() const { return projection_; }
  XY origin() const { return origin_; }
  double cell_m() const { return cell_m_; }
  double radius_m() const { return radius_m_; }
  int min_stations() const { return min_stations_; }
  std::span<const XY> station_xy() const { return station_xy_; }

 private:
  static constexpr uint8_t kInRegion = 1;
  CoverageGrid(LocalProjection projection, XY origin, double cell_m, size_t width, size_t height);
  // Calls set(index) for every cell whose centre is inside the region (even-odd rule).
  template <typename Set>
  void fill(const Region& region, Set set) const;
  // Single coverage when discs would touch many times more cells than the grid has: the
  // nearest field decides most cells, stations in the surrounding buckets the rest.
  void mark_dense(std::span<const LonLat> stations);

  LocalProjection projection_;
  XY origin_;  // south-west corner of the grid, projected
  double cell_m_;
  size_t width_, height_;
  std::vector<uint8_t> cells_;
  std::vector<uint16_t> zones_;
  std::vector<uint32_t> nearest_;
  std::vector<XY> station_xy_;
  double radius_m_ = 0;
  int min_stations_ = 1;
};

inline double CoverageGrid::nearest_distance2(size_t i) const {
  const uint32_t s = nearest_.empty() ? kNoStation : nearest_[i];
  if (s == kNoStation) return INFINITY;
  const size_t row = i / width_, col = i - row * width_;
  const double dx = station_xy_[s].x - (origin_.x + (static_cast<double>(col) + 0.5) * cell_m_);
  const double dy = station_xy_[s].y - (origin_.y + (static_cast<double>(row) + 0.5) * cell_m_);
  return dx * dx + dy * dy;
}

template <typename Visit>
void CoverageGrid::for_each_in_reach(LonLat p_lonlat, Visit visit) const {
  if (!cells_.empty()) for_each_in_reach(p_lonlat, projection_.forward(p_lonlat), visit);
}

template <typename Visit>
void CoverageGrid::for_each_in_reach(LonLat p_lonlat, XY p, Visit visit) const {
  // Away from the circle's edge the projected distance decides; within a band of 0.1 % of the
  // radius the great-circle distance from the real position does (the projection's local
  // scale error is far smaller).
  const double r = radius_m_, cell = cell_m_;
  const double band = r * 0.001 > 0.01 ? r * 0.001 : 0.01;
  const double inner2 = (r - band) * (r - band), outer2 = (r + band) * (r + band);
  const double gy = (p.y - origin_.y) / cell - 0.5, gx = (p.x - origin_.x) / cell - 0.5;
  const long last_col = static_cast<long>(width_) - 1, last_row = static_cast<long>(height_) - 1;
  const long r0 = std::max(0L, static_cast<long>(std::ceil(gy - (r + band) / cell)));
  const long r1 = std::min(last_row, static_cast<long>(std::floor(gy + (r + band) / cell)));
  for (long row = r0; row <= r1; ++row) {
    const double dy = origin_.y + (static_cast<double>(row) + 0.5) * cell - p.y;
    const double dy2 = dy * dy;
    if (dy2 > outer2) continue;
    const double outer_w = std::sqrt(outer2 - dy2) / cell;
    const long o0 = std::max(0L, static_cast<long>(std::ceil(gx - outer_w)));
    const long o1 = std::min(last_col, static_cast<long>(std::floor(gx + outer_w)));
    long i0 = o1 + 1, i1 = o1;  // the cells surely inside: none unless the row meets the inner disc
    if (dy2 < inner2) {
      const double inner_w = std::sqrt(inner2 - dy2) / cell;
      i0 = std::max(o0, static_cast<long>(std::ceil(gx - inner_w)));
      i1 = std::min(o1, static_cast<long>(std::floor(gx + inner_w)));
    }
    const size_t base = static_cast<size_t>(row) * width_;
    auto edge = [&](long col) {
      if (distance_m(p_lonlat, cell_centre(static_cast<size_t>(col), static_cast<size_t>(row))) <=
          r)
        visit(base + static_cast<size_t>(col));
    };
    for (long col = o0; col < std::min(i0, o1 + 1); ++col) edge(col);
    for (long col = i0; col <= i1; ++col) visit(base + static_cast<size_t>(col));
    for (long col = std::max(i1 + 1, o0); col <= o1; ++col) edge(col);
  }
}

}  // namespace sf
