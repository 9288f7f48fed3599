#include "core/datum.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace sf {

namespace {

// Krasovsky 1940 ellipsoid, as the published GCJ-02 algorithm uses.
constexpr double kA = 6378245.0;
constexpr double kEE = 0.00669342162296594323;
constexpr double kXPi = kPi * 3000.0 / 180.0;

double transform_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double transform_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

// Inverts a forward map f by fixed-point iteration: find p with f(p) = target.
template <typename Forward>
LonLat invert(LonLat target, Forward f) {
  LonLat p = target;
  for (int i = 0; i < 30; ++i) {
    const LonLat q = f(p);
    const double dlon = q.lon - target.lon, dlat = q.lat - target.lat;
    p.lon -= dlon;
    p.lat -= dlat;
    if (std::abs(dlon) < 1e-12 && std::abs(dlat) < 1e-12) break;
  }
  return p;
}

}  // namespace

std::optional<Datum> parse_datum(std::string_view text) {
  const std::string t = to_lower_ascii(text);
  if (t == "wgs84" || t == "wgs-84" || t == "epsg:4326") return Datum::wgs84;
  if (t == "gcj02" || t == "gcj-02") return Datum::gcj02;
  if (t == "bd09" || t == "bd-09" || t == "bd09ll") return Datum::bd09;
  return std::nullopt;
}

std::string_view datum_name(Datum d) {
  switch (d) {
    case Datum::wgs84:
      return "WGS84";
    case Datum::gcj02:
      return "GCJ-02";
    case Datum::bd09:
      return "BD-09";
  }
  return "WGS84";
}

bool in_china_rectangle(LonLat p) {
  return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LonLat wgs84_to_gcj02(LonLat p) {
  if (!in_china_rectangle(p)) return p;
  double dlat = transform_lat(p.lon - 105.0, p.lat - 35.0);
  double dlon = transform_lon(p.lon - 105.0, p.lat - 35.0);
  const double radlat = deg2rad(p.lat);
  double magic = std::sin(radlat);
  magic = 1 - kEE * magic * magic;
  const double sqrtmagic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1 - kEE)) / (magic * sqrtmagic) * kPi);
  dlon = (dlon * 180.0) / (kA / sqrtmagic * std::cos(radlat) * kPi);
  return {p.lon + dlon, p.lat + dlat};
}

LonLat gcj02_to_wgs84(LonLat p) {
  if (!in_china_rectangle(p)) return p;
  return invert(p, wgs84_to_gcj02);
}

LonLat gcj02_to_bd09(LonLat p) {
  const double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * kXPi);
  const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kXPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
  return invert(p, gcj02_to_bd09);
}

LonLat to_wgs84(LonLat p, Datum from) {
  switch (from) {
    case Datum::wgs84:
      return p;
    case Datum::gcj02:
      return gcj02_to_wgs84(p);
    case Datum::bd09:
      return gcj02_to_wgs84(bd09_to_gcj02(p));
  }
  return p;
}

LonLat from_wgs84(LonLat p, Datum to) {
  switch (to) {
    case Datum::wgs84:
      return p;
    case Datum::gcj02:
      return wgs84_to_gcj02(p);
    case Datum::bd09:
      return gcj02_to_bd09(wgs84_to_gcj02(p));
  }
  return p;
}

std::pair<double, double> web_mercator(LonLat p) {
  constexpr double kR = 6378137, kMaxLat = 85.05112877980659;
  const double lat = std::clamp(p.lat, -kMaxLat, kMaxLat) * M_PI / 180;
  return {kR * p.lon * M_PI / 180, kR * std::log(std::tan(M_PI / 4 + lat / 2))};
}

LonLat from_web_mercator(double x, double y) {
  constexpr double kR = 6378137;
  return {x / kR * 180 / M_PI, std::atan(std::sinh(y / kR)) * 180 / M_PI};
}

}  // namespace sf
