// Vector tile content (Mapbox Vector Tile 2.1's model): layers of point, line and polygon
// features in a tile's integer coordinates, with their properties. Built by service/vector_tiles,
// encoded by render/mvt.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sf {

using MvtValue = std::variant<std::string, double, int64_t, bool>;
using MvtPoint = std::pair<int32_t, int32_t>;  // tile coordinates, y growing southwards

enum class MvtGeometry { point, line, polygon };

struct MvtFeature {
  uint64_t id = 0;
  MvtGeometry geometry = MvtGeometry::point;
  std::vector<MvtPoint> points;  // a point (several: a multipoint) or a line's vertices
  // Polygons: rings without their closing vertex, each outer ring (clockwise on screen, the
  // positive area of MVT 2.1) followed by its holes.
  std::vector<std::vector<MvtPoint>> rings;
  std::vector<std::pair<std::string, MvtValue>> properties;
};

// Twice a ring's signed area in tile coordinates by the surveyor's formula: positive for an
// outer ring (clockwise on screen), negative for a hole.
inline int64_t doubled_area(const std::vector<MvtPoint>& ring) {
  int64_t a = 0;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    a += static_cast<int64_t>(ring[j].first) * ring[i].second -
         static_cast<int64_t>(ring[i].first) * ring[j].second;
  }
  return a;
}

struct MvtLayer {
  std::string name;
  uint32_t extent = 4096;
  std::vector<MvtFeature> features;
};

}  // namespace sf
