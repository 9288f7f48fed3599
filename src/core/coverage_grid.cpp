#include "core/coverage_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

long clamp_index(double v, size_t size) {
  if (!(v >= 0)) return 0;
  const double top = static_cast<double>(size) - 1;
  return static_cast<long>(std::min(v, top));
}

}  // namespace

void CoverageSummary::add(const CoverageSummary& other) {
  region_area_m2 += other.region_area_m2;
  covered_area_m2 += other.covered_area_m2;
  uncovered_area_m2 += other.uncovered_area_m2;
  region_cells += other.region_cells;
  covered_cells += other.covered_cells;
  off_network_cells += other.off_network_cells;
  off_network_area_m2 += other.off_network_area_m2;
  covered_pct = region_area_m2 > 0 ? 100 * covered_area_m2 / region_area_m2 : 0;
}

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

XY CoverageGrid::cell_centre_xy(size_t col, size_t row) const {
  return {origin_.x + (static_cast<double>(col) + 0.5) * cell_m_,
          origin_.y + (static_cast<double>(row) + 0.5) * cell_m_};
}

LonLat CoverageGrid::cell_centre(size_t col, size_t row) const {
  return projection_.inverse(cell_centre_xy(col, row));
}

bool CoverageGrid::cell_of(XY p, size_t& col, size_t& row) const {
  const double c = std::floor((p.x - origin_.x) / cell_m_);
  const double r = std::floor((p.y - origin_.y) / cell_m_);
  if (!(c >= 0 && r >= 0 && c < static_cast<double>(width_) && r < static_cast<double>(height_)))
    return false;
  col = static_cast<size_t>(c);
  row = static_cast<size_t>(r);
  return true;
}

