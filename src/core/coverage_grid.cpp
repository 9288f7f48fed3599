#include "core/coverage_grid.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

namespace {

LonLat centre_of(const BBox& b) {
  return {(b.west + b.east) / 2, (b.south + b.north) / 2};
}

struct Frame {
  LocalProjection projection;
  XY origin;
  size_t width, height;
};

Frame frame_for(const Region& region, double cell_m) {
  const LocalProjection projection(centre_of(region.bbox()));
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  for (const auto& polygon : region.polygons()) {
    for (const Ring& ring : polygon) {
      for (const LonLat& p : ring) {
        const XY q = projection.forward(p);
        min_x = std::min(min_x, q.x);
        min_y = std::min(min_y, q.y);
        max_x = std::max(max_x, q.x);
        max_y = std::max(max_y, q.y);
      }
    }
  }
  if (!(max_x >= min_x)) return {projection, {0, 0}, 0, 0};
  const size_t width = static_cast<size_t>(std::ceil((max_x - min_x) / cell_m)) + 1;
  const size_t height = static_cast<size_t>(std::ceil((max_y - min_y) / cell_m)) + 1;
  return {projection, {min_x, min_y}, width, height};
}

}  // namespace

size_t CoverageGrid::cells_for(const Region& region, double cell_m) {
  const Frame f = frame_for(region, cell_m);
  return f.width * f.height;
}

CoverageGrid::CoverageGrid(LocalProjection projection, XY origin, double cell_m, size_t width,
                           size_t height)
    : projection_(projection),
      origin_(origin),
      cell_m_(cell_m),
      width_(width),
      height_(height),
      cells_(width * height, 0) {}

LonLat CoverageGrid::cell_centre(size_t col, size_t row) const {
  return projection_.inverse({origin_.x + (static_cast<double>(col) + 0.5) * cell_m_,
                              origin_.y + (static_cast<double>(row) + 0.5) * cell_m_});
}

CoverageGrid CoverageGrid::compute(const Region& region, std::span<const LonLat> stations,
                                   const CoverageOptions& options) {
  const Frame f = frame_for(region, options.cell_m);
  CoverageGrid grid(f.projection, f.origin, options.cell_m, f.width, f.height);
  if (grid.cells_.empty()) return grid;
  const double cell = options.cell_m;

  // Region: even-odd scanline fill of every ring at each row's centre line, in projected metres.
  std::vector<std::vector<XY>> rings;
  for (const auto& polygon : region.polygons()) {
    for (const Ring& ring : polygon) {
      std::vector<XY> projected;
      projected.reserve(ring.size());
      for (const LonLat& p : ring) projected.push_back(f.projection.forward(p));
      rings.push_back(std::move(projected));
    }
  }
  std::vector<double> crossings;
  for (size_t row = 0; row < grid.height_; ++row) {
    const double y = f.origin.y + (static_cast<double>(row) + 0.5) * cell;
    crossings.clear();
    for (const auto& ring : rings) {
      for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const XY a = ring[i], b = ring[j];
        if ((a.y > y) != (b.y > y))
          crossings.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
      }
    }
    std::sort(crossings.begin(), crossings.end());
    for (size_t k = 0; k + 1 < crossings.size(); k += 2) {
      // Cells whose centre x lies in [crossings[k], crossings[k+1]).
      const double first = std::ceil((crossings[k] - f.origin.x) / cell - 0.5);
      const double last = std::ceil((crossings[k + 1] - f.origin.x) / cell - 0.5) - 1;
      const long c0 = std::max(0L, static_cast<long>(first));
      const long c1 = std::min(static_cast<long>(grid.width_) - 1, static_cast<long>(last));
      for (long c = c0; c <= c1; ++c)
        grid.cells_[row * grid.width_ + static_cast<size_t>(c)] |= kInRegion;
    }
  }

  // Stations: mark the cells whose centre is within radius_m. Projected distance decides away
  // from the circle's edge; within a band of 0.1 % of the radius the great-circle distance
  // from the real position decides (the projection's local scale error is far smaller).
  const double r = options.radius_m;
  const double band = std::max(0.001 * r, 0.01);
  for (const LonLat& s : stations) {
    const XY p = f.projection.forward(s);
    const double gx = (p.x - f.origin.x) / cell - 0.5, gy = (p.y - f.origin.y) / cell - 0.5;
    const long c0 = std::max(0L, static_cast<long>(std::ceil(gx - r / cell - 1)));
    const long c1 =
        std::min(static_cast<long>(grid.width_) - 1, static_cast<long>(gx + r / cell + 1));
    const long r0 = std::max(0L, static_cast<long>(std::ceil(gy - r / cell - 1)));
    const long r1 =
        std::min(static_cast<long>(grid.height_) - 1, static_cast<long>(gy + r / cell + 1));
    for (long row = r0; row <= r1; ++row) {
      const double dy = f.origin.y + (static_cast<double>(row) + 0.5) * cell - p.y;
      for (long col = c0; col <= c1; ++col) {
        uint8_t& state =
            grid.cells_[static_cast<size_t>(row) * grid.width_ + static_cast<size_t>(col)];
        if (state & kCovered) continue;
        const double dx = f.origin.x + (static_cast<double>(col) + 0.5) * cell - p.x;
        const double d = std::hypot(dx, dy);
        if (d <= r - band) {
          state |= kCovered;
        } else if (d <= r + band &&
                   distance_m(s, grid.cell_centre(static_cast<size_t>(col),
                                                  static_cast<size_t>(row))) <= r) {
          state |= kCovered;
        }
      }
    }
  }
  return grid;
}

CoverageSummary CoverageGrid::summary() const {
  CoverageSummary s;
  for (uint8_t c : cells_) {
    if (!(c & kInRegion)) continue;
    ++s.region_cells;
    if (c & kCovered) ++s.covered_cells;
  }
  const double cell_area = cell_m_ * cell_m_;
  s.region_area_m2 = static_cast<double>(s.region_cells) * cell_area;
  s.covered_area_m2 = static_cast<double>(s.covered_cells) * cell_area;
  s.uncovered_area_m2 = s.region_area_m2 - s.covered_area_m2;
  s.covered_pct = s.region_cells == 0 ? 0
                                      : 100.0 * static_cast<double>(s.covered_cells) /
                                            static_cast<double>(s.region_cells);
  return s;
}

}  // namespace sf
