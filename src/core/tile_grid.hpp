// The WebMercatorQuad tile grid (OGC 17-083r4; the XYZ tiles of every web map): a tile's
// lon/lat bounds and a position in a tile's own integer coordinates (extent units from its
// north-west corner), for vector tiles.
#pragma once

#include <cstdint>
#include <utility>

#include "core/geodesy.hpp"
#include "core/region.hpp"

namespace sf {

struct TileId {
  int z = 0;
  uint32_t x = 0, y = 0;
  bool valid() const { return z >= 0 && z <= 24 && x < (1u << z) && y < (1u << z); }
};

// The tile's bounds in WGS84 (latitudes within ±85.0511°).
BBox tile_bounds(TileId t);
// `p` in the tile's coordinates: 0..extent across the tile, y growing southwards; points
// outside the tile fall outside that range.
std::pair<int32_t, int32_t> tile_point(TileId t, LonLat p, uint32_t extent);

}  // namespace sf