template <typename Set>
void CoverageGrid::fill(const Region& region, Set set) const {
  // Even-odd scanline fill at each row's centre line, in projected metres: every edge drops
  // its crossing into the rows it spans, then each row fills between pairs of crossings.
  std::vector<std::vector<double>> crossings(height_);
  std::vector<XY> ring_xy;
  for (const auto& polygon : region.polygons()) {
    for (const Ring& ring : polygon) {
      ring_xy.clear();
      for (const LonLat& p : ring) ring_xy.push_back(projection_.forward(p));
      for (size_t i = 0, j = ring_xy.size() - 1; i < ring_xy.size(); j = i++) {
        const XY a = ring_xy[i], b = ring_xy[j];
        if (a.y == b.y) continue;
        const double lo = std::min(a.y, b.y), hi = std::max(a.y, b.y);
        const long r0 = clamp_index(std::floor((lo - origin_.y) / cell_m_ - 0.5), height_);
        const long r1 = clamp_index(std::ceil((hi - origin_.y) / cell_m_ - 0.5), height_);
        for (long r = r0; r <= r1; ++r) {
          const double y = origin_.y + (static_cast<double>(r) + 0.5) * cell_m_;
          if ((a.y > y) != (b.y > y))
            crossings[static_cast<size_t>(r)].push_back(a.x +
                                                        (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
      }
    }
  }
  for (size_t row = 0; row < height_; ++row) {
    std::vector<double>& xs = crossings[row];
    std::sort(xs.begin(), xs.end());
    for (size_t k = 0; k + 1 < xs.size(); k += 2) {
      // Cells whose centre x lies in [xs[k], xs[k+1]).
      const double first = std::ceil((xs[k] - origin_.x) / cell_m_ - 0.5);
      const double last = std::ceil((xs[k + 1] - origin_.x) / cell_m_ - 0.5) - 1;
      const long c0 = std::max(0L, static_cast<long>(first));
      const long c1 = std::min(static_cast<long>(width_) - 1, static_cast<long>(last));
      for (long c = c0; c <= c1; ++c) set(row * width_ + static_cast<size_t>(c));
    }
  }
}

CoverageGrid CoverageGrid::prepare(const CoverageArea& area, double cell_m) {
  static const Region kEmpty;
  const Region& region = area.region != nullptr ? *area.region : kEmpty;
  const Frame f = frame_for(region, cell_m);
  CoverageGrid grid(f.projection, f.origin, cell_m, f.width, f.height);
  if (grid.cells_.empty()) return grid;
  grid.fill(region, [&](size_t i) { grid.cells_[i] = kInRegion; });
  if (area.exclusion != nullptr) {
    grid.fill(*area.exclusion, [&](size_t i) { grid.cells_[i] = 0; });
  }
  if (!area.zones.empty()) {
    grid.zones_.assign(grid.cells_.size(), 0);
    for (size_t z = 0; z < area.zones.size(); ++z) {
      const auto label = static_cast<uint16_t>(z + 1);
      grid.fill(*area.zones[z], [&](size_t i) { grid.zones_[i] = label; });
    }
  }
  return grid;
}

size_t CoverageGrid::cells_around(double half_m, double cell_m) {
  const auto side = static_cast<size_t>(2 * std::ceil(half_m / cell_m));
  return side * side;
}

CoverageGrid CoverageGrid::around(LonLat centre, double half_m, double cell_m) {
  const double cells_half = std::ceil(half_m / cell_m);
  const auto side = static_cast<size_t>(2 * cells_half);
  const double corner = -cells_half * cell_m;
  CoverageGrid grid(LocalProjection(centre), {corner, corner}, cell_m, side, side);
  std::fill(grid.cells_.begin(), grid.cells_.end(), kInRegion);
  return grid;
}

CoverageGrid CoverageGrid::compute(const Region& region, std::span<const LonLat> stations,
                                   const CoverageOptions& options) {
  CoverageGrid grid = prepare({&region, nullptr, {}}, options.cell_m);
  grid.mark(stations, options.radius_m, options.min_stations);
  return grid;
}

void CoverageGrid::mark(std::span<const LonLat> stations, double radius_m, int min_stations) {
  radius_m_ = radius_m;
  min_stations_ = std::clamp(min_stations, 1, 127);
  for (uint8_t& c : cells_) c &= kInRegion;
  nearest_.clear();
  station_xy_.clear();
  station_xy_.reserve(stations.size());
  for (const LonLat& s : stations) station_xy_.push_back(projection_.forward(s));
  if (cells_.empty()) return;

  const double disc_cells = kPi * (radius_m / cell_m_) * (radius_m / cell_m_);
  if (min_stations_ == 1 && static_cast<double>(stations.size()) * disc_cells >
                                8.0 * static_cast<double>(cells_.size())) {
    mark_dense(stations);
    return;
  }
  // Each station adds one to the cells whose centre is within radius_m.
  for (size_t s = 0; s < stations.size(); ++s) {
    for_each_in_reach(stations[s], station_xy_[s], [this](size_t i) {
      uint8_t& c = cells_[i];
      if ((c >> 1) < 127) c = static_cast<uint8_t>(c + 2);
    });
  }
}

void CoverageGrid::mark_reach(std::span<const uint8_t> reach, double radius_m, int min_stations) {
  radius_m_ = radius_m;
  min_stations_ = std::clamp(min_stations, 1, 127);
  nearest_.clear();
  station_xy_.clear();
  for (size_t i = 0; i < cells_.size() && i < reach.size(); ++i) {
    cells_[i] = static_cast<uint8_t>((cells_[i] & kInRegion) | std::min<int>(reach[i], 127) << 1);
  }
}

void CoverageGrid::mark_dense(std::span<const LonLat> stations) {
  compute_nearest();
  const double r = radius_m_, cell = cell_m_;
  const double band = std::max(0.001 * r, 0.01);
  const double inner2 = (r - band) * (r - band), outer2 = (r + band) * (r + band);
  // Stations bucketed by squares of side ≥ r + band, with one bucket of margin around the
  // grid: every station within reach of a cell lies in the 3 × 3 buckets around it.
  const double side = std::max(r + band, cell);
  const XY lo{origin_.x - side, origin_.y - side};
  const size_t bw = static_cast<size_t>(std::ceil(static_cast<double>(width_) * cell / side)) + 3;
  const size_t bh = static_cast<size_t>(std::ceil(static_cast<double>(height_) * cell / side)) + 3;
  auto bucket_of = [&](XY p, size_t& bx, size_t& by) {
    const double fx = std::floor((p.x - lo.x) / side), fy = std::floor((p.y - lo.y) / side);
    if (!(fx >= 0 && fy >= 0 && fx < static_cast<double>(bw) && fy < static_cast<double>(bh)))
      return false;
    bx = static_cast<size_t>(fx);
    by = static_cast<size_t>(fy);
    return true;
  };
  std::vector<uint32_t> start(bw * bh + 1, 0);
  size_t bx = 0, by = 0;
  for (const XY& p : station_xy_)
    if (bucket_of(p, bx, by)) ++start[by * bw + bx + 1];
  for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<uint32_t> members(start.back());
  std::vector<uint32_t> fill_at(start.begin(), start.end() - 1);
  for (uint32_t s = 0; s < station_xy_.size(); ++s)
    if (bucket_of(station_xy_[s], bx, by)) members[fill_at[by * bw + bx]++] = s;

  for (size_t row = 0; row < height_; ++row) {
    for (size_t col = 0; col < width_; ++col) {
      const size_t i = row * width_ + col;
      if (!in_region(i)) continue;
      bool covered = nearest_distance2(i) <= inner2;  // the propagated station is close enough
      if (!covered) {
        const XY c = cell_centre_xy(col, row);
        if (!bucket_of(c, bx, by)) continue;
        for (size_t y = by - 1; y <= by + 1 && !covered; ++y) {
          for (size_t x = bx - 1; x <= bx + 1 && !covered; ++x) {
            const size_t b = y * bw + x;
            for (uint32_t k = start[b]; k < start[b + 1]; ++k) {
              const XY p = station_xy_[members[k]];
              const double d2 = (p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y);
              if (d2 <= inner2 ||
                  (d2 <= outer2 && distance_m(stations[members[k]], cell_centre(col, row)) <= r)) {
                covered = true;
                break;
              }
            }
          }
        }
      }
      if (covered) cells_[i] |= 2;
    }
  }
}

void CoverageGrid::compute_nearest() {
  if (!nearest_.empty()) return;
  nearest_.assign(cells_.size(), kNoStation);
  if (cells_.empty() || station_xy_.empty()) return;
  const double cell = cell_m_;
  const size_t w = width_, h = height_;
  uint32_t* const nearest = nearest_.data();
  const XY* const xy = station_xy_.data();
  auto dist2 = [&](uint32_t s, double cx, double cy) {
    const double dx = xy[s].x - cx, dy = xy[s].y - cy;
    return dx * dx + dy * dy;
  };
  // Offers cell i (centre cx, cy) the station of neighbour j. Most neighbours share the cell's
  // own station, which costs one comparison; distances are computed only at Voronoi edges.
  auto offer = [&](size_t i, size_t j, double cx, double cy) {
    const uint32_t s = nearest[j], mine = nearest[i];
    if (s == mine || s == kNoStation) return;
    if (mine == kNoStation || dist2(s, cx, cy) < dist2(mine, cx, cy)) nearest[i] = s;
  };
  // Seeds: every station in its own cell, or in the nearest edge cell when it is off the grid.
  for (uint32_t s = 0; s < station_xy_.size(); ++s) {
    const XY p = xy[s];
    const size_t col = static_cast<size_t>(clamp_index(std::floor((p.x - origin_.x) / cell), w));
    const size_t row = static_cast<size_t>(clamp_index(std::floor((p.y - origin_.y) / cell), h));
    const XY c = cell_centre_xy(col, row);
    const size_t i = row * w + col;
    if (nearest[i] == kNoStation || dist2(s, c.x, c.y) < dist2(nearest[i], c.x, c.y))
      nearest[i] = s;
  }
  // Two sweeps carry each cell's station to its neighbours (Danielsson's vector propagation):
  // up the grid from the row below and the left, then down from the row above and the right.
  auto x_of = [&](size_t col) { return origin_.x + (static_cast<double>(col) + 0.5) * cell; };
  for (size_t row = 0; row < h; ++row) {
    const double cy = origin_.y + (static_cast<double>(row) + 0.5) * cell;
    const size_t base = row * w;
    for (size_t col = 0; col < w; ++col) {
      const size_t i = base + col;
      const double cx = x_of(col);
      if (col > 0) offer(i, i - 1, cx, cy);
      if (row > 0) {
        if (col > 0) offer(i, i - w - 1, cx, cy);
        offer(i, i - w, cx, cy);
        if (col + 1 < w) offer(i, i - w + 1, cx, cy);
      }
    }
    for (size_t col = w - 1; col-- > 0;) offer(base + col, base + col + 1, x_of(col), cy);
  }
  for (size_t row = h; row-- > 0;) {
    const double cy = origin_.y + (static_cast<double>(row) + 0.5) * cell;
    const size_t base = row * w;
    for (size_t col = w; col-- > 0;) {
      const size_t i = base + col;
      const double cx = x_of(col);
      if (col + 1 < w) offer(i, i + 1, cx, cy);
      if (row + 1 < h) {
        if (col + 1 < w) offer(i, i + w + 1, cx, cy);
        offer(i, i + w, cx, cy);
        if (col > 0) offer(i, i + w - 1, cx, cy);
      }
    }
    for (size_t col = 1; col < w; ++col) offer(base + col, base + col - 1, x_of(col), cy);
  }
}

double CoverageGrid::nearest_distance_m(size_t i) const {
  return std::sqrt(nearest_distance2(i));
}

CoverageSummary CoverageGrid::summary() const {
  std::vector<CoverageSummary> zones = zone_summaries(0);
  return zones.front();
}

std::vector<CoverageSummary> CoverageGrid::zone_summaries(size_t zone_count) const {
  std::vector<CoverageSummary> out(zone_count + 1);
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (!in_region(i)) continue;
    const size_t z = zone_count == 0 ? 0 : std::min<size_t>(zone(i), zone_count);
    ++out[z].region_cells;
    if (covered(i)) ++out[z].covered_cells;
  }
  const double cell_area = cell_m_ * cell_m_;
  for (CoverageSummary& s : out) {
    s.region_area_m2 = static_cast<double>(s.region_cells) * cell_area;
    s.covered_area_m2 = static_cast<double>(s.covered_cells) * cell_area;
    s.uncovered_area_m2 = s.region_area_m2 - s.covered_area_m2;
    s.covered_pct = s.region_cells == 0 ? 0
                                        : 100.0 * static_cast<double>(s.covered_cells) /
                                              static_cast<double>(s.region_cells);
  }
  return out;
}

}  // namespace sf
