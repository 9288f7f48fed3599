// What every coverage request (gaps, the district report, the profile, suggestions) reads
// from its parameters, its region, and the study input and echo built from them: one parser
// and one builder for the HTTP routes and the CLI's coverage subcommands (whose flags become
// these parameters).
#pragma once

#include <optional>
#include <string>

#include "core/catalog.hpp"
#include "core/coverage_request.hpp"
#include "core/demand.hpp"
#include "core/region.hpp"
#include "io/coverage_study.hpp"
#include "service/query_params.hpp"
#include "service/walk_network.hpp"

namespace sf {

struct CoverageQuery {
  CoverageOptions options;
  std::optional<UnixSeconds> at;
  Datum datum = Datum::wgs84;
  bool use_exclusion = true;
  double walk_speed_kmh = 4.5;  // the server's (limits.walk_speed_kmh): walk_minutes in metres
};

// The parameters parse_coverage_query reads, for allow_only lists.
#define SF_COVERAGE_PARAMS \
  "radius_m", "walk_minutes", "cell_m", "min_stations", "at", "crs", "exclude", "distance"

// radius_m or walk_minutes, cell_m, min_stations, at, crs, exclude, distance (straight or walk;
// by walk min_stations is 1 or 2), within `limits` (walk_minutes at limits.walk_speed_kmh).
CoverageQuery parse_coverage_query(const QueryParams& q, const Limits& limits);

// The region: district=, bbox= or the body's region (taken), exactly one; `label` names it
// for the answer's echo. Throws region_missing, parameter_invalid, unknown_district.
Region resolve_region(const QueryParams& q, const Catalog& catalog,
                      std::optional<Region>& body_region, Datum datum, std::string& label);

// What every coverage answer echoes, so that a planner's report can be reproduced.
struct CoverageEcho {
  std::string region;  // a district's name, "bbox:W,S,E,N", "body", a file, or "all districts"
  CoverageOptions options;
  std::optional<UnixSeconds> at;
  Datum datum = Datum::wgs84;
  std::string dataset_version;
  size_t stations_counted = 0;
  size_t stations_added = 0;
  size_t stations_removed = 0;
  std::string exclusion;        // where the excluded areas came from; empty: none
  std::string demand;           // the demand layer's source; empty: none
  std::string network_version;  // by walk: the network walked on
  double walk_speed_kmh = 4.5;  // what walk_minutes were taken at
};

// The layers a request studies beside the stations, each with its source for the echo (the
// request's body or files, or the server's layers). The pointers outlive the study.
struct StudyLayers {
  const Region* exclusion = nullptr;
  std::string exclusion_source;
  const DemandLayer* demand = nullptr;
  std::string demand_source;
  const WalkNetwork* network = nullptr;  // the server's streets, for distance=walk
};

struct CoverageStudyRequest {
  io::CoverageStudyInput input;
  CoverageEcho echo;
};

// The study input and its echo: the region (empty when the study covers the districts), the
// stations that count (open at query.at, with the what-if changes; throws
// unknown_station_id), every district, the options and the layers. By walk without a network:
// network_missing.
CoverageStudyRequest coverage_study_request(const Catalog& catalog, const CoverageQuery& query,
                                            Region region, std::string region_label,
                                            const WhatIf& what_if, const StudyLayers& layers);

// POST /v1/coverage/suggest, `stationfinder suggest`: k, target_pct, max_sites (and no
// min_stations: suggestions count single coverage).
struct SuggestQuery {
  size_t k = 10;
  std::optional<double> target_pct;
  size_t max_sites = 1000;
};
SuggestQuery parse_suggest_query(const QueryParams& q);

// The spacing of grid candidates: as given, else the larger of the cell and half the radius;
// within the cell limits.
double candidate_spacing(std::optional<double> given, const CoverageOptions& options);

// GET /v1/coverage/profile, `stationfinder profile`: weekday= mon…sun (any longer spelling
// such as monday) or 1–7, Monday = 1; 0-based out, `label` the three-letter name.
int parse_weekday(const QueryParams& q, std::string& label);

}  // namespace sf
