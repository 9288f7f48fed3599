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

TileId tile_containing(LonLat p, int z) {
  const auto [fx, fy] = world_fraction(p);
  const double n = std::ldexp(1.0, z);
  const auto index = [n](double f) {
    return static_cast<uint32_t>(std::clamp(std::floor(f * n), 0.0, n - 1));
  };
  return TileId{z, index(fx), index(fy)};
}

BBox grown_bounds(TileId t, double fraction) {
  const BBox b = tile_bounds(t);
  const double dx = (b.east - b.west) * fraction, dy = (b.north - b.south) * fraction;
  return BBox{std::max(-180.0, b.west - dx), std::max(-kMaxLat, b.south - dy),
              std::min(180.0, b.east + dx), std::min(kMaxLat, b.north + dy)};
}

BBox TileFrame::wgs84_box(double fraction) const {
  if (datum == Datum::wgs84) return grown_bounds(tile, fraction);
  // The datums' shift changes slowly across a tile: the corners and the middles of the sides
  // of a box a little larger, taken back to WGS84, hold the whole of it.
  const BBox b = grown_bounds(tile, fraction + 1.0 / 64);
  BBox out{180, 90, -180, -90};
  for (const double lon : {b.west, (b.west + b.east) / 2, b.east}) {
    for (const double lat : {b.south, (b.south + b.north) / 2, b.north}) {
      const LonLat p = to_wgs84(LonLat{lon, lat}, datum);
      out.west = std::min(out.west, p.lon);
      out.east = std::max(out.east, p.lon);
      out.south = std::min(out.south, p.lat);
      out.north = std::max(out.north, p.lat);
    }
  }
  return out;
}

}  // namespace sf
