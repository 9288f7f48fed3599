// A test street network: a size × size grid of junctions 0.002° apart from (116.35, 39.88),
// each jittered by up to 0.0002°, with each street missing at the given share; parts under 50
// nodes are not snapped to. The same seed gives the same network.
#pragma once

#include <random>
#include <utility>
#include <vector>

#include "core/walk_graph.hpp"

namespace sf::test {

inline WalkGraph street_grid(uint32_t seed, uint32_t size, double missing_share) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-0.0002, 0.0002), unit(0, 1);
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  for (uint32_t r = 0; r < size; ++r)
    for (uint32_t c = 0; c < size; ++c)
      nodes.push_back({116.35 + c * 0.002 + jitter(rng), 39.88 + r * 0.002 + jitter(rng)});
  for (uint32_t r = 0; r < size; ++r) {
    for (uint32_t c = 0; c < size; ++c) {
      const uint32_t i = r * size + c;
      if (c + 1 < size && unit(rng) > missing_share) segments.emplace_back(i, i + 1);
      if (r + 1 < size && unit(rng) > missing_share) segments.emplace_back(i, i + size);
    }
  }
  return WalkGraph(std::move(nodes), segments, 50);
}

}  // namespace sf::test
