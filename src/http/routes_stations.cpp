// Station read routes: nearest, within, along-route, bbox/district listing, by id, districts.
#include <cmath>
#include <string>

#include "core/clustering.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/geojson_input.hpp"
#include "http/params.hpp"
#include "http/render.hpp"
#include "http/routes.hpp"

namespace sf::http {

namespace {

constexpr double kMaxRadiusM = 20'000'000;  // about half the Earth's circumference
constexpr double kMaxBufferM = 50'000;
constexpr size_t kMaxK = 100;
constexpr size_t kMaxLimit = 1000;
constexpr size_t kDefaultLimit = 100;

const char* content_type(Format f) {
  return f == Format::geojson ? "application/geo+json" : "application/json";
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The request's own URL with `offset` replaced.
std::string href_with_offset(const httplib::Request& req, size_t offset) {
  std::string href = req.path;
  char sep = '?';
  for (const auto& [k, v] : req.params) {
    if (k == "offset") continue;
    href += sep + percent_encode(k) + "=" + percent_encode(v);
    sep = '&';
  }
  href += sep + std::string("offset=") + std::to_string(offset);
  return href;
}

std::vector<Link> page_links(const httplib::Request& req, size_t offset, size_t page_size,
                             size_t total) {
  std::vector<Link> links{{"self", href_with_offset(req, offset)}};
  if (offset + page_size < total)
    links.push_back({"next", href_with_offset(req, offset + page_size)});
  if (offset > 0) {
    links.push_back({"prev", href_with_offset(req, offset > page_size ? offset - page_size : 0)});
  }
  return links;
}

void check_window(const ServerConfig& config, size_t offset, size_t size, const char* name) {
  if (offset + size > config.max_result_window) {
    throw Error(ErrorCode::result_window_too_large, "offset",
                "offset + " + std::string(name) + " must not exceed " +
                    std::to_string(config.max_result_window) +
                    "; narrow the query (radius_m, bbox, filters) instead of paging further");
  }
}

double parse_radius(const QueryParams& p, const char* name, double max) {
  const double r = p.number(name);
  if (!(r > 0) || r > max) {
    throw Error(
        ErrorCode::radius_out_of_range, name,
        "must be greater than 0 and at most " + std::to_string(static_cast<long>(max)) + " metres");
  }
  return r;
}

size_t parse_offset(const QueryParams& p) {
  return p.integer("offset", 0, 0, 1'000'000'000, ErrorCode::offset_out_of_range);
}

size_t parse_limit(const QueryParams& p) {
  return p.integer("limit", kDefaultLimit, 1, kMaxLimit, ErrorCode::limit_out_of_range);
}

void send_page(const httplib::Request& req, httplib::Response& res, const RenderContext& ctx,
               const Page& page, const CommonParams& c, size_t offset, size_t page_size) {
  send_json(req, res, ctx.catalog,
            render_page(ctx, page, c.format, page_links(req, offset, page_size, page.total)),
            content_type(c.format), c.at_given);
}

void resolve_district(const Catalog& catalog, const std::string& name, StationFilter& filter) {
  if (const District* d = catalog.find_district(name)) {
    filter.district = d->name;
    return;
  }
  if (catalog.stations_in_district(name) > 0) {  // a district only the stations name
    filter.district = name;
    return;
  }
  std::vector<std::string_view> names;
  for (const District& d : catalog.districts()) names.push_back(d.name);
  const std::string known = join(names);
  throw Error(ErrorCode::unknown_district, "district",
              "'" + name + "' is not a district" + (known.empty() ? "" : "; districts: " + known));
}

// Below this zoom a map view gets clusters with counts instead of every station.
constexpr size_t kClusterBelowZoom = 15;

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
  if (ctx.datum != Datum::wgs84) {
    w.key("crs").begin_object().field("type", "name").key("properties").begin_object();
    w.field("name", datum_name(ctx.datum)).end_object().end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace

void register_station_routes(Router& router, const RouteEnv& env) {
  router.get("/v1/stations/nearest", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"lon", "lat", "k", "offset", "radius_m", SF_COMMON_PARAMS});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      const CommonParams c = parse_common(p);
      NearestQuery q;
      q.point = parse_point(p, c.datum);
      q.k = p.integer("k", 5, 1, kMaxK, ErrorCode::k_out_of_range);
      q.offset = parse_offset(p);
      check_window(env.config, q.offset, q.k, "k");
      if (p.has("radius_m")) q.max_distance_m = parse_radius(p, "radius_m", kMaxRadiusM);
      q.filter = c.filter;
      if (answered_not_modified(req, res, cat, c.at_given)) return;
      const Page page = cat.nearest(q);
      send_page(req, res,
                RenderContext{cat, c.datum, c.at, q.point, HitKind::distance, c.fields,
                              snap->render_cache.get()},
                page, c, q.offset, q.k);
    });
  });

