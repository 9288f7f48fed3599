// Request bodies in GeoJSON (RFC 7946): a bare geometry, a Feature, or a FeatureCollection
// holding one feature. Coordinates arrive in the request's datum and leave in WGS84.
#pragma once

#include <string_view>
#include <vector>

#include "core/datum.hpp"
#include "core/region.hpp"

namespace sf::http {

// Polygon or MultiPolygon → region. Throws body_not_json, body_not_polygon.
Region parse_polygon_body(std::string_view body, Datum datum, size_t max_vertices);

// LineString → its vertices. Throws body_not_json, body_not_linestring, route_too_complex.
std::vector<LonLat> parse_linestring_body(std::string_view body, Datum datum, size_t max_vertices);

// Many query points: {"points": [[lon, lat], …]} or a GeoJSON MultiPoint, or a
// FeatureCollection of Points. Throws body_not_json, body_invalid, too_many_points.
std::vector<LonLat> parse_points_body(std::string_view body, Datum datum, size_t max_points);

}  // namespace sf::http
