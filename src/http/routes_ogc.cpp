// OGC API - Features under /ogc: landing page, conformance, the API definition, collections,
// items pages (streamed when large) and single items, every link absolute.
#include <memory>
#include <mutex>
#include <string>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/routes.hpp"
#include "render/content_types.hpp"
#include "render/mvt.hpp"
#include "render/render_ogc.hpp"
#include "service/ogc_features.hpp"
#include "service/query_params.hpp"
#include "service/tile_cache.hpp"
#include "service/vector_tiles.hpp"

namespace sf::http {

namespace {

// Pages of more items than this are written to the connection as they are rendered (chunked,
// uncompressed); smaller ones are sent whole, gzipped when the client asks.
constexpr size_t kStreamAbove = 500;

// A header value safe to put in a link: printable ASCII without spaces, quotes or brackets.
bool link_safe(const std::string& v) {
  if (v.empty() || v.size() > 255) return false;
  for (unsigned char c : v) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return false;
  }
  return true;
}

// The absolute base of every link: --public-url, else what a proxy says (X-Forwarded-Proto,
// -Host and -Prefix), else http:// and the Host header; header values that could not be part
// of a URL are refused (header_invalid) rather than written into links.
std::string public_base(const RouteEnv& env, const httplib::Request& req) {
  if (!env.config.public_url.empty()) return env.config.public_url;
  const auto header = [&req](const char* name) -> std::string {
    std::string v = req.get_header_value(name);
    if (const size_t comma = v.find(','); comma != std::string::npos) v.resize(comma);  // first hop
    while (!v.empty() && v.back() == ' ') v.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(v.begin());
    if (!v.empty() && !link_safe(v)) {
      throw Error(ErrorCode::header_invalid, name, "is not a value a URL can hold");
    }
    return v;
  };
  std::string proto = header("X-Forwarded-Proto");
  if (proto.empty()) proto = "http";
  if (proto != "http" && proto != "https") {
    throw Error(ErrorCode::header_invalid, "X-Forwarded-Proto", "must be http or https");
  }
  std::string host = header("X-Forwarded-Host");
  if (host.empty()) host = header("Host");
  if (host.empty()) host = "127.0.0.1";
  std::string prefix = header("X-Forwarded-Prefix");
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (!prefix.empty() && prefix.front() != '/') prefix.insert(prefix.begin(), '/');
  return proto + "://" + host + prefix;
}

// The stations' time extent, computed once per dataset version.
std::optional<TimeExtent> stations_time(const Catalog& catalog) {
  static std::mutex mutex;
  static std::string version;
  static std::optional<TimeExtent> extent;
  std::lock_guard lock(mutex);
  if (version != catalog.version()) {
    extent = station_time_extent(catalog);
    version = catalog.version();
  }
  return extent;
}

OgcContext context(const RouteEnv& env, const httplib::Request& req, const Snapshot& snap) {
  return OgcContext{snap, public_base(env, req), stations_time(*snap.catalog)};
}

// The Content-Crs header's value: the URI in angle brackets (Part 2).
std::string content_crs(OgcCrs crs) {
  std::string v = "<";
  v.append(ogc_crs_uri(crs));
  v.push_back('>');
  return v;
}

const char* type_of(OgcFormat f, const char* json_type) {
  return f == OgcFormat::html ? content_type::kHtml : json_type;
}

void send(const httplib::Request& req, httplib::Response& res, const Snapshot& snap,
          std::string body, const char* type) {
  res.set_header("Vary", "Accept-Encoding, Host, X-Forwarded-Host, X-Forwarded-Proto");
  send_json(req, res, snap, std::move(body), type, true);
}

// The request's own query with `after` replaced (none: left out) and f set.
std::string items_href(const std::string& base, const httplib::Request& req,
                       const std::optional<std::string>& after, const char* f) {
  std::string query = request_query(req, {"after", "f"});
  if (after) append_query(query, "after", percent_encode(*after));
  if (f != nullptr) append_query(query, "f", f);
  return base + req.path + query;
}

void get_landing(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  send(req, res, *snap, render_ogc_landing(context(env, req, *snap), f),
       type_of(f, content_type::kJson));
}

void get_conformance(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  send(req, res, *snap, render_ogc_conformance(context(env, req, *snap), f),
       type_of(f, content_type::kJson));
}

void get_api(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  const OgcContext ctx = context(env, req, *snap);
  if (f == OgcFormat::html) {
    // The landing page's HTML lists what the definition describes, with links to follow.
    send(req, res, *snap, render_ogc_landing(ctx, OgcFormat::html), content_type::kHtml);
    return;
  }
  send(req, res, *snap, render_ogc_openapi(ctx, env.config.limits),
       "application/vnd.oai.openapi+json;version=3.0");
}

void get_collections(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  send(req, res, *snap, render_ogc_collections(context(env, req, *snap), f),
       type_of(f, content_type::kJson));
}

void get_collection(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  const OgcCollection c = find_ogc_collection(*snap, req.matches[1].str());
  send(req, res, *snap, render_ogc_collection(context(env, req, *snap), c, f),
       type_of(f, content_type::kJson));
}

void get_queryables(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  const OgcFormat f = parse_ogc_format(q);
  const auto snap = env.snapshot();
  const OgcCollection c = find_items_collection(*snap, req.matches[1].str());
  send(req, res, *snap, render_ogc_queryables(context(env, req, *snap), c, f),
       type_of(f, "application/schema+json"));
}

void get_items(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const auto snap = env.snapshot();
  const OgcCollection c = find_items_collection(*snap, req.matches[1].str());
  const ItemsRequest r = parse_items(QueryParams(req.params), c, env.config.limits, *snap->catalog);
  const bool clock_independent = r.at_given || !r.filter.open_at_minute_of_week;
  if (answered_not_modified(req, res, *snap, clock_independent)) return;
  auto page = std::make_shared<const ItemsPage>(ogc_items(*snap, r));
  const std::string base = public_base(env, req);
  const std::string collection = base + "/ogc/collections/" + std::string(ogc_collection_id(c));
  const ItemsLinks links{
      items_href(base, req, r.after, nullptr), items_href(base, req, r.after, "html"),
      page->next_after ? items_href(base, req, page->next_after, nullptr) : "", collection};
  const char* type = type_of(r.format, content_type::kGeoJson);
  res.set_header("Content-Crs", content_crs(r.crs));
  if (page->items.size() <= kStreamAbove || r.format == OgcFormat::html) {
    std::string body;
    write_ogc_items(context(env, req, *snap), r, *page, links,
                    [&body](std::string_view piece) { body += piece; });
    res.set_header("Vary", "Accept-Encoding, Host, X-Forwarded-Host, X-Forwarded-Proto");
    send_json(req, res, *snap, std::move(body), type, clock_independent);
    return;
  }
  // Large pages: rendered piece by piece into the connection, from the snapshot they read.
  const OgcContext ctx = context(env, req, *snap);
  res.set_header("Cache-Control", "public, max-age=15");
  res.set_chunked_content_provider(type, [snap, r, page, links, time = ctx.stations_time,
                                          base = ctx.base](size_t, httplib::DataSink& sink) {
    const OgcContext streamed{*snap, base, time};
    bool open = true;
    write_ogc_items(streamed, r, *page, links, [&](std::string_view piece) {
      if (open && !piece.empty()) open = sink.write(piece.data(), piece.size());
    });
    sink.done();
    return open;
  });
}

// The tilesets list, the tileset and its TileJSON: the tile parameters checked, then carried
// into the document's tile links.
using TileDocument = std::string (*)(const OgcContext&, OgcCollection, const std::string&);
void send_tile_document(const RouteEnv& env, const httplib::Request& req, httplib::Response& res,
                        TileDocument render) {
  const auto snap = env.snapshot();
  const OgcCollection c = find_tiled_collection(*snap, req.matches[1].str());
  parse_tile_query(QueryParams(req.params), c, env.config.limits, *snap);
  send(req, res, *snap, render(context(env, req, *snap), c, request_query(req, {})),
       content_type::kJson);
}

void get_tilesets(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  send_tile_document(env, req, res, render_tilesets);
}

void get_tileset(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  send_tile_document(env, req, res, render_tileset);
}

void get_tilejson(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  send_tile_document(env, req, res, render_tilejson);
}

// The tile matrix set documents are JSON only (f=json is taken, as on every /ogc route).
void allow_json_only(const httplib::Request& req) {
  const QueryParams q(req.params);
  q.allow_only({"f"});
  if (parse_ogc_format(q) != OgcFormat::json) {
    throw Error(ErrorCode::unknown_format, "f", "the tile matrix sets are JSON only (f=json)");
  }
}

void get_tile_matrix_sets(const RouteEnv& env, const httplib::Request& req,
                          httplib::Response& res) {
  allow_json_only(req);
  const auto snap = env.snapshot();
  send(req, res, *snap, render_tile_matrix_sets(context(env, req, *snap)), content_type::kJson);
}

void get_web_mercator_quad(const RouteEnv& env, const httplib::Request& req,
                           httplib::Response& res) {
  allow_json_only(req);
  const auto snap = env.snapshot();
  send(req, res, *snap, render_web_mercator_quad(context(env, req, *snap)), content_type::kJson);
}

// The tile's key in the tile cache: dataset and network version (a write or a reload asks for
// other keys), collection, parameters, z/y/x.
std::string tile_key(const Snapshot& snap, OgcCollection c, const TileQuery& q, TileId t) {
  std::string key = snap.catalog->version();
  key += '|';
  if (snap.network) key += snap.network->version();
  key += '|';
  key += ogc_collection_id(c);
  key += '|';
  key += q.key;
  key += '/' + std::to_string(t.z) + '/' + std::to_string(t.y) + '/' + std::to_string(t.x);
  return key;
}

// One tile: 204 outside the collection's extent, an empty 200 inside it, gzip when asked, an
// ETag by dataset version. Coverage tiles are made on the coverage pool.
void get_tile(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const auto snap = env.snapshot();
  const OgcCollection c = find_tiled_collection(*snap, req.matches[1].str());
  const TileId t = parse_tile(req.matches[2].str(), req.matches[3].str(), req.matches[4].str());
  const TileQuery q = parse_tile_query(QueryParams(req.params), c, env.config.limits, *snap);
  check_tile_zoom(c, t);
  if (answered_not_modified(req, res, *snap, !q.clock_dependent)) return;
  const auto extent = tile_extent(*snap, c);
  const BBox b = TileFrame{t, q.datum, kTileExtent}.wgs84_box(0);
  if (!extent || b.east < extent->west || b.west > extent->east || b.north < extent->south ||
      b.south > extent->north) {
    res.status = 204;
    res.set_header("Cache-Control", "public, max-age=60");
    return;
  }
  const std::string key = tile_key(*snap, c, q, t);
  std::shared_ptr<const std::string> body = env.tile_cache->get(key);
  res.set_header("X-Tile-Cache", body ? "hit" : "miss");
  if (!body) {
    const auto layers = env.layers();
    const TileSources sources{*snap, env.config.limits, layers->exclusion.get()};
    const auto make = [&] {
      body = std::make_shared<const std::string>(encode_mvt(tile_layers(sources, c, t, q)));
    };
    if (c == OgcCollection::coverage) {
      run_on_coverage_pool(env, res, make);
    } else {
      make();
    }
    env.tile_cache->put(key, body);
  }
  send_json(req, res, *snap, *body, content_type::kMvt, !q.clock_dependent);
}

void get_item(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const QueryParams q(req.params);
  q.allow_only({"f", "at", "crs"});
  const OgcFormat f = parse_ogc_format(q);
  const auto at = parse_at(q);
  const OgcCrs crs = parse_output_crs(q);
  const auto snap = env.snapshot();
  const OgcCollection c = find_items_collection(*snap, req.matches[1].str());
  const uint32_t item = find_ogc_item(*snap, c, req.matches[2].str());
  const bool clock_independent = at.has_value() || c != OgcCollection::stations;
  if (answered_not_modified(req, res, *snap, clock_independent)) return;
  res.set_header("Vary", "Accept-Encoding, Host, X-Forwarded-Host, X-Forwarded-Proto");
  res.set_header("Content-Crs", content_crs(crs));
  send_json(req, res, *snap,
            render_ogc_item(context(env, req, *snap), c, item, at.value_or(now_unix()), crs, f),
            type_of(f, content_type::kGeoJson), clock_independent);
}

}  // namespace

