// WGS84 ⇄ GCJ-02 ⇄ BD-09: the published Chinese map datums that no EPSG code describes.
// The forward transforms are the standard published formulas; the inverses are solved by
// fixed-point iteration to well under a millimetre. Outside the published China rectangle
// GCJ-02 equals WGS84.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "core/geodesy.hpp"

namespace sf {

enum class Datum { wgs84, gcj02, bd09 };

// "wgs84" (also "epsg:4326"), "gcj02" (also "gcj-02"), "bd09" (also "bd-09"), any case.
std::optional<Datum> parse_datum(std::string_view text);
std::string_view datum_name(Datum d);  // "WGS84", "GCJ-02", "BD-09"

bool in_china_rectangle(LonLat p);

LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p);
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);

// Into WGS84 from the given datum, and out of WGS84 into it.
LonLat to_wgs84(LonLat p, Datum from);
LonLat from_wgs84(LonLat p, Datum to);

// Web Mercator (EPSG:3857) metres of a WGS84 position (latitude clamped to ±85.0511°, where
// the square world ends), and back.
std::pair<double, double> web_mercator(LonLat wgs84);
LonLat from_web_mercator(double x, double y);

}  // namespace sf
