// The station queries by walk (distance=walk): the k nearest and everything within a walk,
// over a snapshot's network and its placed stations, as Pages like the straight-line ones.
// Hits carry walk_m (both snap legs and the streets between; never under the straight line)
// beside distance_m (the straight line), and each hit's walking path when asked for.
#pragma once

#include "core/catalog.hpp"
#include "core/query.hpp"
#include "service/snapshot.hpp"
#include "service/station_requests.hpp"
#include "service/walk_network.hpp"

namespace sf {

// The snapshot's stations on its network; Error(network_missing) when it has none.
const WalkStations& walk_stations_of(const Snapshot& snapshot);

// The nearest page of `r`, by its measure (the straight line or a walk).
Page nearest_page(const Snapshot& snapshot, const NearestRequest& r);
// The within page of `r`, by its measure.
Page within_page(const Snapshot& snapshot, const WithinRequest& r);

// The k nearest by walk after `offset`, within q.max_distance_m of walk, ties by id. The
// search stops once offset + k + 1 are final, so the page's total is known only when fewer
// were found (total_known); it still tells whether a next page exists. Throws
// Error(not_near_street) naming "lon" when the query point is off the network.
Page nearest_by_walk(const Catalog& catalog, const WalkStations& stations, const NearestQuery& q,
                     bool with_paths);

// Every station within radius_m of walk from `center`, nearest first (ties by id), paged;
// the total is exact.
Page within_walk(const Catalog& catalog, const WalkStations& stations, LonLat center,
                 double radius_m, const StationFilter& filter, size_t offset, size_t limit,
                 bool with_paths);

}  // namespace sf
