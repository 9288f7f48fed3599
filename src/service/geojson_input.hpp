// Request bodies in GeoJSON (RFC 7946): a bare geometry, a Feature, or a FeatureCollection
// holding one feature. Coordinates arrive in the request's datum and leave in WGS84.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/coverage_request.hpp"
#include "core/datum.hpp"
#include "core/region.hpp"
#include "core/siting.hpp"

namespace sf {

// Polygon or MultiPolygon (bare, as a Feature, or a FeatureCollection of them) → region.
// Throws body_not_json, body_not_polygon.
Region parse_polygon_body(std::string_view body, Datum datum, size_t max_vertices);

// LineString → its vertices. Throws body_not_json, body_not_linestring, route_too_complex.
std::vector<LonLat> parse_linestring_body(std::string_view body, Datum datum, size_t max_vertices);

// Many query points: {"points": [[lon, lat], …]} or a GeoJSON MultiPoint, or a
// FeatureCollection of Points. Throws body_not_json, body_invalid, too_many_points.
std::vector<LonLat> parse_points_body(std::string_view body, Datum datum, size_t max_points);

struct CoverageBodyLimits {
  size_t max_vertices;
  size_t max_points;      // stations to add
  size_t max_candidates;  // candidate sites
  bool allow_candidates;  // suggest only
};

// The body of a coverage request: empty; a bare GeoJSON region; or an object with any of
// "region" and "exclude" (GeoJSON polygons), "add" (points), "remove" (station ids) and, for
// suggest, "candidates" (Points whose properties may hold id, name, host_type).
struct CoverageBody {
  std::optional<Region> region;
  std::optional<Region> exclude;
  WhatIf what_if;
  std::vector<Candidate> candidates;
};
CoverageBody parse_coverage_body(std::string_view body, Datum datum,
                                 const CoverageBodyLimits& limits);

}  // namespace sf
