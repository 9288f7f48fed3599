// The documents of OGC API - Features under /ogc: the landing page, conformance, the
// collections and each collection, items pages (GeoJSON, written in pieces as they are read)
// and single items, the OpenAPI 3.0 service description, and a plain HTML view of each.
// Links are absolute: the front-end gives the base ("http://host:port", from --public-url or
// the request's proxy headers).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "service/ogc_features.hpp"
#include "service/snapshot.hpp"

namespace sf {

// The conformance classes these routes pass, each as its URI.
const std::vector<std::string_view>& ogc_conformance_classes();

// The temporal extent of the stations (their updated_at), none when no station has one.
struct TimeExtent {
  UnixSeconds first = 0, last = 0;
};
std::optional<TimeExtent> station_time_extent(const Catalog& catalog);

struct OgcContext {
  const Snapshot& snapshot;
  std::string base;  // absolute, without a trailing slash: "http://h:8080"
  std::optional<TimeExtent> stations_time;
};

std::string render_ogc_landing(const OgcContext& ctx, OgcFormat format);
std::string render_ogc_conformance(const OgcContext& ctx, OgcFormat format);
std::string render_ogc_collections(const OgcContext& ctx, OgcFormat format);
std::string render_ogc_collection(const OgcContext& ctx, OgcCollection c, OgcFormat format);
// The queryables of a collection as a JSON Schema (Part 3); only stations have any.
std::string render_ogc_queryables(const OgcContext& ctx, OgcCollection c, OgcFormat format);
// OGC API - Tiles for a tiled collection (stations, streets, coverage): the list of its
// tilesets (one: WebMercatorQuad), that tileset's metadata with its limits zoom by zoom, and
// its TileJSON 3.0 document (for MapLibre). `query` ("?k=v…" or empty) is carried into every
// tile link: coverage's question and crs.
std::string render_tilesets(const OgcContext& ctx, OgcCollection c, const std::string& query);
std::string render_tileset(const OgcContext& ctx, OgcCollection c, const std::string& query);
std::string render_tilejson(const OgcContext& ctx, OgcCollection c, const std::string& query);
// The tile matrix sets (/ogc/tileMatrixSets) and WebMercatorQuad's definition (OGC 17-083r4).
std::string render_tile_matrix_sets(const OgcContext& ctx);
std::string render_web_mercator_quad(const OgcContext& ctx);
// The OpenAPI 3.0 description of these routes (JSON), with the limits `limits` holds.
std::string render_ogc_openapi(const OgcContext& ctx, const Limits& limits);

// An items page: self, alternate and (unless it is the last) next links, with the query's own
// parameters. `sink` takes the answer in pieces of about 64 kB, in order.
struct ItemsLinks {
  std::string self, alternate, next;  // next empty: the last page
  std::string collection;
};
void write_ogc_items(const OgcContext& ctx, const ItemsRequest& r, const ItemsPage& page,
                     const ItemsLinks& links, const std::function<void(std::string_view)>& sink);
std::string render_ogc_item(const OgcContext& ctx, OgcCollection c, uint32_t item, UnixSeconds at,
                            OgcCrs crs, OgcFormat format);

}  // namespace sf
