// A Lambert azimuthal equal-area projection of the sphere (R = 6,371,008.8 m) centred on a
// region: areas in projected square metres are true areas on the sphere, and within a city
// (±100 km) distances are off by less than 0.02 %. Used to lay a metre grid over a region.
#pragma once

#include "core/geodesy.hpp"

namespace sf {

struct XY {
  double x = 0, y = 0;  // metres east and north of the centre
};

class LocalProjection {
 public:
  explicit LocalProjection(LonLat centre);

  XY forward(LonLat p) const;
  LonLat inverse(XY p) const;
  LonLat centre() const { return centre_; }

 private:
  LonLat centre_;
  double sin_lat0_, cos_lat0_;
};

}  // namespace sf
