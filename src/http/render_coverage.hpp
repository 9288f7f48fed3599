// Coverage answers as JSON, GeoJSON and CSV text: gaps, the district report, the 24-hour
// profile and siting suggestions. Every answer echoes its parameters and the dataset version
// so a planner's report can be reproduced. Shared by the HTTP routes and the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/datum.hpp"
#include "core/time.hpp"
#include "http/json_writer.hpp"
#include "io/coverage_study.hpp"
#include "io/siting_study.hpp"

namespace sf::http {

struct CoverageEcho {
  std::string region;  // a district's name, "bbox:W,S,E,N", "body", or "all districts"
  CoverageOptions options;
  std::optional<UnixSeconds> at;
  Datum datum = Datum::wgs84;
  std::string dataset_version;
  size_t stations_counted = 0;
  size_t stations_added = 0;
  size_t stations_removed = 0;
  std::string exclusion;  // where the excluded areas came from; empty: none
  std::string demand;     // the demand layer's source; empty: none
};

// "parameters": {…}
void write_parameters(JsonWriter& w, const CoverageEcho& echo);

// The gaps: a GeoJSON FeatureCollection (with_geometry) or a JSON object whose "gaps" list
// their properties only; both with "parameters" and "summary".
std::string render_gaps(const CoverageEcho& echo, const io::CoverageStudy& study,
                        bool with_geometry);
// One CSV row of parameters and summary, under a header.
std::string render_gaps_summary_csv(const CoverageEcho& echo, const io::CoverageStudy& study);

using io::DistrictRow;
std::string render_district_report(const CoverageEcho& echo, const std::vector<DistrictRow>& rows,
                                   bool csv);

using io::ProfileHour;
std::string render_profile(const CoverageEcho& echo, const std::string& district,
                           const std::string& date, const std::vector<ProfileHour>& hours,
                           bool csv);

enum class SuggestFormat { json, geojson, csv };
std::string render_suggestions(const CoverageEcho& echo, const io::SitingResult& result,
                               const std::vector<io::Candidate>& candidates,
                               std::optional<double> target_pct, SuggestFormat format);

}  // namespace sf::http
