#include "service/station_requests.hpp"

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace sf {

namespace {

void check_window(const Limits& limits, size_t offset, size_t size, const char* name) {
  if (offset + size > limits.result_window) {
    throw Error(ErrorCode::result_window_too_large, "offset",
                "offset + " + std::string(name) + " must not exceed " +
                    std::to_string(limits.result_window) +
                    "; narrow the query (radius_m, bbox, filters) instead of paging further");
  }
}

double parse_radius(const QueryParams& p, const Limits& limits) {
  const double r = p.number("radius_m");
  if (!(r > 0) || r > limits.radius_max_m) {
    throw Error(ErrorCode::radius_out_of_range, "radius_m",
                "must be greater than 0 and at most " +
                    std::to_string(static_cast<long>(limits.radius_max_m)) + " metres");
  }
  return r;
}

size_t parse_k(const QueryParams& p, const Limits& limits) {
  return p.integer("k", limits.k_default, 1, limits.k_max, ErrorCode::k_out_of_range);
}

size_t parse_offset(const QueryParams& p) {
  return p.integer("offset", 0, 0, 1'000'000'000, ErrorCode::offset_out_of_range);
}

// limit and offset, held to the result window.
PageWindow parse_window(const QueryParams& p, const Limits& limits) {
  PageWindow w;
  w.size =
      p.integer("limit", limits.limit_default, 1, limits.limit_max, ErrorCode::limit_out_of_range);
  w.offset = parse_offset(p);
  check_window(limits, w.offset, w.size, "limit");
  return w;
}

// distance= (straight or walk) and path= (walk only).
Measure parse_measure(const QueryParams& p) {
  Measure m;
  m.distance = parse_distance(p);
  m.path = p.boolean("path", false);
  if (m.path && m.distance != Distance::walk) {
    throw Error(ErrorCode::parameter_invalid, "path",
                "walking paths need distance=walk; a straight line needs no path");
  }
  return m;
}

// Routes that measure straight lines only accept distance=straight.
void straight_only(const QueryParams& p, const char* route) {
  if (parse_measure(p).distance == Distance::walk) {
    throw Error(ErrorCode::distance_not_supported, "distance",
                std::string(route) +
                    " measures the straight line only; distance=walk is "
                    "supported on GET/POST nearest and GET within");
  }
}

// radius_m by the measure's own range: the walk's default and maximum, or the straight line's
// maximum (no default: unbounded).
void parse_radius_for(const QueryParams& p, const Limits& limits, const Measure& m,
                      double& radius_m) {
  if (m.distance == Distance::straight) {
    if (p.has("radius_m")) radius_m = parse_radius(p, limits);
    return;
  }
  radius_m = limits.walk_radius_default_m;
  if (!p.has("radius_m")) return;
  const double r = p.number("radius_m");
  if (!(r > 0) || r > limits.walk_radius_max_m) {
    throw Error(ErrorCode::radius_out_of_range, "radius_m",
                "by walk, must be greater than 0 and at most " +
                    number_text(limits.walk_radius_max_m) + " metres");
  }
  radius_m = r;
}

}  // namespace

size_t batch_points(const Measure& m, const Limits& limits) {
  return m.distance == Distance::walk ? limits.walk_batch_points : limits.batch_points;
}

NearestRequest parse_nearest(const QueryParams& p, const Limits& limits) {
  p.allow_only({"lon", "lat", "k", "offset", "radius_m", "distance", "path", SF_COMMON_PARAMS});
  NearestRequest r;
  r.common = parse_common(p);
  r.measure = parse_measure(p);
  r.query.point = parse_point(p, r.common.datum);
  r.query.k = parse_k(p, limits);
  r.query.offset = parse_offset(p);
  check_window(limits, r.query.offset, r.query.k, "k");
  parse_radius_for(p, limits, r.measure, r.query.max_distance_m);
  r.query.filter = r.common.filter;
  return r;
}

NearestRequest parse_batch_nearest(const QueryParams& p, const Limits& limits) {
  p.allow_only({"k", "radius_m", "distance", "path", SF_COMMON_PARAMS});
  NearestRequest r;
  r.common = parse_common(p);
  r.measure = parse_measure(p);
  r.query.k = parse_k(p, limits);
  parse_radius_for(p, limits, r.measure, r.query.max_distance_m);
  r.query.filter = r.common.filter;
  return r;
}

WithinRequest parse_within(const QueryParams& p, const Limits& limits) {
  p.allow_only({"lon", "lat", "radius_m", "limit", "offset", "distance", "path", SF_COMMON_PARAMS});
  WithinRequest r;
  r.common = parse_common(p);
  r.measure = parse_measure(p);
  r.center = parse_point(p, r.common.datum);
  if (!p.has("radius_m")) p.number("radius_m");  // required: parameter_missing
  parse_radius_for(p, limits, r.measure, r.radius_m);
  r.window = parse_window(p, limits);
  return r;
}

RegionRequest parse_in_region(const QueryParams& p, const Limits& limits) {
  p.allow_only({"limit", "offset", "distance", SF_COMMON_PARAMS});
  straight_only(p, "POST /v1/stations/within");
  RegionRequest r;
  r.common = parse_common(p);
  r.window = parse_window(p, limits);
  return r;
}

RouteRequest parse_along_route(const QueryParams& p, const Limits& limits) {
  p.allow_only({"buffer_m", "limit", "offset", "distance", SF_COMMON_PARAMS});
  straight_only(p, "POST /v1/stations/along-route");
  RouteRequest r;
  r.common = parse_common(p);
  r.buffer_m = limits.buffer_default_m;
  if (auto b = p.optional_number("buffer_m")) {
    if (!(*b > 0) || *b > limits.buffer_max_m) {
      throw Error(ErrorCode::buffer_out_of_range, "buffer_m",
                  "must be greater than 0 and at most " +
                      std::to_string(static_cast<long>(limits.buffer_max_m)) + " metres");
    }
    r.buffer_m = *b;
  }
  r.window = parse_window(p, limits);
  return r;
}

ListingRequest parse_listing(const QueryParams& p, const Limits& limits, const Catalog& catalog) {
  p.allow_only({"bbox", "district", "limit", "offset", "zoom", SF_COMMON_PARAMS});
  ListingRequest r;
  r.common = parse_common(p);
  r.window = parse_window(p, limits);
  const auto bbox_text = p.get("bbox");
  const auto district = p.get("district");
  if (bbox_text && district) {
    throw Error(ErrorCode::parameter_invalid, "district", "give bbox or district, not both");
  }
  if (bbox_text) r.bbox = parse_bbox(*bbox_text, r.common.datum);
  if (district) resolve_district(catalog, *district, r.common.filter);
  const size_t zoom = p.integer("zoom", 99, 0, 22, ErrorCode::parameter_invalid);
  if (zoom >= limits.cluster_below_zoom) return r;
  if (p.has("offset") || p.has("limit")) {
    throw Error(ErrorCode::parameter_invalid, p.has("offset") ? "offset" : "limit",
                "clustered answers (zoom < " + std::to_string(limits.cluster_below_zoom) +
                    ") are not paged");
  }
  if (r.common.format != Format::geojson) {
    throw Error(ErrorCode::unknown_format, "format",
                "clustered answers (zoom < " + std::to_string(limits.cluster_below_zoom) +
                    ") are GeoJSON: add format=geojson");
  }
  r.cluster_zoom = zoom;
  return r;
}

CommonParams parse_station(const QueryParams& p) {
  p.allow_only({"crs", "format", "at", "fields"});
  return parse_common(p);
}

CommonParams parse_districts(const QueryParams& p) {
  p.allow_only({"crs", "format"});
  return parse_common(p);
}

void resolve_district(const Catalog& catalog, const std::string& name, StationFilter& filter) {
  if (const District* d = catalog.find_district(name)) {
    filter.district = d->name;
    return;
  }
  if (catalog.stations_in_district(name) > 0) {  // a district only the stations name
    filter.district = name;
    return;
  }
  std::vector<std::string_view> names;
  for (const District& d : catalog.districts()) names.push_back(d.name);
  const std::string known = join(names);
  throw Error(ErrorCode::unknown_district, "district",
              "'" + name + "' is not a district" + (known.empty() ? "" : "; districts: " + known));
}

}  // namespace sf
