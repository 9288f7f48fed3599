#include "core/geodesy.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

Vec3 unit_vector(LonLat p) {
  const double lon = deg2rad(p.lon), lat = deg2rad(p.lat);
  const double c = std::cos(lat);
  return {c * std::cos(lon), c * std::sin(lon), std::sin(lat)};
}

LonLat to_lonlat(Vec3 v) {
  return {rad2deg(std::atan2(v.y, v.x)), rad2deg(std::atan2(v.z, std::hypot(v.x, v.y)))};
}

double dot(Vec3 a, Vec3 b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}

Vec3 cross(Vec3 a, Vec3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

double norm(Vec3 v) {
  return std::sqrt(dot(v, v));
}

double distance_m(LonLat a, LonLat b) {
  const double lat1 = deg2rad(a.lat), lat2 = deg2rad(b.lat);
  const double dlat = lat2 - lat1, dlon = deg2rad(b.lon - a.lon);
  const double s1 = std::sin(dlat / 2), s2 = std::sin(dlon / 2);
  const double h = std::clamp(s1 * s1 + std::cos(lat1) * std::cos(lat2) * s2 * s2, 0.0, 1.0);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(h));
}

double bearing_deg(LonLat from, LonLat to) {
  const double lat1 = deg2rad(from.lat), lat2 = deg2rad(to.lat);
  const double dlon = deg2rad(to.lon - from.lon);
  const double y = std::sin(dlon) * std::cos(lat2);
  const double x =
      std::cos(lat1) * std::sin(lat2) - std::sin(lat1) * std::cos(lat2) * std::cos(dlon);
  if (x == 0 && y == 0) return 0;
  double deg = rad2deg(std::atan2(y, x));
  if (deg < 0) deg += 360;
  return deg >= 360 ? 0 : deg;
}

double chord_for_distance(double metres) {
  const double angle = metres / kEarthRadiusM;
  if (angle >= kPi) return 2.0;
  return 2 * std::sin(angle / 2);
}

double distance_for_chord(double chord) {
  return 2 * kEarthRadiusM * std::asin(std::clamp(chord / 2, 0.0, 1.0));
}

ArcProjection project_on_arc(LonLat p, LonLat a, LonLat b) {
  const Vec3 va = unit_vector(a), vb = unit_vector(b), vp = unit_vector(p);
  const double arc_m = distance_m(a, b);
  Vec3 n = cross(va, vb);
  const double nn = norm(n);
  if (nn < 1e-15) {  // degenerate segment (a == b or antipodal): distance to a
    return {distance_m(p, a), 0};
  }
  n = {n.x / nn, n.y / nn, n.z / nn};
  // Foot of p on the great circle: p minus its component along n.
  const double pn = dot(vp, n);
  const Vec3 foot{vp.x - pn * n.x, vp.y - pn * n.y, vp.z - pn * n.z};
  const double fn = norm(foot);
  if (fn > 1e-15) {
    const Vec3 f{foot.x / fn, foot.y / fn, foot.z / fn};
    // f lies on the arc when it is between a and b: both cross products point along n.
    const double sa = dot(cross(va, f), n), sb = dot(cross(f, vb), n);
    if (sa >= 0 && sb >= 0) {
      const LonLat fl = to_lonlat(f);
      return {distance_m(p, fl), std::min(distance_m(a, fl), arc_m)};
    }
  }
  const double da = distance_m(p, a), db = distance_m(p, b);
  if (da <= db) return {da, 0};
  return {db, arc_m};
}

bool is_valid_lonlat(double lon, double lat) {
  return std::isfinite(lon) && std::isfinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 &&
         lat <= 90;
}

}  // namespace sf
