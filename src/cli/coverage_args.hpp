// What the coverage subcommands (gaps, districts) share: their flags, parsed and checked, the
// stations that count, and the echo of the parameters in every answer.
#pragma once

#include <optional>
#include <vector>

#include "cli/args.hpp"
#include "core/catalog.hpp"
#include "core/coverage_grid.hpp"
#include "core/time.hpp"
#include "http/json_writer.hpp"

namespace sf::cli {

inline constexpr double kWalkMetresPerMinute = 75;  // 4.5 km/h, straight line

struct CoverageRequest {
  CoverageOptions options;
  std::optional<UnixSeconds> at;  // count only stations open then
};

// --radius-m, --walk-minutes, --cell-m, --at
std::vector<Flag> coverage_flags();
CoverageRequest parse_coverage_request(const Args& args);

// Every station's position, or only those open at request.at.
std::vector<LonLat> counted_stations(const Catalog& catalog, const CoverageRequest& request);

// "parameters": {radius_m, cell_m, at, dataset_version, …} — the caller closes the object.
void begin_parameters(http::JsonWriter& w, const CoverageRequest& request, const Catalog& catalog);

}  // namespace sf::cli
