// One coverage question answered whole: the grid over a region (minus exclusions, labelled by
// district), the summary overall and per district, the share of demand within reach, and the
// gaps with their outlines, farthest points and uncovered demand. The CLI and the HTTP
// server both ask through here.
#pragma once

#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage_grid.hpp"
#include "core/demand.hpp"
#include "core/district.hpp"
#include "core/gap_components.hpp"
#include "core/walk_graph.hpp"

namespace sf::io {

struct CoverageStudyInput {
  Region region;
  const Region* exclusion = nullptr;
  std::vector<const District*> districts;  // label the cells; gaps are split along their lines
  std::vector<LonLat> stations;            // the stations that count
  CoverageOptions options;
  const DemandLayer* demand = nullptr;
  bool gaps = true;  // outline the gaps (else only the summaries)
  // By walk (options.distance == walk): the network and its snap limit. Cells, demand points
  // and stations farther than max_snap_m from a street reach nothing on foot.
  const WalkGraph* network = nullptr;
  double max_snap_m = 300;
  // By walk: walks longer than this are not followed. A tile asks only what is covered (the
  // radius); the studies keep every walk for the gaps' farthest points and the raster.
  double max_walk_m = INFINITY;
};

// Inside the region and outside its exclusions: where cells and demand points count.
bool in_study_area(const CoverageStudyInput& input, LonLat p);

struct DemandSummary {
  size_t points = 0;  // inside the region
  double weight = 0;
  double covered_weight = 0;
  double covered_pct = 0;
  void add(const DemandSummary& other);
};

struct Gap {
  uint32_t id = 0;
  std::vector<Ring> rings;  // WGS84, outer first
  double area_m2 = 0;
  LonLat farthest;        // the centre of the gap's cell farthest from any station
  double farthest_m = 0;  // metres from there to the nearest station (great circle, or by walk;
                          // -1: none, or by walk no cell of the gap reaches one)
  const District* district = nullptr;  // null: outside every district
  double uncovered_demand = 0;         // weight of uncovered demand inside the gap
};

struct CoverageStudy {
  CoverageGrid grid;
  CoverageSummary summary;
  std::vector<CoverageSummary> districts;  // per input district, same order
  std::optional<DemandSummary> demand;     // with a demand layer
  std::vector<DemandSummary> district_demand;
  std::vector<Gap> gaps;  // largest uncovered demand first with a demand layer, else largest area
  std::vector<float> walk_m;        // by walk: each cell's walk to its nearest station
  size_t stations_unreachable = 0;  // by walk: counted stations too far from every street
};

CoverageStudy study_coverage(const CoverageStudyInput& input);

// The report per district and for all of them together (the last row, "all").
struct DistrictRow {
  std::string name, name_en;  // "all" for the whole city
  size_t stations = 0;        // counted stations inside
  CoverageSummary summary;
  std::optional<DemandSummary> demand;
};
// input.region is ignored: the grid covers the union of input.districts.
std::vector<DistrictRow> district_report(const CoverageStudyInput& input);

// Coverage of one district for each hour of a weekday (0 = Monday), the stations that count
// being those open at the top of the hour (from `open_at(minute_of_week)`).
struct ProfileHour {
  int hour = 0;
  size_t stations_open = 0;
  CoverageSummary summary;
  std::optional<DemandSummary> demand;
};
std::vector<ProfileHour> coverage_profile(
    const CoverageStudyInput& input, int weekday,
    const std::function<std::vector<LonLat>(int minute_of_week)>& open_at);

}  // namespace sf::io
