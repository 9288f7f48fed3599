// Vector tiles of the OGC collections (OGC API - Tiles, WebMercatorQuad): what a tile of the
// stations or the streets holds, as MVT layers in the tile's coordinates. Stations are points
// with their main properties from limits.cluster_below_zoom up, and clusters with counts (and
// counts by host type) below it, so the whole city draws at zoom 9; streets are lines from
// kStreetsMinZoom up. The extent is 4,096 with a buffer of 64 around the tile.
#pragma once

#include <optional>
#include <vector>

#include "core/limits.hpp"
#include "core/tile_grid.hpp"
#include "core/vector_tile.hpp"
#include "service/ogc_features.hpp"
#include "service/snapshot.hpp"

namespace sf {

inline constexpr uint32_t kTileExtent = 4096;
inline constexpr uint32_t kTileBuffer = 64;
inline constexpr int kStreetsMinZoom = 13;
inline constexpr size_t kTileFeaturesMax = 1000;  // more points than this are clustered

// z/y/x of a tile route, checked (parameter_invalid naming z, y or x).
TileId parse_tile(const std::string& z, const std::string& y, const std::string& x);
// The collection's extent (none: it holds nothing).
std::optional<BBox> tile_extent(const Snapshot& snap, OgcCollection c);
// The tile's layers (one, named as the collection); none for districts (not tiled).
std::vector<MvtLayer> tile_layers(const Snapshot& snap, OgcCollection c, TileId t,
                                  const Limits& limits);

}  // namespace sf
