#include "core/demand.hpp"

#include <algorithm>

namespace sf {

double DemandLayer::total_weight() const {
  double total = 0;
  for (double w : weights) total += w;
  return total;
}

std::vector<uint8_t> demand_reach(std::span<const LonLat> points, const StationIndex& stations,
                                  double radius_m, int cap) {
  std::vector<uint8_t> reach(points.size(), 0);
  const double chord = chord_for_distance(radius_m);
  const size_t want = static_cast<size_t>(std::max(cap, 1));
  for (size_t i = 0; i < points.size(); ++i) {
    const Vec3 q = unit_vector(points[i]);
    const Box3 box = box_around(q, chord);
    size_t n = 0;
    for (const IndexCandidate& c : stations.nearest(q, want, &box, TagFilter{}, nullptr)) {
      if (c.chord <= chord) ++n;
    }
    reach[i] = static_cast<uint8_t>(n);
  }
  return reach;
}

}  // namespace sf
