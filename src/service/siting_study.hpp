// Where the next stations should go, for a region: the still-uncovered area (or demand, with a
// demand layer) becomes the universe, candidate sites (a layer of real host sites, or grid
// cell centres) the sets, the existing stations what is already covered; then greedy maximal
// covering for k sites and greedy set cover for a target share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/siting.hpp"
#include "io/coverage_study.hpp"

namespace sf {

// The centres of a `spacing_m` grid's cells inside the region (minus exclusions).
std::vector<Candidate> grid_candidates(const Region& region, const Region* exclusion,
                                       double spacing_m);

struct SitingInput {
  io::CoverageStudyInput coverage;  // region, stations, options, demand; gaps is ignored
  std::vector<Candidate> candidates;
  size_t k = 10;
  std::optional<double> target_pct;  // also answer: the fewest sites to reach this share
  size_t max_picks = 1000;           // for the set cover
};

struct SitingResult {
  bool by_demand = false;             // the objective: demand weight, else area in m²
  CoverageSummary before;             // the region's coverage with the existing stations
  SitingProblem problem;              // universe and covers, as solved
  std::vector<SitingPick> picks;      // the k greedy picks
  std::vector<SitingPick> set_cover;  // with target_pct
  bool target_reached = false;
};

SitingResult suggest_sites(const SitingInput& input);

}  // namespace sf
