// What every coverage request (gaps, the district report, the profile, suggestions) reads
// from its parameters, and its region: one parser for the HTTP routes and the CLI's coverage
// subcommands (whose flags become these parameters).
#pragma once

#include <optional>
#include <string>

#include "core/catalog.hpp"
#include "core/coverage_request.hpp"
#include "core/region.hpp"
#include "service/query_params.hpp"

namespace sf {

struct CoverageQuery {
  CoverageOptions options;
  std::optional<UnixSeconds> at;
  Datum datum = Datum::wgs84;
  bool use_exclusion = true;
};

// The parameters parse_coverage_query reads, for allow_only lists.
#define SF_COVERAGE_PARAMS \
  "radius_m", "walk_minutes", "cell_m", "min_stations", "at", "crs", "exclude"

// radius_m or walk_minutes, cell_m, min_stations, at, crs, exclude.
CoverageQuery parse_coverage_query(const QueryParams& q);

// The region: district=, bbox= or the body's region (taken), exactly one; `label` names it
// for the answer's echo. Throws region_missing, parameter_invalid, unknown_district.
Region resolve_region(const QueryParams& q, const Catalog& catalog,
                      std::optional<Region>& body_region, Datum datum, std::string& label);

// POST /v1/coverage/suggest, `stationfinder suggest`: k, target_pct, max_sites (and no
// min_stations: suggestions count single coverage).
struct SuggestQuery {
  size_t k = 10;
  std::optional<double> target_pct;
  size_t max_sites = 1000;
};
SuggestQuery parse_suggest_query(const QueryParams& q);

// The spacing of grid candidates: as given, else the larger of the cell and half the radius;
// from kMinCellM to kMaxCellM.
double candidate_spacing(std::optional<double> given, const CoverageOptions& options);

}  // namespace sf
