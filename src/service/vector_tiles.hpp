// Vector tiles of the OGC collections (OGC API - Tiles, WebMercatorQuad): what a tile of the
// stations, the streets or the coverage holds, as MVT layers in the tile's coordinates.
// Stations are points with their main properties from limits.cluster_below_zoom up, and
// clusters with counts (and counts by host type) below it, so the whole city draws at zoom 9;
// streets are lines from kStreetsMinZoom up; coverage (service/coverage_tiles) is the
// uncovered areas as polygons from kCoverageMinZoom up. The extent is 4,096 with a buffer of
// 64 around the tile. crs= draws every feature in GCJ-02 or BD-09 for basemaps in those datums.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/tile_grid.hpp"
#include "core/vector_tile.hpp"
#include "service/coverage_requests.hpp"
#include "service/ogc_features.hpp"
#include "service/query_params.hpp"
#include "service/snapshot.hpp"

namespace sf {

inline constexpr uint32_t kTileExtent = 4096;
inline constexpr uint32_t kTileBuffer = 64;
inline constexpr int kStreetsMinZoom = 13;
inline constexpr int kCoverageMinZoom = 9;
inline constexpr size_t kTileFeaturesMax = 1000;  // more points than this are clustered

// The collections with tiles: stations, streets (with a network) and coverage; else 404.
OgcCollection find_tiled_collection(const Snapshot& snap, std::string_view id);
// The lowest zoom a collection has tiles at (below it: tile_not_found for coverage, whose empty
// tile would say "covered"; empty tiles for streets).
int tile_min_zoom(OgcCollection c);

// z/y/x of a tile route, checked (parameter_invalid naming z, y or x).
TileId parse_tile(const std::string& z, const std::string& y, const std::string& x);

// What a tile request asks beside z/y/x.
struct TileQuery {
  // crs=: wgs84 (default), gcj02 or bd09, or their /ogc URIs (CRS84, EPSG:4326, the project's
  // URNs); the tile grid stays WebMercatorQuad, the features move.
  Datum datum = Datum::wgs84;
  CoverageQuery coverage;  // coverage tiles: radius_m or walk_minutes, distance, min_stations,
                           // at, exclude (as /v1/gaps; the cell follows the zoom)
  // Station tiles: the queryables as on items (host_type any of, amenities all of, district,
  // datetime, open_now at `at`); points and clusters count only the stations that pass.
  StationFilter stations;
  bool clock_dependent = false;  // open_now without at: the tile is the current minute's
  std::string key;               // what of it changes a tile: for the tile cache
};
// The parameters for collection `c`: crs, for stations their queryables, and for coverage the
// coverage question's. Any other
// is parameter_unknown; a bad value names its parameter; coverage by walk on a snapshot without
// a network is network_missing.
TileQuery parse_tile_query(const QueryParams& q, OgcCollection c, const Limits& limits,
                           const Snapshot& snap);
// Coverage has no tiles below kCoverageMinZoom (an empty tile would say "all covered"):
// tile_not_found naming z.
void check_tile_zoom(OgcCollection c, TileId t);

// The collection's extent (none: it holds nothing).
std::optional<BBox> tile_extent(const Snapshot& snap, OgcCollection c);

// What tiles are made from beside the snapshot.
struct TileSources {
  const Snapshot& snap;
  const Limits& limits;
  const Region* exclusion = nullptr;  // the server's excluded areas, for coverage
};
// The tile's layers (one, named as the collection).
std::vector<MvtLayer> tile_layers(const TileSources& sources, OgcCollection c, TileId t,
                                  const TileQuery& q);

}  // namespace sf
