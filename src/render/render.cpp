#include "render/render.hpp"

#include <algorithm>
#include <cmath>

#include "core/clustering.hpp"
#include "render/content_types.hpp"

namespace sf {

namespace {

// The datum of an answer outside WGS84: GeoJSON's (2008) named crs object, or in plain JSON
// answers "crs": "gcj02".
void write_crs_member(JsonWriter& w, Datum datum) {
  if (datum == Datum::wgs84) return;
  w.key("crs").begin_object();
  w.field("type", "name");
  w.key("properties").begin_object().field("name", datum_name(datum)).end_object();
  w.end_object();
}

void write_crs_name(JsonWriter& w, Datum datum) {
  if (datum != Datum::wgs84) w.field("crs", datum_name(datum));
}

// The fields that depend on nothing but the station (and the datum and the selection).
void write_static_properties(JsonWriter& w, const RenderContext& ctx, const StationView& s,
                             bool with_position, bool with_id) {
  auto want = [&ctx](Field f) { return (ctx.fields & field_bit(f)) != 0; };
  if (with_id) w.field("id", s.id);
  if (want(Field::name)) w.field("name", s.name);
  if (with_position && (want(Field::lon) || want(Field::lat))) {
    const LonLat p = from_wgs84(s.position, ctx.datum);
    if (want(Field::lon)) w.key("lon").number(p.lon, 7);
    if (want(Field::lat)) w.key("lat").number(p.lat, 7);
  }
  if (want(Field::host_type)) w.field("host_type", host_type_name(s.host_type));
  if (want(Field::amenities)) {
    w.key("amenities").begin_array();
    for (int a = 0; a < kAmenityCount; ++a) {
      if (s.amenities & (1u << a)) w.value(amenity_name(static_cast<Amenity>(a)));
    }
    w.end_array();
  }
  // The texts that come after amenities in answer order (opening_hours … updated_at).
  for (const StationText& t : kStationTexts) {
    if (t.field && *t.field > Field::amenities && want(*t.field)) w.field(t.name, s.*t.view);
  }
}

// A walking path as a GeoJSON LineString, in the answer's datum.
void write_walk_path(JsonWriter& w, const std::vector<LonLat>& path, Datum datum) {
  w.key("walk_path").begin_object().field("type", "LineString");
  w.key("coordinates").begin_array();
  for (const LonLat& p : path) {
    const LonLat q = from_wgs84(p, datum);
    w.begin_array().number(q.lon, 7).number(q.lat, 7).end_array();
  }
  w.end_array().end_object();
}

void write_properties(JsonWriter& w, const RenderContext& ctx, const Hit& hit, bool with_position,
                      bool with_id, const std::vector<LonLat>* walk_path) {
  const StationView s = ctx.catalog.station(hit.index);
  auto want = [&ctx](Field f) { return (ctx.fields & field_bit(f)) != 0; };
  if (ctx.cache != nullptr && with_position && with_id && ctx.fields == kAllFields &&
      ctx.datum == Datum::wgs84 && ctx.cache->covers(hit.index)) {
    w.raw_members(ctx.cache->fragment(hit.index));
  } else {
    write_static_properties(w, ctx, s, with_position, with_id);
  }
  if (ctx.kind == HitKind::route && want(Field::route_offset_m)) {
    w.key("route_offset_m").number(hit.route_offset_m, 3);
  }
  if (ctx.kind != HitKind::plain && want(Field::distance_m)) {
    w.key("distance_m").number(hit.distance_m, 3);
  }
  if (hit.walk_m >= 0) {
    if (want(Field::walk_m)) w.key("walk_m").number(hit.walk_m, 3);
    if (want(Field::walk_minutes))
      w.key("walk_minutes").number(hit.walk_m / (ctx.walk_speed_kmh * 1000 / 60), 2);
    if (walk_path != nullptr) write_walk_path(w, *walk_path, ctx.datum);
  }
  if (ctx.kind == HitKind::route && want(Field::detour_m)) {
    w.key("detour_m").number(2 * hit.distance_m, 3);
  }
  if (ctx.origin && want(Field::bearing_deg)) {
    // Rounded to 0.1 degree; 359.96 rounds to 0, not 360, so the range stays [0, 360).
    double bearing = std::round(bearing_deg(*ctx.origin, s.position) * 10) / 10;
    if (bearing >= 360) bearing -= 360;
    w.key("bearing_deg").number(bearing, 1);
  }
  if (!want(Field::open_now) && !want(Field::closes_at) && !want(Field::opens_at)) return;
  const OpeningHours* hours = ctx.catalog.hours(hit.index);
  if (hours == nullptr) {
    if (want(Field::open_now)) w.key("open_now").null();
    if (want(Field::closes_at)) w.key("closes_at").null();
    if (want(Field::opens_at)) w.key("opens_at").null();
    return;
  }
  const OpeningHours::Status st = hours->status_at(shanghai_minute_of_week(ctx.at));
  if (want(Field::open_now)) w.field("open_now", st.open);
  const UnixSeconds minute_start = ctx.at - (((ctx.at % 60) + 60) % 60);
  auto change_at = [&] {
    return format_shanghai(minute_start + int64_t{*st.minutes_to_change} * 60);
  };
  if (want(Field::closes_at)) {
    w.key("closes_at");
    if (st.open && st.minutes_to_change) {
      w.value(change_at());
    } else {
      w.null();
    }
  }
  if (want(Field::opens_at)) {
    w.key("opens_at");
    if (!st.open && st.minutes_to_change) {
      w.value(change_at());
    } else {
      w.null();
    }
  }
}

void write_links(JsonWriter& w, const std::vector<Link>& links, const char* type) {
  w.key("links").begin_array();
  for (const Link& l : links) {
    w.begin_object().field("rel", l.rel).field("href", l.href).field("type", type).end_object();
  }
  w.end_array();
}

}  // namespace

void write_station(JsonWriter& w, const RenderContext& ctx, const Hit& hit,
                   const std::vector<LonLat>* walk_path) {
  w.begin_object();
  write_properties(w, ctx, hit, true, true, walk_path);
  w.end_object();
}

void write_feature(JsonWriter& w, const RenderContext& ctx, const Hit& hit, bool crs_member,
                   const std::vector<LonLat>* walk_path) {
  const StationView s = ctx.catalog.station(hit.index);
  w.begin_object();
  w.field("type", "Feature");
  if (crs_member) write_crs_member(w, ctx.datum);
  w.field("id", s.id);
  w.key("geometry").begin_object().field("type", "Point");
  w.key("coordinates");
  write_position(w, s.position, ctx.datum, ctx.axes, 7);
  w.end_object();
  w.key("properties").begin_object();
  write_properties(w, ctx, hit, false, true, walk_path);
  w.end_object();
  w.end_object();
}

void write_position(JsonWriter& w, LonLat wgs84, Datum datum, Axes axes, int decimals) {
  w.begin_array();
  if (axes == Axes::web_mercator) {
    const auto [x, y] = web_mercator(wgs84);
    w.number(x, 2).number(y, 2);
  } else {
    const LonLat p = from_wgs84(wgs84, datum);
    if (axes == Axes::lat_lon) {
      w.number(p.lat, decimals).number(p.lon, decimals);
    } else {
      w.number(p.lon, decimals).number(p.lat, decimals);
    }
  }
  w.end_array();
}

void write_page(JsonWriter& w, const RenderContext& ctx, const Page& page, Format format,
                const std::vector<Link>& links) {
  const auto path_of = [&page](size_t i) {
    return i < page.paths.size() ? &page.paths[i] : nullptr;
  };
  w.begin_object();
  if (format == Format::geojson) {
    w.field("type", "FeatureCollection");
    write_crs_member(w, ctx.datum);
    w.key("features").begin_array();
    for (size_t i = 0; i < page.hits.size(); ++i)
      write_feature(w, ctx, page.hits[i], false, path_of(i));
    w.end_array();
    if (page.total_known) w.field("numberMatched", page.total);  // optional in OGC API Features
    w.field("numberReturned", page.hits.size());
    write_links(w, links, content_type::kGeoJson);
  } else {
    w.key("items").begin_array();
    for (size_t i = 0; i < page.hits.size(); ++i) write_station(w, ctx, page.hits[i], path_of(i));
    w.end_array();
    w.key("total");
    page.total_known ? w.value(page.total) : w.null();
    write_crs_name(w, ctx.datum);
    write_links(w, links, content_type::kJson);
  }
  w.end_object();
}

std::string render_page(const RenderContext& ctx, const Page& page, Format format,
                        const std::vector<Link>& links) {
  JsonWriter w;
  write_page(w, ctx, page, format, links);
  return w.take();
}

std::string render_single(const RenderContext& ctx, const Hit& hit, Format format) {
  JsonWriter w;
  if (format == Format::geojson) {
    write_feature(w, ctx, hit, true);
  } else {
    w.begin_object();
    write_properties(w, ctx, hit, true, true, nullptr);
    write_crs_name(w, ctx.datum);
    w.end_object();
  }
  return w.take();
}

std::shared_ptr<const RenderCache> RenderCache::build(const Catalog& catalog) {
  auto cache = std::make_shared<RenderCache>();
  cache->base_ = catalog.base();
  const auto slots = static_cast<uint32_t>(catalog.base()->size());
  cache->offsets_.reserve(slots + 1);
  const RenderContext ctx{catalog, Datum::wgs84, 0, std::nullopt, HitKind::plain, kAllFields};
  for (uint32_t i = 0; i < slots; ++i) {
    JsonWriter w;
    w.begin_object();
    write_static_properties(w, ctx, catalog.station(i), true, true);
    w.end_object();
    const std::string& object = w.str();
    cache->offsets_.push_back(cache->text_.size());
    cache->text_.append(object, 1, object.size() - 2);  // the members, without the braces
  }
  cache->offsets_.push_back(cache->text_.size());
  cache->text_.shrink_to_fit();
  return cache;
}

std::string_view RenderCache::fragment(uint32_t index) const {
  return std::string_view(text_).substr(offsets_[index], offsets_[index + 1] - offsets_[index]);
}

std::string render_problem(ErrorCode code, const std::string& parameter, const std::string& rule,
                           const std::string& instance) {
  const ErrorInfo& info = error_info(code);
  JsonWriter w;
  w.begin_object();
  w.field("type", "urn:stationfinder:problem:" + std::string(info.name));
  w.field("title", info.title);
  w.field("status", info.http_status);
  std::string detail = rule;
  if (!parameter.empty()) detail = parameter + ": " + rule;
  w.field("detail", detail.empty() ? std::string(info.title) : detail);
  w.field("code", info.name);
  if (parameter.empty()) {
    w.key("parameter").null();
  } else {
    w.field("parameter", parameter);
  }
  w.field("rule", rule);
  if (!instance.empty()) w.field("instance", instance);
  w.end_object();
  return w.take();
}

std::string render_clusters(const RenderContext& ctx, const Page& all, size_t zoom) {
  const Catalog& cat = ctx.catalog;
  std::vector<ClusterMember> members;
  members.reserve(all.hits.size());
  for (const Hit& h : all.hits) {
    const StationView s = cat.station(h.index);
    members.push_back({s.position, s.host_type, h.index});
  }
  const std::vector<MapCluster> clusters = cluster_for_zoom(members, static_cast<int>(zoom));
  JsonWriter w;
  w.begin_object();
  w.field("type", "FeatureCollection");
  w.field("numberMatched", static_cast<uint64_t>(all.total));
  w.field("numberReturned", static_cast<uint64_t>(clusters.size()));
  w.field("zoom", static_cast<uint64_t>(zoom));
  w.key("features").begin_array();
  for (const MapCluster& c : clusters) {
    if (c.count == 1) {
      w.raw(render_single(ctx, Hit{c.first, 0, 0}, Format::geojson));
      continue;
    }
    w.begin_object().field("type", "Feature");
    w.field("id", "cluster/" + std::to_string(zoom) + "/" + std::to_string(c.cell_x) + "/" +
                      std::to_string(c.cell_y));
    const LonLat p = from_wgs84(c.centre, ctx.datum);
    w.key("geometry").begin_object().field("type", "Point").key("coordinates");
    w.begin_array().number(p.lon, 6).number(p.lat, 6).end_array().end_object();
    w.key("properties").begin_object().field("cluster", true);
    w.field("count", static_cast<uint64_t>(c.count));
    w.key("host_types").begin_object();
    for (int h = 0; h < kHostTypeCount; ++h) {
      if (c.hosts[static_cast<size_t>(h)] > 0)
        w.field(host_type_name(static_cast<HostType>(h)),
                static_cast<uint64_t>(c.hosts[static_cast<size_t>(h)]));
    }
    w.end_object().end_object().end_object();
  }
  w.end_array();
  write_crs_member(w, ctx.datum);
  w.end_object();
  return w.take();
}

std::string render_batch(const RenderContext& ctx, const std::vector<LonLat>& points,
                         const std::vector<Page>& pages, Format format) {
  JsonWriter w;
  w.begin_object();
  w.key("results").begin_array();
  for (size_t i = 0; i < points.size(); ++i) {
    RenderContext at_point = ctx;
    at_point.origin = points[i];
    const LonLat echo = from_wgs84(points[i], ctx.datum);
    w.begin_object();
    w.key("point").begin_array().number(echo.lon, 7).number(echo.lat, 7).end_array();
    w.key("result");
    write_page(w, at_point, pages[i], format, {});
    w.end_object();
  }
  w.end_array();
  w.field("count", points.size());
  write_crs_name(w, ctx.datum);
  w.end_object();
  return w.take();
}

namespace {
void write_district_properties(JsonWriter& w, const Catalog& cat, const District& d) {
  w.field("name", d.name).field("name_en", d.name_en).field("code", d.code);
  w.field("stations", cat.stations_in_district(d.name));
}
}  // namespace

void write_district_feature(JsonWriter& w, const Catalog& cat, const District& d, Datum datum,
                            const std::string* id, Axes axes) {
  w.begin_object();
  w.field("type", "Feature");
  if (id != nullptr) w.field("id", *id);
  w.key("geometry").begin_object().field("type", "MultiPolygon");
  w.key("coordinates").begin_array();
  for (const auto& polygon : d.region.polygons()) {
    w.begin_array();
    for (const Ring& ring : polygon) {
      w.begin_array();
      for (const LonLat& v : ring) write_position(w, v, datum, axes, 6);
      w.end_array();
    }
    w.end_array();
  }
  w.end_array().end_object();
  w.key("properties").begin_object();
  write_district_properties(w, cat, d);
  w.end_object();
  w.end_object();
}

std::string render_districts(const Catalog& cat, Datum datum, Format format) {
  JsonWriter w;
  w.begin_object();
  if (format == Format::geojson) w.field("type", "FeatureCollection");
  w.key(format == Format::geojson ? "features" : "items").begin_array();
  for (const District& d : cat.districts()) {
    if (format == Format::geojson) {
      write_district_feature(w, cat, d, datum, nullptr);
    } else {
      w.begin_object();
      write_district_properties(w, cat, d);
      w.end_object();
    }
  }
  w.end_array();
  if (format == Format::json) w.field("total", cat.districts().size());
  write_crs_member(w, datum);
  w.end_object();
  return w.take();
}

namespace {

// /v1/meta's network block: what the server walks on, or null without --network.
void write_network_meta(JsonWriter& w, const Snapshot& snap, const Limits& limits) {
  w.key("network");
  if (!snap.network) {
    w.null();
    return;
  }
  const WalkNetwork& n = *snap.network;
  const WalkGraph& g = n.graph();
  w.begin_object();
  w.field("source", n.report().source).field("format", n.report().format);
  w.field("version", n.version());
  w.field("loaded_at", format_shanghai(n.loaded_at()));
  w.key("load_seconds").number(n.load_seconds(), 3);
  w.field("walkable_rule", n.report().walkable_rule);
  w.field("nodes", g.node_count()).field("segments", g.segment_count());
  w.field("directed_edges", g.directed_edge_count());
  w.key("km").number(g.total_km(), 3);
  w.field("parts", g.part_sizes().size());
  w.key("largest_part_share").number(n.largest_part_share(), 4);
  w.field("min_part_nodes", n.report().min_part_nodes);
  w.field("bytes", g.bytes());
  w.key("max_snap_m").number(n.max_snap_m(), 3);
  w.key("walk_speed_kmh").number(limits.walk_speed_kmh, 3);
  if (snap.walk_stations) {
    w.field("unreachable_by_walk", snap.walk_stations->unreachable());
    w.key("unreachable_by_walk_ids").begin_array();
    for (const std::string& id : snap.walk_stations->unreachable_ids()) w.value(id);
    w.end_array();
  }
  w.end_object();
}

}  // namespace

std::string render_meta(const MetaFacts& f) {
  const Catalog& cat = *f.snapshot.catalog;
  JsonWriter w;
  w.begin_object();
  w.field("count", cat.size());
  w.key("bbox");
  if (auto b = cat.bbox()) {
    w.begin_array().number(b->west, 7).number(b->south, 7).number(b->east, 7).number(b->north, 7);
    w.end_array();
  } else {
    w.null();
  }
  w.field("dataset_version", cat.version());
  w.field("source", f.snapshot.source);
  w.field("loaded_at", format_shanghai(f.snapshot.loaded_at));
  w.field("districts", cat.districts().size());
  w.field("stations_with_unparsed_hours", cat.unparsed_hours_count());
  w.key("build").begin_object().field("version", SF_VERSION).field("git", SF_GIT_DESCRIBE);
  w.end_object();
  w.key("amenities").begin_array();
  for (std::string_view a : all_amenity_names()) w.value(a);
  w.end_array();
  w.key("host_types").begin_array();
  for (std::string_view h : all_host_type_names()) w.value(h);
  w.end_array();
  w.key("crs").begin_array().value("wgs84").value("gcj02").value("bd09").end_array();
  w.key("routes").begin_array();
  for (const std::string& r : f.routes) w.value(r);
  w.end_array();
  const Limits& limits = f.limits;
  w.key("limits").begin_object();
  w.field("k_max", limits.k_max).field("limit_max", limits.limit_max);
  w.field("result_window", limits.result_window);
  w.field("batch_points", limits.batch_points);
  w.field("route_vertices", limits.route_vertices);
  w.field("polygon_vertices", limits.polygon_vertices);
  w.field("body_bytes", limits.body_bytes);
  w.field("bulk_body_bytes", limits.bulk_body_bytes);
  w.field("json_depth", limits.json_depth);
  w.field("coverage_cells", limits.coverage_cells);
  w.field("candidates", limits.candidates);
  w.key("walk_radius_default_m").number(limits.walk_radius_default_m, 3);
  w.key("walk_radius_max_m").number(limits.walk_radius_max_m, 3);
  w.field("walk_batch_points", limits.walk_batch_points);
  w.field("isochrone_values", limits.isochrone_values);
  w.key("isochrone_minutes_max").number(limits.isochrone_minutes_max, 3);
  w.key("isochrone_cell_default_m").number(limits.isochrone_cell_default_m, 3);
  w.key("walk_speed_kmh").number(limits.walk_speed_kmh, 3);
  w.field("network_listing_max", limits.network_listing_max);
  w.field("coverage_threads", f.coverage_threads);
  w.field("coverage_queue", f.coverage_queue);
  w.end_object();
  write_network_meta(w, f.snapshot, f.limits);
  w.key("coverage").begin_object();
  w.key("exclusion");
  f.layers.exclusion ? w.value(f.layers.exclusion_source) : w.null();
  w.key("candidates");
  f.layers.candidates ? w.value(f.layers.candidates_source) : w.null();
  w.end_object();
  w.end_object();
  return w.take();
}

}  // namespace sf
