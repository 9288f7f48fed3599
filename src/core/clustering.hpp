// Stations grouped for a map view: at a web-map zoom level, stations that fall in the same
// square of `cell_px` screen pixels (Web Mercator, 256-pixel tiles) form one cluster, so a
// city-wide view ships a few hundred clusters with counts instead of every station.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/amenity.hpp"
#include "core/geodesy.hpp"

namespace sf {

struct MapCluster {
  LonLat centre;  // the mean position of its stations
  size_t count = 0;
  uint32_t first = 0;  // the member with the lowest input position (the station when count 1)
  std::array<uint32_t, kHostTypeCount> hosts{};  // members per host type
  int64_t cell_x = 0, cell_y = 0;                // the pixel square, for stable ids
};

struct ClusterMember {
  LonLat position;
  HostType host;
  uint32_t index;  // the caller's station index
};

// Clusters come out ordered by cell (north-west first, row by row), deterministic for the
// same members in any order; `first` is the member with the lowest index.
std::vector<MapCluster> cluster_for_zoom(std::span<const ClusterMember> members, int zoom,
                                         double cell_px = 64);

}  // namespace sf
