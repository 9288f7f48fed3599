// Vector tile content (Mapbox Vector Tile 2.1's model): layers of point and line features in
// a tile's integer coordinates, with their properties. Built by service/vector_tiles, encoded
// by render/mvt.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sf {

using MvtValue = std::variant<std::string, double, int64_t, bool>;

struct MvtFeature {
  uint64_t id = 0;
  bool line = false;                                // else a point
  std::vector<std::pair<int32_t, int32_t>> points;  // tile coordinates
  std::vector<std::pair<std::string, MvtValue>> properties;
};

struct MvtLayer {
  std::string name;
  uint32_t extent = 4096;
  std::vector<MvtFeature> features;
};

}  // namespace sf
