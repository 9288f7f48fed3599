#include "service/vector_tiles.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <memory>
#include <mutex>

#include "core/cluster_pyramid.hpp"
#include "core/clustering.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "service/coverage_tiles.hpp"

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

constexpr double kBufferFraction = static_cast<double>(kTileBuffer) / kTileExtent;

// crs= of a tile: the v1 API's short names or the /ogc URIs of the datums the tiles can be
// drawn in.
Datum parse_tile_datum(const QueryParams& q) {
  const auto crs = q.get("crs");
  if (!crs) return Datum::wgs84;
  if (const auto d = parse_datum(*crs)) return *d;
  for (const OgcCrs c : {OgcCrs::crs84, OgcCrs::epsg4326, OgcCrs::gcj02, OgcCrs::bd09}) {
    if (ogc_crs_uri(c) == *crs) return ogc_crs_datum(c);
  }
  throw Error(ErrorCode::unknown_crs, "crs",
              "must be wgs84, gcj02 or bd09 (or " + std::string(ogc_crs_uri(OgcCrs::gcj02)) + ", " +
                  std::string(ogc_crs_uri(OgcCrs::bd09)) +
                  "): the datum the tile's features are drawn in; the grid stays "
                  "WebMercatorQuad");
}

MvtFeature station_point(const Catalog& catalog, uint32_t slot, const TileFrame& frame) {
  const StationView s = catalog.station(slot);
  MvtFeature f;
  f.id = slot;
  f.points.push_back(frame.point(s.position));
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
constexpr double kClusterPx = ClusterPyramid::kCellPx;

// Whether a cluster's square reaches into the tile or its buffer (world pixels at t.z).
bool reaches(const MapCluster& c, TileId t) {
  const double buffer_px = 256.0 * kBufferFraction;
  const double x0 = c.cell_x * kClusterPx, y0 = c.cell_y * kClusterPx;
  return x0 < (t.x + 1) * 256.0 + buffer_px && x0 + kClusterPx > t.x * 256.0 - buffer_px &&
         y0 < (t.y + 1) * 256.0 + buffer_px && y0 + kClusterPx > t.y * 256.0 - buffer_px;
}

// Every station of the catalog clustered at each zoom below `top`, built by the first tile that
// needs it in each dataset version (about 0.2 s for a million stations) and kept until the next.
std::shared_ptr<const ClusterPyramid> pyramid_of(const Catalog& catalog, int top) {
  static std::mutex mutex;
  static std::string version;
  static std::shared_ptr<const ClusterPyramid> kept;
  std::lock_guard lock(mutex);
  if (!kept || version != catalog.version() || kept->top() != top) {
    std::vector<ClusterMember> members;
    members.reserve(catalog.size());
    for (uint32_t slot = 0; slot < catalog.slot_count(); ++slot) {
      if (!catalog.live(slot)) continue;
      const StationView s = catalog.station(slot);
      members.push_back({s.position, s.host_type, slot});
    }
    kept = std::make_shared<const ClusterPyramid>(members, top);
    version = catalog.version();
  }
  return kept;
}

MvtFeature cluster_feature(const Catalog& catalog, const MapCluster& c, const TileFrame& frame) {
  if (c.count == 1) return station_point(catalog, c.first, frame);
  MvtFeature f;
  f.id = (static_cast<uint64_t>(c.cell_x) << 32) ^ static_cast<uint64_t>(c.cell_y);
  f.points.push_back(tile_point(frame.tile, c.centre, kTileExtent));  // the centre is in the datum
  f.properties.emplace_back("cluster", true);
  f.properties.emplace_back("count", static_cast<int64_t>(c.count));
  for (int h = 0; h < kHostTypeCount; ++h) {
    if (c.hosts[h] == 0) continue;
    f.properties.emplace_back(std::string(host_type_name(static_cast<HostType>(h))),
                              static_cast<int64_t>(c.hosts[h]));
  }
  return f;
}

MvtLayer station_layer(const Snapshot& snap, const TileFrame& frame, const Limits& limits,
                       const StationFilter& filter) {
  const Catalog& catalog = *snap.catalog;
  const TileId t = frame.tile;
  MvtLayer layer{"stations", kTileExtent, {}};
  if (t.z >= static_cast<int>(limits.cluster_below_zoom)) {
    const Page found = catalog.in_bbox(frame.wgs84_box(kBufferFraction), filter, 0, catalog.size());
    if (found.hits.size() <= kTileFeaturesMax) {
      // In another datum the WGS84 box holds a little more than the tile: those drawn outside
      // the buffer are left out.
      const auto low = -static_cast<int32_t>(kTileBuffer);
      const auto high = static_cast<int32_t>(kTileExtent + kTileBuffer);
      for (const Hit& h : found.hits) {
        MvtFeature f = station_point(catalog, h.index, frame);
        const auto [x, y] = f.points[0];
        if (frame.datum != Datum::wgs84 && (x < low || x > high || y < low || y > high)) continue;
        layer.features.push_back(std::move(f));
      }
      return layer;
    }
  }
  // Below the points' zoom, in WGS84 and unfiltered, the clusters come from the pyramid: the
  // squares that reach into the buffered tile (one more on every side, then each tested).
  const int top = static_cast<int>(limits.cluster_below_zoom);
  if (t.z < top && frame.datum == Datum::wgs84 && filter.empty()) {
    const auto pyramid = pyramid_of(catalog, top);
    const int64_t per_tile = static_cast<int64_t>(256 / kClusterPx);
    const int64_t x0 = static_cast<int64_t>(t.x) * per_tile - 1;
    const int64_t y0 = static_cast<int64_t>(t.y) * per_tile - 1;
    for (const MapCluster& c :
         pyramid->in_cells(t.z, x0, y0, x0 + per_tile + 1, y0 + per_tile + 1)) {
      if (reaches(c, t)) layer.features.push_back(cluster_feature(catalog, c, frame));
    }
    return layer;
  }
  // Otherwise every station of each square that reaches into the buffered tile, so a cluster
  // drawn by two tiles has the same count in both: the box grows by one square on every side.
  // Squares are those of the datum the tile is drawn in.
  const Page found = catalog.in_bbox(frame.wgs84_box(kClusterPx / 256), filter, 0, catalog.size());
  std::vector<ClusterMember> members;
  members.reserve(found.hits.size());
  for (const Hit& h : found.hits) {
    const StationView s = catalog.station(h.index);
    members.push_back({from_wgs84(s.position, frame.datum), s.host_type, h.index});
  }
  // Cells of 64 px at this zoom (256-pixel tiles: 16 a tile), finer when the zoom is high.
  for (const MapCluster& c : cluster_for_zoom(members, t.z, kClusterPx)) {
    if (reaches(c, t)) layer.features.push_back(cluster_feature(catalog, c, frame));
  }
  return layer;
}

MvtLayer street_layer(const WalkNetwork& network, const TileFrame& frame) {
  MvtLayer layer{"streets", kTileExtent, {}};
  if (frame.tile.z < kStreetsMinZoom) return layer;
  const BBox box = frame.wgs84_box(kBufferFraction);
  const WalkGraph& g = network.graph();
  for (uint32_t s = 0; s < g.segment_count(); ++s) {
    const auto [a, b] = g.segment_nodes(s);
    if (!box.meets_segment(g.node(a), g.node(b))) continue;
    MvtFeature f;
    f.id = s;
    f.geometry = MvtGeometry::line;
    f.points = {frame.point(g.node(a)), frame.point(g.node(b))};
    const StreetLabel& label = network.label_of(s);
    if (!label.street_class.empty()) f.properties.emplace_back("class", label.street_class);
    if (!label.name.empty()) f.properties.emplace_back("name", label.name);
    // To the decimetre, as the JSON API writes it.
    f.properties.emplace_back("length_m", std::round(g.segment_length_m(s) * 10) / 10);
    layer.features.push_back(std::move(f));
  }
  return layer;
}

}  // namespace

