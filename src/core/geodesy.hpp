// Distances, bearings and unit vectors on the sphere of the mean Earth radius.
#pragma once

namespace sf {

// How a query or a coverage study measures (distance=): the great circle on the sphere, or a
// walk along the street network (snap leg + streets + snap leg).
enum class Distance { straight, walk };

// The mean Earth radius (IUGG R1), the sphere PostGIS geography distances use.
inline constexpr double kEarthRadiusM = 6371008.8;
inline constexpr double kPi = 3.14159265358979323846;

struct LonLat {
  double lon = 0;
  double lat = 0;
};

struct Vec3 {
  double x = 0, y = 0, z = 0;
};

inline double deg2rad(double d) {
  return d * (kPi / 180.0);
}
inline double rad2deg(double r) {
  return r * (180.0 / kPi);
}

// Unit vector of a lon/lat position (degrees).
Vec3 unit_vector(LonLat p);
LonLat to_lonlat(Vec3 v);  // v need not be normalised

double dot(Vec3 a, Vec3 b);
Vec3 cross(Vec3 a, Vec3 b);
double norm(Vec3 v);

// Great-circle distance in metres (haversine form, well conditioned for short distances).
double distance_m(LonLat a, LonLat b);

// Initial bearing from `from` to `to`, degrees clockwise from north in [0, 360).
double bearing_deg(LonLat from, LonLat to);

// Chord length on the unit sphere for a great-circle distance, and back. Chord length is a
// monotone function of the great-circle distance, so a cartesian index ranks exactly.
double chord_for_distance(double metres);
double distance_for_chord(double chord);

// Closest approach of point p to the great-circle arc a→b: distance in metres and the
// distance along the arc from a to the closest point.
struct ArcProjection {
  double distance_m;
  double along_m;
};
ArcProjection project_on_arc(LonLat p, LonLat a, LonLat b);

// Is a valid WGS84 position: finite, lon in [-180, 180], lat in [-90, 90].
bool is_valid_lonlat(double lon, double lat);

}  // namespace sf
