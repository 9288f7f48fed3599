#include "core/region.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sf {

namespace {

BBox ring_box(const Ring& ring) {
  BBox b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
         std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
  for (const LonLat& p : ring) {
    b.west = std::min(b.west, p.lon);
    b.east = std::max(b.east, p.lon);
    b.south = std::min(b.south, p.lat);
    b.north = std::max(b.north, p.lat);
  }
  return b;
}

bool inside_plain(const BBox& b, LonLat p) {
  return p.lon >= b.west && p.lon <= b.east && p.lat >= b.south && p.lat <= b.north;
}

// Crossing-number test of one ring.
bool ring_contains(const Ring& ring, LonLat p) {
  bool inside = false;
  const size_t n = ring.size();
  for (size_t i = 0, j = n - 1; i < n; j = i++) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      const double x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon;
      if (p.lon < x) inside = !inside;
    }
  }
  return inside;
}

}  // namespace

bool BBox::contains(LonLat p) const {
  if (p.lat < south || p.lat > north) return false;
  if (crosses_antimeridian()) return p.lon >= west || p.lon <= east;
  return p.lon >= west && p.lon <= east;
}

namespace {

// Liang-Barsky: whether a→b meets the plain box [west, east] × [south, north].
bool segment_meets_plain_box(LonLat a, LonLat b, double west, double south, double east,
                             double north) {
  double t0 = 0, t1 = 1;
  const double dx = b.lon - a.lon, dy = b.lat - a.lat;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.lon - west, east - a.lon, a.lat - south, north - a.lat};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0) {
      t0 = std::max(t0, t);
    } else {
      t1 = std::min(t1, t);
    }
    if (t0 > t1) return false;
  }
  return true;
}

}  // namespace

BBox BBox::grown_by_metres(double m) const {
  const double dlat = m / kEarthRadiusM * 180 / kPi;
  const double widest = std::max(std::abs(south), std::abs(north)) + dlat;
  const double dlon = widest >= 89 ? 360 : dlat / std::cos(deg2rad(widest));
  return BBox{std::max(-180.0, west - dlon), std::max(-90.0, south - dlat),
              std::min(180.0, east + dlon), std::min(90.0, north + dlat)};
}

bool BBox::meets_segment(LonLat a, LonLat b) const {
  if (crosses_antimeridian()) {
    return segment_meets_plain_box(a, b, west, south, 180, north) ||
           segment_meets_plain_box(a, b, -180, south, east, north);
  }
  return segment_meets_plain_box(a, b, west, south, east, north);
}

bool Region::meets(const BBox& box) const {
  if (empty()) return false;
  // The box inside the region: its centre (any of its points would do) is in it.
  double centre_lon = box.crosses_antimeridian() ? box.west + (box.east + 360 - box.west) / 2
                                                 : (box.west + box.east) / 2;
  if (centre_lon > 180) centre_lon -= 360;
  if (contains({centre_lon, (box.south + box.north) / 2})) return true;
  for (const auto& polygon : polygons_) {
    for (const Ring& ring : polygon) {
      for (size_t i = 0; i < ring.size(); ++i) {
        const LonLat a = ring[i], b = ring[(i + 1) % ring.size()];
        if (box.meets_segment(a, b)) return true;
      }
    }
  }
  return false;
}

Region::Region(std::vector<std::vector<Ring>> polygons) : polygons_(std::move(polygons)) {
  bool first = true;
  for (const auto& polygon : polygons_) {
    BBox b = polygon.empty() ? BBox{} : ring_box(polygon.front());
    polygon_boxes_.push_back(b);
    if (polygon.empty()) continue;
    if (first) {
      bbox_ = b;
      first = false;
    } else {
      bbox_.west = std::min(bbox_.west, b.west);
      bbox_.east = std::max(bbox_.east, b.east);
      bbox_.south = std::min(bbox_.south, b.south);
      bbox_.north = std::max(bbox_.north, b.north);
    }
  }
}

bool Region::contains(LonLat p) const {
  for (size_t i = 0; i < polygons_.size(); ++i) {
    const auto& polygon = polygons_[i];
    if (polygon.empty() || !inside_plain(polygon_boxes_[i], p)) continue;
    bool inside = false;
    for (const Ring& ring : polygon) {
      if (ring_contains(ring, p)) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

size_t Region::vertex_count() const {
  size_t n = 0;
  for (const auto& polygon : polygons_)
    for (const Ring& ring : polygon) n += ring.size();
  return n;
}

}  // namespace sf