OgcCollection find_tiled_collection(const Snapshot& snap, std::string_view id) {
  const OgcCollection c = find_ogc_collection(snap, id);
  if (c == OgcCollection::districts) {
    throw Error(ErrorCode::collection_not_found, "collectionId",
                "the districts collection has no tiles (stations, streets and coverage do)");
  }
  return c;
}

int tile_min_zoom(OgcCollection c) {
  return c == OgcCollection::streets    ? kStreetsMinZoom
         : c == OgcCollection::coverage ? kCoverageMinZoom
                                        : 0;
}

TileId parse_tile(const std::string& z, const std::string& y, const std::string& x) {
  TileId t;
  t.z = static_cast<int>(tile_number(z, "z", 24));
  const uint32_t max = (1u << t.z) - 1;
  t.y = tile_number(y, "y", max);
  t.x = tile_number(x, "x", max);
  return t;
}

TileQuery parse_tile_query(const QueryParams& q, OgcCollection c, const Limits& limits,
                           const Snapshot& snap) {
  TileQuery t;
  if (c == OgcCollection::stations) {
    q.allow_only({"crs", "host_type", "amenities", "district", "datetime", "open_now", "at"});
    t.datum = parse_tile_datum(q);
    const QueryInstant at = parse_station_queryables(q, *snap.catalog, t.stations);
    t.clock_dependent = t.stations.open_at_minute_of_week.has_value() && !at.given;
    t.key = datum_name(t.datum);
    for (const char* name : {"host_type", "amenities", "district", "datetime"}) {
      if (const auto v = q.get(name)) t.key += std::string(";") + name + "=" + *v;
    }
    if (const auto& minute = t.stations.open_at_minute_of_week) {
      t.key += ";open=" + std::to_string(*minute);
    }
    return t;
  }
  if (c != OgcCollection::coverage) {
    q.allow_only({"crs"});
    t.datum = parse_tile_datum(q);
    t.key = datum_name(t.datum);
    return t;
  }
  q.allow_only({"crs", "radius_m", "walk_minutes", "min_stations", "at", "distance", "exclude"});
  t.datum = parse_tile_datum(q);
  QueryParams::Raw rest = q.raw();  // crs read above: the coverage parser knows short names only
  rest.erase("crs");
  t.coverage = parse_coverage_query(QueryParams(rest), limits);
  const CoverageOptions& o = t.coverage.options;
  if (o.distance == Distance::walk && !snap.network) {
    throw Error(ErrorCode::network_missing, "distance",
                "this server has no street network to walk on (start it with --network FILE "
                "or STATIONFINDER_NETWORK); distance=straight needs none");
  }
  const auto minute = minute_of_week_at(t.coverage.at);
  t.key = std::string(datum_name(t.datum)) + ";r=" + number_text(o.radius_m) +
          ";m=" + std::to_string(o.min_stations) +
          (o.distance == Distance::walk ? ";walk" : ";straight") +
          ";t=" + (minute ? std::to_string(*minute) : "all") +
          (t.coverage.use_exclusion ? ";x" : "");
  return t;
}

