// Demand: where outdoor workers are (delivery addresses, courier GPS pings, a population
// grid), as weighted points. Private data: answers report sums and shares, never the points.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/geodesy.hpp"
#include "core/station_index.hpp"

namespace sf {

struct DemandLayer {
  std::vector<LonLat> points;
  std::vector<double> weights;  // one per point, > 0
  std::string source;           // where it came from (a file name, "upload")
  double total_weight() const;
};

// For each point: how many of the indexed stations lie within radius_m, counted up to `cap`.
std::vector<uint8_t> demand_reach(std::span<const LonLat> points, const StationIndex& stations,
                                  double radius_m, int cap);

}  // namespace sf
