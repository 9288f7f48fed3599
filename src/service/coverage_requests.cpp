#include "service/coverage_requests.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace sf {

CoverageQuery parse_coverage_query(const QueryParams& q, const Limits& limits) {
  CoverageQuery c;
  c.options =
      checked_coverage_options(q.optional_number("radius_m"), q.optional_number("walk_minutes"),
                               q.optional_number("cell_m"), q.optional_number("min_stations"),
                               {"radius_m", "walk_minutes", "cell_m", "min_stations"}, limits);
  c.walk_speed_kmh = limits.walk_speed_kmh;
  c.at = parse_at(q);
  c.datum = parse_crs(q);
  c.use_exclusion = q.boolean("exclude", true);
  c.options.distance = parse_distance(q);
  if (c.options.distance == Distance::walk && c.options.min_stations > 2) {
    throw Error(ErrorCode::parameter_invalid, "min_stations",
                "by walk, covered means within reach of 1 or 2 stations");
  }
  return c;
}

CoverageStudyRequest coverage_study_request(const Catalog& catalog, const CoverageQuery& query,
                                            Region region, std::string region_label,
                                            const WhatIf& what_if, const StudyLayers& layers) {
  CoverageStudyRequest r;
  r.input.region = std::move(region);
  r.input.options = query.options;
  r.input.stations = counted_stations(catalog, minute_of_week_at(query.at), what_if);
  for (const District& d : catalog.districts()) r.input.districts.push_back(&d);
  r.input.exclusion = layers.exclusion;
  r.input.demand = layers.demand;
  CoverageEcho& e = r.echo;
  if (query.options.distance == Distance::walk) {
    if (layers.network == nullptr) {
      throw Error(ErrorCode::network_missing, "distance",
                  "this server has no street network to walk on (start it with --network FILE "
                  "or STATIONFINDER_NETWORK); distance=straight needs none");
    }
    r.input.network = &layers.network->graph();
    r.input.max_snap_m = layers.network->max_snap_m();
    e.network_version = layers.network->version();
  }
  e.region = std::move(region_label);
  e.options = query.options;
  e.at = query.at;
  e.datum = query.datum;
  e.walk_speed_kmh = query.walk_speed_kmh;
  e.dataset_version = catalog.version();
  e.stations_counted = r.input.stations.size();
  e.stations_added = what_if.add.size();
  e.stations_removed = what_if.remove.size();
  if (layers.exclusion != nullptr) e.exclusion = layers.exclusion_source;
  if (layers.demand != nullptr) e.demand = layers.demand_source;
  return r;
}

// The region: district=, bbox= or the body's region, exactly one.
Region resolve_region(const QueryParams& q, const Catalog& catalog,
                      std::optional<Region>& body_region, Datum datum, std::string& label) {
  const int given = q.has("district") + q.has("bbox") + body_region.has_value();
  if (given > 1) {
    throw Error(ErrorCode::parameter_invalid, q.has("district") ? "district" : "bbox",
                "give one region: district, bbox or a GeoJSON polygon body");
  }
  if (auto name = q.get("district")) {
    const District* d = catalog.find_district(*name);
    if (d == nullptr) {
      throw Error(ErrorCode::unknown_district, "district",
                  "'" + *name + "' is not a district; see /v1/districts");
    }
    label = d->name;
    return d->region;
  }
  if (auto text = q.get("bbox")) {
    const BBox b = parse_bbox(*text, datum);
    label = "bbox:" + *text;
    return Region({{{{b.west, b.south},
                     {b.east, b.south},
                     {b.east, b.north},
                     {b.west, b.north},
                     {b.west, b.south}}}});
  }
  if (body_region) {
    label = "body";
    return std::move(*body_region);
  }
  throw Error(ErrorCode::region_missing, "district",
              "give district=NAME, bbox=W,S,E,N or a GeoJSON Polygon/MultiPolygon body");
}

SuggestQuery parse_suggest_query(const QueryParams& q) {
  SuggestQuery s;
  s.k = q.integer("k", 10, 1, 1000, ErrorCode::k_out_of_range);
  s.target_pct = q.optional_number("target_pct");
  if (s.target_pct && !(*s.target_pct > 0 && *s.target_pct <= 100)) {
    throw Error(ErrorCode::parameter_invalid, "target_pct",
                "must be greater than 0 and at most 100");
  }
  s.max_sites = q.integer("max_sites", 1000, 1, 100'000, ErrorCode::parameter_invalid);
  if (q.has("min_stations")) {
    throw Error(ErrorCode::parameter_invalid, "min_stations",
                "suggestions count single coverage; min_stations is for gaps and the report");
  }
  return s;
}

double candidate_spacing(std::optional<double> given, const CoverageOptions& options) {
  const double spacing = given.value_or(std::max(options.cell_m, options.radius_m / 2));
  if (!(spacing >= kDefaultLimits.cell_min_m && spacing <= kDefaultLimits.cell_max_m)) {
    throw Error(ErrorCode::parameter_invalid, "candidate_spacing_m",
                "must be from " + number_text(kDefaultLimits.cell_min_m) + " to " +
                    number_text(kDefaultLimits.cell_max_m) + " m");
  }
  return spacing;
}

int parse_weekday(const QueryParams& q, std::string& label) {
  static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto text = q.get("weekday");
  if (!text) {
    throw Error(ErrorCode::parameter_missing, "weekday",
                "give weekday=mon…sun (or 1–7, Monday = 1)");
  }
  const std::string lower = to_lower_ascii(*text);
  for (int i = 0; i < 7; ++i) {
    if (lower.rfind(names[i], 0) == 0 || lower == std::to_string(i + 1)) {
      label = names[i];
      return i;
    }
  }
  throw Error(ErrorCode::parameter_invalid, "weekday",
              "'" + *text + "' is not a weekday: use mon, tue, wed, thu, fri, sat, sun or 1–7");
}

}  // namespace sf
