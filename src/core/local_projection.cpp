#include "core/local_projection.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

LocalProjection::LocalProjection(LonLat centre)
    : centre_(centre),
      sin_lat0_(std::sin(deg2rad(centre.lat))),
      cos_lat0_(std::cos(deg2rad(centre.lat))) {}

XY LocalProjection::forward(LonLat p) const {
  const double lat = deg2rad(p.lat), dlon = deg2rad(p.lon - centre_.lon);
  const double sin_lat = std::sin(lat), cos_lat = std::cos(lat);
  const double cos_c = sin_lat0_ * sin_lat + cos_lat0_ * cos_lat * std::cos(dlon);
  const double k = std::sqrt(2 / std::max(1 + cos_c, 1e-300));
  return {kEarthRadiusM * k * cos_lat * std::sin(dlon),
          kEarthRadiusM * k * (cos_lat0_ * sin_lat - sin_lat0_ * cos_lat * std::cos(dlon))};
}

LonLat LocalProjection::inverse(XY p) const {
  const double rho = std::hypot(p.x, p.y);
  if (rho == 0) return centre_;
  const double c = 2 * std::asin(std::clamp(rho / (2 * kEarthRadiusM), -1.0, 1.0));
  const double sin_c = std::sin(c), cos_c = std::cos(c);
  const double lat =
      std::asin(std::clamp(cos_c * sin_lat0_ + p.y * sin_c * cos_lat0_ / rho, -1.0, 1.0));
  const double lon = deg2rad(centre_.lon) +
                     std::atan2(p.x * sin_c, rho * cos_lat0_ * cos_c - p.y * sin_lat0_ * sin_c);
  double lon_deg = rad2deg(lon);
  if (lon_deg > 180) lon_deg -= 360;
  if (lon_deg < -180) lon_deg += 360;
  return {lon_deg, rad2deg(lat)};
}

}  // namespace sf