void register_ogc_routes(Router& router, const RouteEnv& env) {
  router.add(
      {{"GET", "/ogc", get_landing},
       {"GET", "/ogc/conformance", get_conformance},
       {"GET", "/ogc/api", get_api},
       {"GET", "/ogc/collections", get_collections},
       {"GET", "/ogc/collections/{collectionId}", get_collection},
       {"GET", "/ogc/collections/{collectionId}/queryables", get_queryables},
       {"GET", "/ogc/collections/{collectionId}/items", get_items},
       {"GET", "/ogc/tileMatrixSets", get_tile_matrix_sets},
       {"GET", "/ogc/tileMatrixSets/WebMercatorQuad", get_web_mercator_quad},
       {"GET", "/ogc/collections/{collectionId}/tiles", get_tilesets},
       {"GET", "/ogc/collections/{collectionId}/tiles/WebMercatorQuad", get_tileset},
       {"GET", "/ogc/collections/{collectionId}/tiles/WebMercatorQuad/tilejson.json", get_tilejson},
       {"GET", "/ogc/collections/{collectionId}/tiles/WebMercatorQuad/{z}/{y}/{x}", get_tile},
       {"GET", "/ogc/collections/{collectionId}/items/{featureId}", get_item}},
      env);
}

}  // namespace sf::http