void check_tile_zoom(OgcCollection c, TileId t) {
  if (c == OgcCollection::coverage && t.z < kCoverageMinZoom) {
    throw Error(ErrorCode::tile_not_found, "z",
                "coverage tiles start at zoom " + std::to_string(kCoverageMinZoom) +
                    " (a tile is one coverage question with a cell a pixel; /v1/gaps answers "
                    "for a whole region)");
  }
}

std::optional<BBox> tile_extent(const Snapshot& snap, OgcCollection c) {
  switch (c) {
    case OgcCollection::stations:
      return snap.catalog->bbox();
    case OgcCollection::streets:
      if (snap.network) return snap.network->bbox();
      return std::nullopt;
    case OgcCollection::coverage:
      return coverage_extent(*snap.catalog);
    case OgcCollection::districts:
      break;
  }
  return std::nullopt;
}

std::vector<MvtLayer> tile_layers(const TileSources& sources, OgcCollection c, TileId t,
                                  const TileQuery& q) {
  const TileFrame frame{t, q.datum, kTileExtent};
  switch (c) {
    case OgcCollection::stations:
      return {station_layer(sources.snap, frame, sources.limits, q.stations)};
    case OgcCollection::streets:
      return {street_layer(*sources.snap.network, frame)};
    case OgcCollection::coverage:
      return {coverage_layer(sources.snap, sources.exclusion, q.coverage, frame, kBufferFraction)};
    case OgcCollection::districts:
      break;
  }
  return {};
}

}  // namespace sf
