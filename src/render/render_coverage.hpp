// Coverage answers as JSON, GeoJSON and CSV text: gaps, the district report, the 24-hour
// profile and siting suggestions. Every answer echoes its parameters and the dataset version
// so a planner's report can be reproduced. Shared by the HTTP routes and the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "io/coverage_study.hpp"
#include "render/json_writer.hpp"
#include "service/coverage_requests.hpp"
#include "service/siting_study.hpp"

namespace sf {

// "parameters": {…}
void write_parameters(JsonWriter& w, const CoverageEcho& echo);

// The gaps: a GeoJSON FeatureCollection (geojson) or a JSON object whose "gaps" list their
// properties only (json); both with "parameters" and "summary".
std::string render_gaps(const CoverageEcho& echo, const io::CoverageStudy& study, Format format);
// One CSV row of parameters and summary, under a header.
std::string render_gaps_summary_csv(const CoverageEcho& echo, const io::CoverageStudy& study);

using io::DistrictRow;
// json or csv.
std::string render_district_report(const CoverageEcho& echo, const std::vector<DistrictRow>& rows,
                                   Format format);

using io::ProfileHour;
std::string render_profile(const CoverageEcho& echo, const std::string& district,
                           const std::string& date, const std::vector<ProfileHour>& hours,
                           Format format);  // json or csv

// json, geojson or csv.
std::string render_suggestions(const CoverageEcho& echo, const SitingResult& result,
                               const std::vector<Candidate>& candidates,
                               std::optional<double> target_pct, Format format);

}  // namespace sf
