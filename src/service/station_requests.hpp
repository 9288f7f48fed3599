// One parser and checker per station request, shared by the HTTP handlers and the CLI: the
// query parameters become a typed request, held to Limits, or an Error naming the parameter
// and the rule. Both front-ends call these, so they refuse the same inputs the same way.
#pragma once

#include <optional>
#include <string>

#include "core/catalog.hpp"
#include "core/limits.hpp"
#include "core/query.hpp"
#include "service/query_params.hpp"

namespace sf {

// A page of results: `limit` (or k) items after skipping `offset`.
struct PageWindow {
  size_t offset = 0;
  size_t size = 0;
};

// How a station query measures (distance=, core/geodesy.hpp's Distance), with path=true for
// each station's walking path.
struct Measure {
  Distance distance = Distance::straight;
  bool path = false;
};

// GET /v1/stations/nearest, `stationfinder nearest`: lon, lat, k, offset, radius_m, distance,
// path. By walk, radius_m bounds the walk (default limits.walk_radius_default_m).
struct NearestRequest {
  CommonParams common;
  NearestQuery query;
  Measure measure;
};
NearestRequest parse_nearest(const QueryParams& p, const Limits& limits);

// POST /v1/stations/nearest: k, radius_m, distance and path here, the points in the body
// (at most limits.batch_points, or limits.walk_batch_points by walk).
NearestRequest parse_batch_nearest(const QueryParams& p, const Limits& limits);

// GET /v1/stations/within: lon, lat, radius_m, limit, offset, distance, path.
struct WithinRequest {
  CommonParams common;
  LonLat center;
  double radius_m = 0;
  PageWindow window;
  Measure measure;
};
WithinRequest parse_within(const QueryParams& p, const Limits& limits);

// POST /v1/stations/within (the region in the body): limit, offset; distance=straight only
// (distance=walk: distance_not_supported), like along-route.
struct RegionRequest {
  CommonParams common;
  PageWindow window;
};
RegionRequest parse_in_region(const QueryParams& p, const Limits& limits);

// POST /v1/stations/along-route (the line in the body): buffer_m, limit, offset.
struct RouteRequest {
  CommonParams common;
  double buffer_m = 0;
  PageWindow window;
};
RouteRequest parse_along_route(const QueryParams& p, const Limits& limits);

// GET /v1/stations: bbox or district (resolved against the catalog), limit, offset, zoom.
struct ListingRequest {
  CommonParams common;  // its filter holds the district
  PageWindow window;
  std::optional<BBox> bbox;
  std::optional<size_t> cluster_zoom;  // a zoomed-out map view: clusters, not stations
};
ListingRequest parse_listing(const QueryParams& p, const Limits& limits, const Catalog& catalog);

// GET /v1/stations/{id}: crs, format, at, fields.
CommonParams parse_station(const QueryParams& p);
// GET /v1/districts: crs, format.
CommonParams parse_districts(const QueryParams& p);

// The points a POST nearest may carry with this measure.
size_t batch_points(const Measure& m, const Limits& limits);

// A district by name, English name or code (or a name only stations carry) into the filter;
// unknown_district listing the known ones otherwise.
void resolve_district(const Catalog& catalog, const std::string& name, StationFilter& filter);

}  // namespace sf
