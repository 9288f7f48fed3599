// What a server answers from, swapped whole: the snapshot (one immutable catalog, where it
// came from, its pre-rendered station JSON, the street network and the stations on it) and
// the coverage layers beside it. Readers keep
// the one they started with; writers and reloads publish new ones.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/demand.hpp"
#include "core/region.hpp"
#include "core/siting.hpp"
#include "core/time.hpp"
#include "service/walk_network.hpp"

namespace sf {

class RenderCache;  // render/render.hpp's, built when a snapshot is published

// Layers the coverage questions use beside the stations: areas to leave out, candidate sites
// for suggestions, and the (private) demand points. Swapped whole, like the snapshot.
struct CoverageLayers {
  std::shared_ptr<const Region> exclusion;
  std::string exclusion_source;
  std::shared_ptr<const std::vector<Candidate>> candidates;
  std::string candidates_source;
  std::shared_ptr<const DemandLayer> demand;
  UnixSeconds demand_loaded_at = 0;
};

// What the server answers from: one catalog and where it came from.
struct Snapshot {
  std::shared_ptr<const Catalog> catalog;
  std::string source;  // data source as given (for /v1/meta)
  UnixSeconds loaded_at = 0;
  // Pre-rendered station JSON; the server builds it on publish for catalogs of at most
  // ServerConfig::render_cache_max_stations stations.
  std::shared_ptr<const RenderCache> render_cache;
  // The street network (none: the server was started without --network) and the catalog's
  // stations placed on it; the server places them on publish, sharing the base layer's snaps.
  std::shared_ptr<const WalkNetwork> network;
  std::shared_ptr<const WalkStations> walk_stations;
};

}  // namespace sf
