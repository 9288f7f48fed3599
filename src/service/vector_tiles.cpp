#include "service/vector_tiles.hpp"

#include <algorithm>
#include <charconv>

#include "core/clustering.hpp"
#include "core/errors.hpp"

namespace sf {

namespace {

uint32_t tile_number(const std::string& text, const char* name, uint32_t max) {
  uint32_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v > max) {
    throw Error(ErrorCode::parameter_invalid, name,
                std::string("must be a whole number from 0 to ") + std::to_string(max) +
                    (std::string(name) == "z" ? "" : " (2^z - 1)"));
  }
  return v;
}

// The tile's box grown by `fraction` of a tile on every side, in lon/lat.
BBox grown(TileId t, double fraction) {
  const BBox b = tile_bounds(t);
  const double dx = (b.east - b.west) * fraction, dy = (b.north - b.south) * fraction;
  return BBox{std::max(-180.0, b.west - dx), std::max(-85.06, b.south - dy),
              std::min(180.0, b.east + dx), std::min(85.06, b.north + dy)};
}

// The tile's box with the buffer around it, in lon/lat.
BBox buffered(TileId t) {
  return grown(t, static_cast<double>(kTileBuffer) / kTileExtent);
}

MvtFeature station_point(const Catalog& catalog, uint32_t slot, TileId t) {
  const StationView s = catalog.station(slot);
  MvtFeature f;
  f.id = slot;
  f.points.push_back(tile_point(t, s.position, kTileExtent));
  std::string amenities;
  for (std::string_view a : amenity_names(s.amenities)) {
    if (!amenities.empty()) amenities += ',';
    amenities += a;
  }
  f.properties = {{"id", std::string(s.id)},
                  {"name", std::string(s.name)},
                  {"host_type", std::string(host_type_name(s.host_type))},
                  {"amenities", amenities},
                  {"opening_hours", std::string(s.opening_hours)},
                  {"district", std::string(s.district)}};
  return f;
}

// Clusters are squares of kClusterPx screen pixels (256 a tile), aligned with the tiles.
constexpr double kClusterPx = 64;

// Whether a cluster's square reaches into the tile or its buffer (world pixels at t.z).
bool reaches(const MapCluster& c, TileId t) {
  const double buffer_px = 256.0 * kTileBuffer / kTileExtent;
  const double x0 = c.cell_x * kClusterPx, y0 = c.cell_y * kClusterPx;
  return x0 < (t.x + 1) * 256.0 + buffer_px && x0 + kClusterPx > t.x * 256.0 - buffer_px &&
         y0 < (t.y + 1) * 256.0 + buffer_px && y0 + kClusterPx > t.y * 256.0 - buffer_px;
}

MvtLayer station_layer(const Snapshot& snap, TileId t, const Limits& limits) {
  const Catalog& catalog = *snap.catalog;
  MvtLayer layer{"stations", kTileExtent, {}};
  if (t.z >= static_cast<int>(limits.cluster_below_zoom)) {
    const Page found = catalog.in_bbox(buffered(t), StationFilter{}, 0, catalog.size());
    if (found.hits.size() <= kTileFeaturesMax) {
      for (const Hit& h : found.hits) layer.features.push_back(station_point(catalog, h.index, t));
      return layer;
    }
  }
  // Every station of each square that reaches into the buffered tile, so a cluster drawn by two
  // tiles has the same count in both: the box grows by one square on every side.
  const Page found =
      catalog.in_bbox(grown(t, kClusterPx / 256), StationFilter{}, 0, catalog.size());
  std::vector<ClusterMember> members;
  members.reserve(found.hits.size());
  for (const Hit& h : found.hits) {
    const StationView s = catalog.station(h.index);
    members.push_back({s.position, s.host_type, h.index});
  }
  // Cells of 64 px at this zoom (256-pixel tiles: 16 a tile), finer when the zoom is high.
  for (const MapCluster& c : cluster_for_zoom(members, t.z, kClusterPx)) {
    if (!reaches(c, t)) continue;
    if (c.count == 1) {
      layer.features.push_back(station_point(catalog, c.first, t));
      continue;
    }
    MvtFeature f;
    f.id = (static_cast<uint64_t>(c.cell_x) << 32) ^ static_cast<uint64_t>(c.cell_y);
    f.points.push_back(tile_point(t, c.centre, kTileExtent));
    f.properties.emplace_back("cluster", true);
    f.properties.emplace_back("count", static_cast<int64_t>(c.count));
    for (int h = 0; h < kHostTypeCount; ++h) {
      if (c.hosts[h] == 0) continue;
      f.properties.emplace_back(std::string(host_type_name(static_cast<HostType>(h))),
                                static_cast<int64_t>(c.hosts[h]));
    }
    layer.features.push_back(std::move(f));
  }
  return layer;
}

MvtLayer street_layer(const WalkNetwork& network, TileId t) {
  MvtLayer layer{"streets", kTileExtent, {}};
  if (t.z < kStreetsMinZoom) return layer;
  const BBox box = buffered(t);
  const WalkGraph& g = network.graph();
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    if (!box.meets_segment(g.node(a), g.node(b))) continue;
    MvtFeature f;
    f.id = s;
    f.line = true;
    f.points = {tile_point(t, g.node(a), kTileExtent), tile_point(t, g.node(b), kTileExtent)};
    const StreetLabel& label = network.label_of(s);
    if (!label.street_class.empty()) f.properties.emplace_back("class", label.street_class);
    if (!label.name.empty()) f.properties.emplace_back("name", label.name);
    f.properties.emplace_back("length_m", static_cast<double>(g.segment_length_m(s)));
    layer.features.push_back(std::move(f));
  }
  return layer;
}

}  // namespace

TileId parse_tile(const std::string& z, const std::string& y, const std::string& x) {
  TileId t;
  t.z = static_cast<int>(tile_number(z, "z", 24));
  const uint32_t max = (1u << t.z) - 1;
  t.y = tile_number(y, "y", max);
  t.x = tile_number(x, "x", max);
  return t;
}

std::optional<BBox> tile_extent(const Snapshot& snap, OgcCollection c) {
  if (c == OgcCollection::stations) return snap.catalog->bbox();
  if (c != OgcCollection::streets || !snap.network) return std::nullopt;
  return snap.network->bbox();
}

std::vector<MvtLayer> tile_layers(const Snapshot& snap, OgcCollection c, TileId t,
                                  const Limits& limits) {
  if (c == OgcCollection::stations) return {station_layer(snap, t, limits)};
  if (c == OgcCollection::streets) return {street_layer(*snap.network, t)};
  return {};
}

}  // namespace sf
