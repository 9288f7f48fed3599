// Results → JSON, GeoJSON and problem+json bodies.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/datum.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/time.hpp"
#include "render/json_writer.hpp"
#include "service/fields.hpp"
#include "service/query_params.hpp"
#include "service/snapshot.hpp"

namespace sf {

enum class HitKind { plain, distance, route };

// The static members of every station's JSON item (id … updated_at, WGS84, all fields),
// rendered once per snapshot: answers then copy them instead of escaping field by field.
// About 400 bytes per station, so the server keeps one only for catalogs up to a size limit.
class RenderCache {
 public:
  // Over the catalog's base layer; snapshots that share that layer can share the cache.
  static std::shared_ptr<const RenderCache> build(const Catalog& catalog);
  bool built_for(const Catalog& catalog) const { return base_ == catalog.base(); }
  bool covers(uint32_t slot) const { return slot + 1 < offsets_.size(); }
  std::string_view fragment(uint32_t slot) const;
  size_t bytes() const { return text_.size() + offsets_.size() * sizeof(size_t); }

 private:
  std::shared_ptr<const CatalogLayer> base_;
  std::string text_;
  std::vector<size_t> offsets_;
};

// How a position is written: longitude, latitude (in the context's datum: every v1 answer),
// or as OGC API - Features Part 2 asks for EPSG:4326 (latitude first) and EPSG:3857 (Web
// Mercator metres, from WGS84).
enum class Axes { lon_lat, lat_lon, web_mercator };
// [a, b] of one position; degrees with `decimals` digits, metres with 2.
void write_position(JsonWriter& w, LonLat wgs84, Datum datum, Axes axes, int decimals);

struct RenderContext {
  const Catalog& catalog;
  Datum datum = Datum::wgs84;
  UnixSeconds at = 0;            // the instant for open_now / closes_at / opens_at
  std::optional<LonLat> origin;  // WGS84 query point: bearing_deg is from here
  HitKind kind = HitKind::plain;
  FieldSet fields = kAllFields;
  const RenderCache* cache = nullptr;  // used when it applies (WGS84, all fields, JSON items)
  double walk_speed_kmh = kDefaultLimits.walk_speed_kmh;  // walk_m becomes walk_minutes at it
  Axes axes = Axes::lon_lat;
};

struct Link {
  std::string rel;
  std::string href;
};

// One station as a JSON object (format=json) or a GeoJSON Feature.
// A hit by walk adds walk_m, walk_minutes and, when given, its walk_path (a LineString).
void write_station(JsonWriter& w, const RenderContext& ctx, const Hit& hit,
                   const std::vector<LonLat>* walk_path = nullptr);
// crs_member: say the datum in the Feature itself (a standalone answer outside WGS84).
void write_feature(JsonWriter& w, const RenderContext& ctx, const Hit& hit, bool crs_member = false,
                   const std::vector<LonLat>* walk_path = nullptr);

// {"items": […], "total": N, "links": […]} or a FeatureCollection with numberMatched,
// numberReturned and links (OGC API Features), plus a "crs" member outside WGS84. A page whose
// total is not known (nearest by walk) has "total": null and no numberMatched.
std::string render_page(const RenderContext& ctx, const Page& page, Format format,
                        const std::vector<Link>& links);
// Writes the page as one value into an enclosing document (batch answers).
void write_page(JsonWriter& w, const RenderContext& ctx, const Page& page, Format format,
                const std::vector<Link>& links);

std::string render_single(const RenderContext& ctx, const Hit& hit, Format format);

// A zoomed-out map view: the page's stations as clusters with counts per 64-pixel square of
// `zoom` (single stations as themselves), a GeoJSON FeatureCollection.
std::string render_clusters(const RenderContext& ctx, const Page& all, size_t zoom);

// POST /v1/stations/nearest: {"results": [{"point", "result": page}, …], "count"}, each page
// measured from its point.
std::string render_batch(const RenderContext& ctx, const std::vector<LonLat>& points,
                         const std::vector<Page>& pages, Format format);

// One district as a GeoJSON MultiPolygon Feature with its names, code and station count; with
// `id` given, the Feature's id member.
void write_district_feature(JsonWriter& w, const Catalog& catalog, const District& d, Datum datum,
                            const std::string* id, Axes axes = Axes::lon_lat);

// GET /v1/districts: the districts with station counts, as items or (GeoJSON) outlines.
std::string render_districts(const Catalog& catalog, Datum datum, Format format);

// GET /v1/meta: the dataset, the build, the vocabularies, every route, the limits, the layers.
struct MetaFacts {
  const Snapshot& snapshot;
  const CoverageLayers& layers;
  const std::vector<std::string>& routes;
  const Limits& limits;
  size_t coverage_threads;
  size_t coverage_queue;
};
std::string render_meta(const MetaFacts& facts);

// RFC 7807 problem details with code, parameter and rule.
std::string render_problem(ErrorCode code, const std::string& parameter, const std::string& rule,
                           const std::string& instance);

}  // namespace sf
