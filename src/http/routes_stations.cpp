// Station read routes: nearest, within, along-route, bbox/district listing, by id, districts.
#include <cmath>
#include <string>

#include "core/clustering.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/routes.hpp"
#include "render/content_types.hpp"
#include "render/render.hpp"
#include "render/render_streets.hpp"
#include "service/geojson_input.hpp"
#include "service/query_params.hpp"
#include "service/station_requests.hpp"
#include "service/street_listing.hpp"
#include "service/walk_queries.hpp"

namespace sf::http {

namespace {

// The request's own URL with `offset` replaced.
std::string href_with_offset(const httplib::Request& req, size_t offset) {
  std::string query = request_query(req, {"offset"});
  append_query(query, "offset", std::to_string(offset));
  return req.path + query;
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

void send_page(const httplib::Request& req, httplib::Response& res, const Snapshot& snap,
               const RenderContext& ctx, const Page& page, const CommonParams& c, size_t offset,
               size_t page_size) {
  send_json(req, res, snap,
            render_page(ctx, page, c.format, page_links(req, offset, page_size, page.total)),
            content_type::of(c.format), c.at_given);
}

RenderContext context(const RouteEnv& env, const Snapshot& snap, const CommonParams& c,
                      std::optional<LonLat> origin, HitKind kind) {
  return RenderContext{*snap.catalog,
                       c.datum,
                       c.at,
                       origin,
                       kind,
                       c.fields,
                       snap.render_cache.get(),
                       env.config.limits.walk_speed_kmh};
}

void get_nearest(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const NearestRequest r = parse_nearest(QueryParams(req.params), env.config.limits);
  const auto snap = env.snapshot();
  if (answered_not_modified(req, res, *snap, r.common.at_given)) return;
  const Page page = nearest_page(*snap, r);
  send_page(req, res, *snap, context(env, *snap, r.common, r.query.point, HitKind::distance), page,
            r.common, r.query.offset, r.query.k);
}

void post_nearest(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  NearestRequest r = parse_batch_nearest(QueryParams(req.params), env.config.limits);
  const auto snap = env.snapshot();
  const std::vector<LonLat> points =
      parse_points_body(req.body, r.common.datum, batch_points(r.measure, env.config.limits));
  if (r.measure.distance == Distance::walk) walk_stations_of(*snap);  // before any work
  std::vector<Page> pages;
  pages.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    r.query.point = points[i];
    try {
      pages.push_back(nearest_page(*snap, r));
    } catch (const Error& e) {  // name the point that cannot walk
      if (e.code() != ErrorCode::not_near_street) throw;
      throw Error(e.code(), "points[" + std::to_string(i) + "]", e.rule());
    }
  }
  send_json(req, res, *snap,
            render_batch(context(env, *snap, r.common, std::nullopt, HitKind::distance), points,
                         pages, r.common.format),
            content_type::kJson, false);
}

void get_within(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const WithinRequest r = parse_within(QueryParams(req.params), env.config.limits);
  const auto snap = env.snapshot();
  if (answered_not_modified(req, res, *snap, r.common.at_given)) return;
  const Page page = within_page(*snap, r);
  send_page(req, res, *snap, context(env, *snap, r.common, r.center, HitKind::distance), page,
            r.common, r.window.offset, r.window.size);
}

void post_within(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const RegionRequest r = parse_in_region(QueryParams(req.params), env.config.limits);
  const auto snap = env.snapshot();
  const Region region =
      parse_polygon_body(req.body, r.common.datum, env.config.limits.polygon_vertices);
  const Page page =
      snap->catalog->in_region(region, r.common.filter, r.window.offset, r.window.size);
  send_page(req, res, *snap, context(env, *snap, r.common, std::nullopt, HitKind::plain), page,
            r.common, r.window.offset, r.window.size);
}

void post_along_route(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const RouteRequest r = parse_along_route(QueryParams(req.params), env.config.limits);
  const auto snap = env.snapshot();
  const std::vector<LonLat> line =
      parse_linestring_body(req.body, r.common.datum, env.config.limits.route_vertices);
  const Page page =
      snap->catalog->along_route(line, r.buffer_m, r.common.filter, r.window.offset, r.window.size);
  send_page(req, res, *snap, context(env, *snap, r.common, std::nullopt, HitKind::route), page,
            r.common, r.window.offset, r.window.size);
}

void get_stations(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const auto snap = env.snapshot();
  const Catalog& cat = *snap->catalog;
  const ListingRequest r = parse_listing(QueryParams(req.params), env.config.limits, cat);
  if (answered_not_modified(req, res, *snap, r.common.at_given)) return;
  const RenderContext ctx = context(env, *snap, r.common, std::nullopt, HitKind::plain);
  if (r.cluster_zoom) {  // a zoomed-out map view: clusters with counts, never every station
    const Page all = r.bbox ? cat.in_bbox(*r.bbox, r.common.filter, 0, cat.size())
                            : cat.matching(r.common.filter, 0, cat.size());
    send_json(req, res, *snap, render_clusters(ctx, all, *r.cluster_zoom),
              content_type::of(r.common.format), r.common.at_given);
    return;
  }
  const Page page = r.bbox ? cat.in_bbox(*r.bbox, r.common.filter, r.window.offset, r.window.size)
                           : cat.matching(r.common.filter, r.window.offset, r.window.size);
  send_page(req, res, *snap, ctx, page, r.common, r.window.offset, r.window.size);
}

void get_station(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const CommonParams c = parse_station(QueryParams(req.params));
  const auto snap = env.snapshot();
  const std::string id = req.matches[1];
  const auto index = snap->catalog->find(id);
  if (!index) throw Error(ErrorCode::station_not_found, "id", "no station has id '" + id + "'");
  if (answered_not_modified(req, res, *snap, c.at_given)) return;
  send_json(req, res, *snap,
            render_single(context(env, *snap, c, std::nullopt, HitKind::plain), Hit{*index, 0, 0},
                          c.format),
            content_type::of(c.format), c.at_given);
}

void get_districts(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const CommonParams c = parse_districts(QueryParams(req.params));
  const auto snap = env.snapshot();
  if (answered_not_modified(req, res, *snap, true)) return;
  send_json(req, res, *snap, render_districts(*snap->catalog, c.datum, c.format),
            content_type::of(c.format), true);
}

// GET /v1/network: the walkable streets in a box (the demo page draws them under everything).
void get_network(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"bbox", "limit", "offset", "crs"});
  const StreetListingRequest r = parse_street_listing(q, env.config.limits);
  const auto snap = env.snapshot();
  const WalkNetwork& network = walk_stations_of(*snap).network();
  const StreetPage page = streets_in(network, r);
  res.set_header("Cache-Control", "public, max-age=60");
  res.set_content(render_streets(network, page, r.datum,
                                 page_links(req, r.window.offset, r.window.size, page.total)),
                  content_type::kGeoJson);
  compress_other_json(req, res);
}

}  // namespace

void register_station_routes(Router& router, const RouteEnv& env) {
  router.add({{"GET", "/v1/stations/nearest", get_nearest},
              {"POST", "/v1/stations/nearest", post_nearest},
              {"GET", "/v1/stations/within", get_within},
              {"POST", "/v1/stations/within", post_within},
              {"POST", "/v1/stations/along-route", post_along_route},
              {"GET", "/v1/stations", get_stations},
              {"GET", "/v1/stations/{id}", get_station},
              {"GET", "/v1/districts", get_districts},
              {"GET", "/v1/network", get_network}},
             env);
}

}  // namespace sf::http
