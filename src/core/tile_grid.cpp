#include "core/tile_grid.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

namespace {
constexpr double kMaxLat = 85.05112877980659;

// Web Mercator as a fraction of the world: x east from -180°, y south from the top.
std::pair<double, double> world_fraction(LonLat p) {
  const double lat = std::clamp(p.lat, -kMaxLat, kMaxLat) * M_PI / 180;
  return {(p.lon + 180) / 360, (1 - std::log(std::tan(lat) + 1 / std::cos(lat)) / M_PI) / 2};
}

double lat_of(double y_fraction) {
  return std::atan(std::sinh(M_PI * (1 - 2 * y_fraction))) * 180 / M_PI;
}
}  // namespace

BBox tile_bounds(TileId t) {
  const double n = std::ldexp(1.0, t.z);
  return BBox{t.x / n * 360 - 180, lat_of((t.y + 1) / n), (t.x + 1) / n * 360 - 180,
              lat_of(t.y / n)};
}

std::pair<int32_t, int32_t> tile_point(TileId t, LonLat p, uint32_t extent) {
  const auto [fx, fy] = world_fraction(p);
  const double n = std::ldexp(1.0, t.z);
  const double x = (fx * n - t.x) * extent, y = (fy * n - t.y) * extent;
  return {static_cast<int32_t>(std::lround(std::clamp(x, -1e9, 1e9))),
          static_cast<int32_t>(std::lround(std::clamp(y, -1e9, 1e9)))};
}

}  // namespace sf
