// The WebMercatorQuad tile grid (OGC 17-083r4; the XYZ tiles of every web map): a tile's
// lon/lat bounds and a position in a tile's own integer coordinates (extent units from its
// north-west corner), for vector tiles.
#pragma once

#include <cstdint>
#include <utility>

#include "core/datum.hpp"
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
// The tile of zoom z holding p (latitudes beyond ±85.0511° in the first or last row).
TileId tile_containing(LonLat p, int z);
// The tile's bounds grown by `fraction` of the tile on every side (within the square world).
BBox grown_bounds(TileId t, double fraction);

// A tile drawn for a basemap in `datum`: WGS84 for most, GCJ-02 or BD-09 for the Chinese ones
// (Amap, Tencent, Baidu), whose tiles put every place where those datums say it is. WGS84
// positions go into the tile through the datum; the tile's boxes come back into WGS84.
struct TileFrame {
  TileId tile;
  Datum datum = Datum::wgs84;
  uint32_t extent = 4096;
  std::pair<int32_t, int32_t> point(LonLat wgs84) const {
    return tile_point(tile, from_wgs84(wgs84, datum), extent);
  }
  // grown_bounds(tile, fraction) as a WGS84 box holding every position drawn inside it.
  BBox wgs84_box(double fraction) const;
};

}  // namespace sf
