// Every station clustered at every zoom below a top zoom, once: the squares of
// core/clustering (64 screen pixels of 256-pixel tiles) at the top zoom, each coarser zoom
// merging the four squares under each of its own. A low-zoom vector tile then reads its few
// dozen clusters instead of gathering and clustering every station of its squares per request.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/clustering.hpp"

namespace sf {

class ClusterPyramid {
 public:
  static constexpr double kCellPx = 64;
  // Zooms 0 to top - 1.
  ClusterPyramid(std::span<const ClusterMember> members, int top);

  int top() const { return static_cast<int>(levels_.size()); }
  // The clusters of zoom z whose squares have columns x0…x1 and rows y0…y1 (inclusive), row by
  // row as cluster_for_zoom orders them; their centres are the means of their members.
  std::vector<MapCluster> in_cells(int z, int64_t x0, int64_t y0, int64_t x1, int64_t y1) const;
  size_t bytes() const;

 private:
  struct Level {
    std::vector<MapCluster> clusters;  // by row, then column; centre holds the sums
  };
  std::vector<Level> levels_;  // index: zoom
};

}  // namespace sf
