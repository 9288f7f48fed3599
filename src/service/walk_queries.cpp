#include "service/walk_queries.hpp"

#include <algorithm>

#include "core/errors.hpp"

namespace sf {

namespace {

// The walks from `point` to the stations that pass `filter`, nearest first, at most `want`.
Page walk_page(const Catalog& catalog, const WalkStations& stations, LonLat point, double max_m,
               const StationFilter& filter, size_t offset, size_t size, size_t want,
               bool with_paths) {
  const WalkNetwork& network = stations.network();
  const WalkGraph& graph = network.graph();
  const WalkGraph::Snap from = network.snap(point, "lon");
  const WalkSearchPool::Lease lease = network.searches().acquire();
  WalkSearch& search = *lease;
  std::vector<WalkHit> hits =
      sf::nearest_by_walk(search, graph, stations.on_network(), from, want, max_m,
                          [&](uint32_t slot) { return catalog.accepts(slot, filter); });
  // Equal walks in id order (slots follow ids within a layer, not across the two).
  std::stable_sort(hits.begin(), hits.end(), [&](const WalkHit& a, const WalkHit& b) {
    if (a.walk_m != b.walk_m) return a.walk_m < b.walk_m;
    return catalog.station(a.station).id < catalog.station(b.station).id;
  });
  Page page;
  page.total = hits.size();
  page.total_known = hits.size() < want;
  for (size_t i = offset; i < hits.size() && i < offset + size; ++i) {
    const uint32_t slot = hits[i].station;
    const LonLat at = catalog.station(slot).position;
    const double straight = distance_m(point, at);
    // Float street lengths may round a walk along a straight street a hair under the line.
    page.hits.push_back({slot, straight, 0, std::max(hits[i].walk_m, straight)});
    if (with_paths) {
      page.paths.push_back(
          walk_path(search, graph, point, from, at, *stations.on_network().snap(slot)));
    }
  }
  return page;
}

}  // namespace

Page nearest_by_walk(const Catalog& catalog, const WalkStations& stations, const NearestQuery& q,
                     bool with_paths) {
  return walk_page(catalog, stations, q.point, q.max_distance_m, q.filter, q.offset, q.k,
                   q.offset + q.k + 1, with_paths);
}

Page within_walk(const Catalog& catalog, const WalkStations& stations, LonLat center,
                 double radius_m, const StationFilter& filter, size_t offset, size_t limit,
                 bool with_paths) {
  return walk_page(catalog, stations, center, radius_m, filter, offset, limit, SIZE_MAX,
                   with_paths);
}

const WalkStations& walk_stations_of(const Snapshot& snapshot) {
  if (!snapshot.walk_stations) {
    throw Error(ErrorCode::network_missing, "distance",
                "this server has no street network to walk on (start it with --network FILE or "
                "STATIONFINDER_NETWORK); distance=straight needs none");
  }
  return *snapshot.walk_stations;
}

Page nearest_page(const Snapshot& snapshot, const NearestRequest& r) {
  if (r.measure.distance == Distance::straight) return snapshot.catalog->nearest(r.query);
  return nearest_by_walk(*snapshot.catalog, walk_stations_of(snapshot), r.query, r.measure.path);
}

Page within_page(const Snapshot& snapshot, const WithinRequest& r) {
  if (r.measure.distance == Distance::straight) {
    return snapshot.catalog->within_radius(r.center, r.radius_m, r.common.filter, r.window.offset,
                                           r.window.size);
  }
  return within_walk(*snapshot.catalog, walk_stations_of(snapshot), r.center, r.radius_m,
                     r.common.filter, r.window.offset, r.window.size, r.measure.path);
}

}  // namespace sf
