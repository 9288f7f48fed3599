// What every coverage question (gaps, the district report, the profile, suggestions) shares:
// radius or walking time, cell size, double coverage, the instant whose open stations count,
// and what-if changes to the stations. Checked here once for the CLI and the HTTP API, which
// pass the names their users know the inputs by (--radius-m, radius_m).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/coverage_grid.hpp"
#include "core/limits.hpp"
#include "core/time.hpp"

namespace sf {

struct CoverageInputNames {
  const char* radius;
  const char* walk;
  const char* cell;
  const char* min_stations;
};

// Radius from radius_m or walk_minutes (not both; minutes at limits.walk_speed_kmh), cell size
// and min_stations, within `limits` (their defaults too). Throws parameter_invalid /
// radius_out_of_range naming the input.
CoverageOptions checked_coverage_options(std::optional<double> radius_m,
                                         std::optional<double> walk_minutes,
                                         std::optional<double> cell_m,
                                         std::optional<double> min_stations,
                                         const CoverageInputNames& names, const Limits& limits);

// Stations to add and existing ids to take away, for a what-if question.
struct WhatIf {
  std::vector<LonLat> add;
  std::vector<std::string> remove;
  bool empty() const { return add.empty() && remove.empty(); }
};

// The positions that count: every station (or those open at minute_of_week, Monday 00:00 = 0,
// Asia/Shanghai), minus `what_if.remove`, plus `what_if.add` (always counted). Throws
// unknown_station_id for an id not in the catalog.
std::vector<LonLat> counted_stations(const Catalog& catalog, std::optional<int> minute_of_week,
                                     const WhatIf& what_if);
std::optional<int> minute_of_week_at(std::optional<UnixSeconds> at);

}  // namespace sf

namespace sf {

inline constexpr double kMaxRegionSpanM = 1'000'000;  // the local projection's comfort zone

// Throws region_missing for an empty region, region_too_large when it spans more than
// kMaxRegionSpanM, grid_too_large when its grid at cell_m would exceed max_cells; the message
// says how to stay under the limit.
void check_coverage_grid(const Region& region, double cell_m, size_t max_cells,
                         const char* cell_name);

}  // namespace sf