  router.post("/v1/stations/nearest", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"k", "radius_m", SF_COMMON_PARAMS});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      const CommonParams c = parse_common(p);
      NearestQuery q;
      q.k = p.integer("k", 5, 1, kMaxK, ErrorCode::k_out_of_range);
      if (p.has("radius_m")) q.max_distance_m = parse_radius(p, "radius_m", kMaxRadiusM);
      q.filter = c.filter;
      const std::vector<LonLat> points =
          parse_points_body(req.body, c.datum, env.config.max_batch_points);
      JsonWriter w;
      w.begin_object();
      w.key("results").begin_array();
      for (const LonLat& point : points) {
        q.point = point;
        const Page page = cat.nearest(q);
        const LonLat echo = from_wgs84(point, c.datum);
        w.begin_object();
        w.key("point").begin_array().number(echo.lon, 7).number(echo.lat, 7).end_array();
        w.key("result");
        write_page(w,
                   RenderContext{cat, c.datum, c.at, point, HitKind::distance, c.fields,
                                 snap->render_cache.get()},
                   page, c.format, {});
        w.end_object();
      }
      w.end_array();
      w.field("count", points.size());
      if (c.datum != Datum::wgs84) w.field("crs", datum_name(c.datum));
      w.end_object();
      send_json(req, res, cat, w.take(), "application/json", false);
    });
  });

  router.get("/v1/stations/within", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"lon", "lat", "radius_m", "limit", "offset", SF_COMMON_PARAMS});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      const CommonParams c = parse_common(p);
      const LonLat center = parse_point(p, c.datum);
      const double radius = parse_radius(p, "radius_m", kMaxRadiusM);
      const size_t limit = parse_limit(p), offset = parse_offset(p);
      check_window(env.config, offset, limit, "limit");
      if (answered_not_modified(req, res, cat, c.at_given)) return;
      const Page page = cat.within_radius(center, radius, c.filter, offset, limit);
      send_page(req, res,
                RenderContext{cat, c.datum, c.at, center, HitKind::distance, c.fields,
                              snap->render_cache.get()},
                page, c, offset, limit);
    });
  });

  router.post("/v1/stations/within", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"limit", "offset", SF_COMMON_PARAMS});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      const CommonParams c = parse_common(p);
      const size_t limit = parse_limit(p), offset = parse_offset(p);
      check_window(env.config, offset, limit, "limit");
      const Region region = parse_polygon_body(req.body, c.datum, env.config.max_polygon_vertices);
      const Page page = cat.in_region(region, c.filter, offset, limit);
      send_page(req, res,
                RenderContext{cat, c.datum, c.at, std::nullopt, HitKind::plain, c.fields,
                              snap->render_cache.get()},
                page, c, offset, limit);
    });
  });

  router.post("/v1/stations/along-route",
              [&env](const httplib::Request& req, httplib::Response& res) {
                guarded(req, res, [&] {
                  const QueryParams p(req.params);
                  p.allow_only({"buffer_m", "limit", "offset", SF_COMMON_PARAMS});
                  const auto snap = env.snapshot();
                  const Catalog& cat = *snap->catalog;
                  const CommonParams c = parse_common(p);
                  double buffer = 300;
                  if (auto b = p.optional_number("buffer_m")) {
                    if (!(*b > 0) || *b > kMaxBufferM) {
                      throw Error(ErrorCode::buffer_out_of_range, "buffer_m",
                                  "must be greater than 0 and at most 50000 metres");
                    }
                    buffer = *b;
                  }
                  const size_t limit = parse_limit(p), offset = parse_offset(p);
                  check_window(env.config, offset, limit, "limit");
                  const std::vector<LonLat> line =
                      parse_linestring_body(req.body, c.datum, env.config.max_route_vertices);
                  const Page page = cat.along_route(line, buffer, c.filter, offset, limit);
                  send_page(req, res,
                            RenderContext{cat, c.datum, c.at, std::nullopt, HitKind::route,
                                          c.fields, snap->render_cache.get()},
                            page, c, offset, limit);
                });
              });

  router.get("/v1/stations", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"bbox", "district", "limit", "offset", "zoom", SF_COMMON_PARAMS});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      CommonParams c = parse_common(p);
      const size_t limit = parse_limit(p), offset = parse_offset(p);
      check_window(env.config, offset, limit, "limit");
      const auto bbox_text = p.get("bbox");
      const auto district = p.get("district");
      if (bbox_text && district) {
        throw Error(ErrorCode::parameter_invalid, "district", "give bbox or district, not both");
      }
      std::optional<BBox> box;
      if (bbox_text) box = parse_bbox(*bbox_text, c.datum);
      if (district) resolve_district(cat, *district, c.filter);
      if (answered_not_modified(req, res, cat, c.at_given)) return;
      const RenderContext ctx{
          cat, c.datum, c.at, std::nullopt, HitKind::plain, c.fields, snap->render_cache.get()};
      // A zoomed-out map view: clusters with counts (GeoJSON), never every station.
      if (const size_t zoom = p.integer("zoom", 99, 0, 22, ErrorCode::parameter_invalid);
          zoom < kClusterBelowZoom) {
        if (p.has("offset") || p.has("limit")) {
          throw Error(ErrorCode::parameter_invalid, p.has("offset") ? "offset" : "limit",
                      "clustered answers (zoom < 15) are not paged");
        }
        if (c.format != Format::geojson) {
          throw Error(ErrorCode::unknown_format, "format",
                      "clustered answers (zoom < 15) are GeoJSON: add format=geojson");
        }
        const Page all = box ? cat.in_bbox(*box, c.filter, 0, cat.size())
                             : cat.matching(c.filter, 0, cat.size());
        send_json(req, res, cat, render_clusters(ctx, all, zoom), content_type(c.format),
                  c.at_given);
        return;
      }
      const Page page =
          box ? cat.in_bbox(*box, c.filter, offset, limit) : cat.matching(c.filter, offset, limit);
      send_page(req, res, ctx, page, c, offset, limit);
    });
  });

  router.get(
      "/v1/stations/{id}",
      [&env](const httplib::Request& req, httplib::Response& res) {
        guarded(req, res, [&] {
          const QueryParams p(req.params);
          p.allow_only({"crs", "format", "at", "fields"});
          const auto snap = env.snapshot();
          const Catalog& cat = *snap->catalog;
          const CommonParams c = parse_common(p);
          const std::string id = req.matches[1];
          const auto index = cat.find(id);
          if (!index) {
            throw Error(ErrorCode::station_not_found, "id", "no station has id '" + id + "'");
          }
          if (answered_not_modified(req, res, cat, c.at_given)) return;
          send_json(req, res, cat,
                    render_single(RenderContext{cat, c.datum, c.at, std::nullopt, HitKind::plain,
                                                c.fields, snap->render_cache.get()},
                                  Hit{*index, 0, 0}, c.format),
                    content_type(c.format), c.at_given);
        });
      },
      R"(/v1/stations/([^/]+))");

  router.get("/v1/districts", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const QueryParams p(req.params);
      p.allow_only({"crs", "format"});
      const auto snap = env.snapshot();
      const Catalog& cat = *snap->catalog;
      const CommonParams c = parse_common(p);
      if (answered_not_modified(req, res, cat, true)) return;
      JsonWriter w;
      w.begin_object();
      if (c.format == Format::geojson) w.field("type", "FeatureCollection");
      w.key(c.format == Format::geojson ? "features" : "items").begin_array();
      for (const District& d : cat.districts()) {
        w.begin_object();
        if (c.format == Format::geojson) {
          w.field("type", "Feature");
          w.key("geometry").begin_object().field("type", "MultiPolygon");
          w.key("coordinates").begin_array();
          for (const auto& polygon : d.region.polygons()) {
            w.begin_array();
            for (const Ring& ring : polygon) {
              w.begin_array();
              for (const LonLat& v : ring) {
                const LonLat o = from_wgs84(v, c.datum);
                w.begin_array().number(o.lon, 6).number(o.lat, 6).end_array();
              }
              w.end_array();
            }
            w.end_array();
          }
          w.end_array().end_object();
          w.key("properties").begin_object();
        }
        w.field("name", d.name).field("name_en", d.name_en).field("code", d.code);
        w.field("stations", cat.stations_in_district(d.name));
        if (c.format == Format::geojson) w.end_object();
        w.end_object();
      }
      w.end_array();
      if (c.format == Format::json) w.field("total", cat.districts().size());
      if (c.datum != Datum::wgs84) {
        w.key("crs").begin_object().field("type", "name");
        w.key("properties").begin_object().field("name", datum_name(c.datum)).end_object();
        w.end_object();
      }
      w.end_object();
      send_json(req, res, cat, w.take(), content_type(c.format), true);
    });
  });
}

}  // namespace sf::http
