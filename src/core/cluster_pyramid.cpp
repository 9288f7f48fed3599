#include "core/cluster_pyramid.hpp"

#include <algorithm>

namespace sf {

namespace {

bool before(const MapCluster& a, const MapCluster& b) {
  return a.cell_y != b.cell_y ? a.cell_y < b.cell_y : a.cell_x < b.cell_x;
}

// Floor division by two, for negative cells too.
int64_t half(int64_t v) {
  return v >= 0 ? v / 2 : -((-v + 1) / 2);
}

}  // namespace

ClusterPyramid::ClusterPyramid(std::span<const ClusterMember> members, int top) {
  if (top <= 0) return;
  levels_.resize(static_cast<size_t>(top));
  // The top level from the members; centres kept as sums while coarser levels are merged.
  std::vector<MapCluster> level = cluster_for_zoom(members, top - 1, kCellPx);
  for (MapCluster& c : level) {
    c.centre.lon *= static_cast<double>(c.count);
    c.centre.lat *= static_cast<double>(c.count);
  }
  for (int z = top - 1; z >= 0; --z) {
    std::vector<MapCluster> parents;
    if (z > 0) {
      parents = level;
      for (MapCluster& p : parents) {
        p.cell_x = half(p.cell_x);
        p.cell_y = half(p.cell_y);
      }
      std::stable_sort(parents.begin(), parents.end(), before);
      size_t out = 0;
      for (size_t i = 0; i < parents.size(); ++out) {
        MapCluster merged = parents[i];
        size_t j = i + 1;
        for (; j < parents.size() && parents[j].cell_x == merged.cell_x &&
               parents[j].cell_y == merged.cell_y;
             ++j) {
          const MapCluster& c = parents[j];
          merged.count += c.count;
          merged.first = std::min(merged.first, c.first);
          merged.centre.lon += c.centre.lon;
          merged.centre.lat += c.centre.lat;
          for (size_t h = 0; h < merged.hosts.size(); ++h) merged.hosts[h] += c.hosts[h];
        }
        parents[out] = merged;
        i = j;
      }
      parents.resize(out);
    }
    levels_[static_cast<size_t>(z)].clusters = std::move(level);
    level = std::move(parents);
  }
}

std::vector<MapCluster> ClusterPyramid::in_cells(int z, int64_t x0, int64_t y0, int64_t x1,
                                                 int64_t y1) const {
  std::vector<MapCluster> out;
  if (z < 0 || z >= top()) return out;
  const std::vector<MapCluster>& all = levels_[static_cast<size_t>(z)].clusters;
  for (int64_t y = y0; y <= y1; ++y) {
    MapCluster key;
    key.cell_x = x0;
    key.cell_y = y;
    for (auto it = std::lower_bound(all.begin(), all.end(), key, before);
         it != all.end() && it->cell_y == y && it->cell_x <= x1; ++it) {
      MapCluster c = *it;
      c.centre = {c.centre.lon / static_cast<double>(c.count),
                  c.centre.lat / static_cast<double>(c.count)};
      out.push_back(c);
    }
  }
  return out;
}

size_t ClusterPyramid::bytes() const {
  size_t b = 0;
  for (const Level& l : levels_) b += l.clusters.capacity() * sizeof(MapCluster);
  return b;
}

}  // namespace sf
