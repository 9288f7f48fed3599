// Where the next stations should go: maximal covering (MCLP) and set cover over a universe of
// still-uncovered elements (grid cells weighted by area, or demand points by weight), with
// the stations already built counted as covering what they cover.
//
// Greedy guarantees: picking the candidate with the largest newly covered weight k times
// covers at least 1 − (1 − 1/k)^k > 1 − 1/e ≈ 63.2 % of what the best k sites could cover
// (Nemhauser, Wolsey & Fisher 1978); greedy set cover needs at most H(m) ≈ ln m + 1 times the
// fewest sites, m being the most elements one candidate covers (Chvátal 1979).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/geodesy.hpp"

namespace sf {

// A site where a station could go: a real host (a bank branch, a supermarket) or a grid cell's
// centre (id, name and host type empty).
struct Candidate {
  LonLat position;
  std::string id, name, host_type;
};

struct SitingProblem {
  std::vector<double> weight;                 // per uncovered element
  std::vector<std::vector<uint32_t>> covers;  // per candidate: the elements it would cover
  double covered_before = 0;                  // weight the existing stations already cover
  double total = 0;                           // covered_before + all the elements' weight
};

struct SitingPick {
  uint32_t candidate = 0;
  double gain = 0;            // weight newly covered by this pick
  double cumulative = 0;      // covered after this pick, existing stations included
  double cumulative_pct = 0;  // of the total
};

// k picks, each the best remaining one (lazy evaluation: gains only shrink). Stops early when
// no candidate adds anything.
std::vector<SitingPick> greedy_max_cover(const SitingProblem& problem, size_t k);

// Picks until the covered share reaches target_pct or nothing more helps, at most max_picks.
std::vector<SitingPick> greedy_set_cover(const SitingProblem& problem, double target_pct,
                                         size_t max_picks);

// The best weight any k candidates cover (existing included), by trying every combination.
// For checking the greedy on small cases only.
double exact_max_cover(const SitingProblem& problem, size_t k);

}  // namespace sf
