#include "core/clustering.hpp"

#include <algorithm>
#include <cmath>

namespace sf {

std::vector<MapCluster> cluster_for_zoom(std::span<const ClusterMember> members, int zoom,
                                         double cell_px) {
  const double world_px = 256.0 * std::ldexp(1.0, zoom);
  struct Keyed {
    int64_t cx, cy;
    const ClusterMember* m;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(members.size());
  for (const ClusterMember& m : members) {
    const double lat = std::clamp(m.position.lat, -85.05112878, 85.05112878);
    const double x = (m.position.lon + 180.0) / 360.0 * world_px;
    const double s = std::sin(deg2rad(lat));
    const double y = (0.5 - std::log((1 + s) / (1 - s)) / (4 * kPi)) * world_px;
    keyed.push_back({static_cast<int64_t>(std::floor(x / cell_px)),
                     static_cast<int64_t>(std::floor(y / cell_px)), &m});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.cy != b.cy) return a.cy < b.cy;
    if (a.cx != b.cx) return a.cx < b.cx;
    return a.m->index < b.m->index;
  });
  std::vector<MapCluster> out;
  for (size_t i = 0; i < keyed.size();) {
    MapCluster c;
    c.cell_x = keyed[i].cx;
    c.cell_y = keyed[i].cy;
    c.first = keyed[i].m->index;
    double lon = 0, lat = 0;
    size_t j = i;
    for (; j < keyed.size() && keyed[j].cx == c.cell_x && keyed[j].cy == c.cell_y; ++j) {
      lon += keyed[j].m->position.lon;
      lat += keyed[j].m->position.lat;
      ++c.hosts[static_cast<size_t>(keyed[j].m->host)];
    }
    c.count = j - i;
    c.centre = {lon / static_cast<double>(c.count), lat / static_cast<double>(c.count)};
    out.push_back(c);
    i = j;
  }
  return out;
}

}  // namespace sf
