#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <httplib.h>

#include "core/errors.hpp"
#include "http/access_log.hpp"
#include "http/connection.hpp"
#include "http/coverage_pool.hpp"
#include "http/metrics.hpp"
#include "http/request_body.hpp"
#include "http/routes.hpp"
#include "render/content_types.hpp"
#include "render/json_writer.hpp"
#include "render/render.hpp"
#include "service/json_body.hpp"
#include "service/query_params.hpp"
#include "service/station_writes.hpp"
#include "service/tile_cache.hpp"

namespace sf::http {

namespace {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The demo page, the widget, Leaflet and the API description, from the configured folders.
void register_static_files(Router& router, const ServerConfig& config) {
  namespace fs = std::filesystem;
  httplib::Server& http = router.server();
  if (!config.web_root.empty() && fs::is_directory(config.web_root)) {
    http.set_mount_point("/web", config.web_root);
    const std::string index = (fs::path(config.web_root) / "index.html").string();
    router.get("/", [index](const httplib::Request& req, httplib::Response& res) {
      guarded(req, res, [&] {
        std::string page = read_text_file(index);
        if (page.empty()) throw Error(ErrorCode::route_not_found, "", "no demo page installed");
        res.set_header("Cache-Control", "no-cache");
        res.set_content(std::move(page), content_type::kHtml);
      });
    });
  }
  if (!config.leaflet_dir.empty() && fs::is_directory(config.leaflet_dir)) {
    http.set_mount_point("/vendor/leaflet", config.leaflet_dir);
  }
  if (!config.maplibre_dir.empty() && fs::is_directory(config.maplibre_dir)) {
    http.set_mount_point("/vendor/maplibre", config.maplibre_dir);
  }
  if (!config.api_dir.empty() && fs::is_directory(config.api_dir)) {
    for (const auto& [ext, type] :
         {std::pair{"yaml", content_type::kYaml}, std::pair{"json", content_type::kJson}}) {
      const std::string file =
          (fs::path(config.api_dir) / (std::string("openapi.") + ext)).string();
      const char* content_type = type;
      router.get(std::string("/v1/openapi.") + ext,
                 [file, content_type](const httplib::Request& req, httplib::Response& res) {
                   guarded(req, res, [&] {
                     std::string text = read_text_file(file);
                     if (text.empty())
                       throw Error(ErrorCode::route_not_found, "",
                                   "the API description is missing");
                     res.set_header("Cache-Control", "public, max-age=300");
                     res.set_content(std::move(text), content_type);
                   });
                 });
    }
  }
}

// The one route whose bodies may be larger (up to max_bulk_bytes).
constexpr const char* kBulkRoute = "POST /v1/stations/bulk";

// The one answer Range applies to: a file download. API answers ignore Range (cpp-httplib
// 0.11 would apply it to every answer: 2,000 overlapping ranges turned 8 kB into 16.8 MB).
bool takes_range(const httplib::Request& req) {
  return (req.method == "GET" || req.method == "HEAD") && req.path == "/v1/export";
}

void apply_range_policy(const httplib::Request& req) {
  auto& r = const_cast<httplib::Request&>(req);  // the server's own object
  if (r.ranges.empty() && !r.has_header("Range")) return;
  if (!takes_range(req)) {
    r.ranges.clear();
    r.headers.erase("Range");
    return;
  }
  if (r.ranges.size() > 1) {
    throw Error(ErrorCode::range_not_satisfiable, "Range",
                "one range per request (multipart byte ranges are not served)");
  }
}

ConnectionLimits connection_limits(const ServerConfig& config) {
  ConnectionLimits limits = config.connection;
  limits.idle_timeout_ms = config.keep_alive_seconds * 1000;
  return limits;
}

// The problem for a status cpp-httplib itself answers with (no handler ran).
ErrorCode code_for_status(int status) {
  switch (status) {
    case 404:
      return ErrorCode::route_not_found;
    case 413:
      return ErrorCode::body_too_large;
    case 414:
      return ErrorCode::uri_too_long;
    case 415:
      return ErrorCode::unsupported_encoding;
    case 416:
      return ErrorCode::range_not_satisfiable;
    case 431:
      return ErrorCode::headers_too_large;
    default:
      return status >= 500 ? ErrorCode::internal_error : ErrorCode::parameter_invalid;
  }
}

}  // namespace

struct Server::Impl {
  explicit Impl(ServerConfig c)
      : config(std::move(c)), http(config.threads, connection_limits(config)) {}
  ServerConfig config;
  std::atomic<std::shared_ptr<const Snapshot>> current;
  std::atomic<std::shared_ptr<const CoverageLayers>> layers{std::make_shared<CoverageLayers>()};
  std::atomic<std::shared_ptr<const TokenStore>> tokens{std::make_shared<TokenStore>()};
  std::mutex layers_write;  // read-modify-write of the layers
  std::unique_ptr<CoveragePool> pool;
  HttpServer http;
  Metrics metrics;
  std::unique_ptr<StationWrites> writes;
  std::unique_ptr<AccessLog> access_log;
  Router router{http, metrics, nullptr};
  TileCache tiles{config.tile_cache_bytes};
  RouteEnv env{config,
               [this] { return current.load(); },
               [this] { return layers.load(); },
               [this](std::shared_ptr<const DemandLayer> demand) {
                 std::lock_guard lock(layers_write);
                 auto next = std::make_shared<CoverageLayers>(*layers.load());
                 next->demand = std::move(demand);
                 next->demand_loaded_at = now_unix();
                 layers.store(std::move(next));
               },
               nullptr,
               &metrics,
               [this] { return tokens.load(); },
               nullptr,
               nullptr,
               &router.routes(),
               &tiles};

  // The transport's hooks: before routing, before a body is sent, error pages, exceptions,
  // CORS preflight.
  void install_hooks();
  httplib::Server::HandlerResponse before_routing(const httplib::Request& req,
                                                  httplib::Response& res);
  int before_body(const httplib::Request& req, httplib::Response& res);
  void error_page(const httplib::Request& req, httplib::Response& res);
  // body_too_large when the declared Content-Length is over the route's limit.
  void refuse_declared_length(const httplib::Request& req, const char* rule_end) const;
};

namespace {

// Debian's cpp-httplib 0.11 prefers brotli at its highest quality whenever a client accepts it:
// about a second for Leaflet's 430 kB, far slower than gzip for every JSON answer too. Browsers
// all accept gzip, so "br" is taken out of Accept-Encoding before routing. (The request is const
// in the hook's signature; the headers are the server's own copy.)
void drop_brotli(const httplib::Request& req) {
  auto range = req.headers.equal_range("Accept-Encoding");
  for (auto it = range.first; it != range.second; ++it) {
    std::string& value = const_cast<std::string&>(it->second);
    if (value.find("br") == std::string::npos) continue;
    std::string kept;
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(',', start);
      if (end == std::string::npos) end = value.size();
      std::string token = value.substr(start, end - start);
      token.erase(0, token.find_first_not_of(' '));
      if (!token.empty() && token.rfind("br", 0) != 0) kept += (kept.empty() ? "" : ", ") + token;
      start = end + 1;
    }
    value = kept;
  }
}

// The rule an error page without a body of its own gives for its code.
std::string error_page_rule(ErrorCode code, const httplib::Request& req,
                            const ConnectionLimits& connection) {
  switch (code) {
    case ErrorCode::route_not_found:
      return "no route " + req.method + " " + req.path + "; see /v1/meta for the API";
    case ErrorCode::body_too_large:
      return "the request body is over the server's limit";
    case ErrorCode::uri_too_long:
      return "the request target is over 8,192 bytes";
    case ErrorCode::headers_too_large:
      return "the request head is over " + std::to_string(connection.max_head_bytes) +
             " bytes or " + std::to_string(connection.max_header_lines) + " header lines";
    case ErrorCode::range_not_satisfiable:
      return "the Range header is not one range of bytes (bytes=first-last)";
    case ErrorCode::unsupported_encoding:
      return "the Content-Encoding is not supported";
    case ErrorCode::internal_error:
      return "unexpected error";
    default:
      return "the request is malformed";
  }
}

void exception_page(const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
  std::string what = "unexpected error";
  try {
    if (ep) std::rethrow_exception(ep);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  res.status = 500;
  res.set_content(render_problem(ErrorCode::internal_error, "", what, req.path),
                  content_type::kProblemJson);
}

void answer_preflight(const httplib::Request&, httplib::Response& res) {
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Content-Type, Authorization, If-None-Match, Accept-Encoding");
  res.set_header("Access-Control-Max-Age", "86400");
}

void after_routing(const httplib::Request&, httplib::Response& res) {
  res.set_header("Access-Control-Allow-Origin", "*");
  if (closing_after_response()) {
    res.headers.erase("Keep-Alive");
    if (!res.has_header("Connection")) res.set_header("Connection", "close");
  }
}

}  // namespace

void Server::Impl::refuse_declared_length(const httplib::Request& req, const char* rule_end) const {
  const auto declared = declared_length(req);
  const size_t limit = router.body_limit(req.method, req.path);
  if (declared && *declared > limit) {
    throw Error(
        ErrorCode::body_too_large, "body",
        "the body is over this route's limit of " + std::to_string(limit) + " bytes" + rule_end);
  }
}

httplib::Server::HandlerResponse Server::Impl::before_routing(const httplib::Request& req,
                                                              httplib::Response& res) {
  end_of_request_head();
  if (announces_body(req)) expect_request_body();  // unread, it closes the connection
  guarded(req, res, [&] {
    check_request_text(req.path, req.params);
    apply_range_policy(req);
    // Routing comes before the body is read: a declared length over the limit is refused
    // without reading a byte of it.
    refuse_declared_length(req, " (--max-body-bytes, --max-bulk-bytes for the bulk upload)");
  });
  if (res.status >= 400) return httplib::Server::HandlerResponse::Handled;
  drop_brotli(req);
  return httplib::Server::HandlerResponse::Unhandled;
}

// "Expect: 100-continue" is answered before the body is sent: a refusal saves the upload.
int Server::Impl::before_body(const httplib::Request& req, httplib::Response& res) {
  end_of_request_head();
  expect_request_body();
  guarded(req, res, [&] { refuse_declared_length(req, "; it was not sent"); });
  return res.status >= 400 ? res.status : 100;
}

void Server::Impl::error_page(const httplib::Request& req, httplib::Response& res) {
  const_cast<httplib::Request&>(req).ranges.clear();  // an error is never sliced
  // cpp-httplib answers 400 when reading the head failed; ours failed for its size.
  if (res.status == 400 && request_head_too_large()) res.status = 431;
  if (!res.body.empty()) return;
  const ErrorCode code = code_for_status(res.status);
  res.status = error_info(code).http_status;  // the body's status is the answer's
  res.set_content(render_problem(code, "", error_page_rule(code, req, config.connection), req.path),
                  content_type::kProblemJson);
  compress_other_json(req, res);
  if (res.status == 404) {  // no route matched: counted apart, never by raw path
    metrics.record(metrics.unmatched_slot(), 404, 0);
    if (access_log) access_log->write("unmatched", req, res, 0);
  }
}

void Server::Impl::install_hooks() {
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    return before_routing(req, res);
  });
  http.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    return before_body(req, res);
  });
  http.set_post_routing_handler(after_routing);
  http.set_error_handler(
      [this](const httplib::Request& req, httplib::Response& res) { error_page(req, res); });
  http.set_exception_handler(exception_page);
  http.Options(".*", answer_preflight);
}

Server::Server(ServerConfig config, Snapshot snapshot)
    : impl_(std::make_unique<Impl>(std::move(config))) {
  impl_->pool =
      std::make_unique<CoveragePool>(impl_->config.coverage_threads, impl_->config.coverage_queue);
  impl_->env.coverage_pool = impl_->pool.get();
  impl_->env.publish = [this](Snapshot s) { publish(std::move(s)); };
  impl_->writes = std::make_unique<StationWrites>(
      [this] { return impl_->current.load(); }, [this](Snapshot s) { publish(std::move(s)); },
      &impl_->metrics.writes,
      [this](const Catalog& c) {
        const size_t max = impl_->config.render_cache_max_stations;
        return max > 0 && c.base()->size() <= max ? RenderCache::build(c)
                                                  : std::shared_ptr<const RenderCache>();
      });
  impl_->env.writes = impl_->writes.get();
  if (!impl_->config.access_log.empty()) {
    impl_->access_log = std::make_unique<AccessLog>(impl_->config.access_log);
    impl_->router.set_access_log(impl_->access_log.get());
  }
  publish(std::move(snapshot));
  httplib::Server& http = impl_->http;
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1'000'000);
  http.set_keep_alive_timeout(impl_->config.keep_alive_seconds);
  // Socket-level timeouts (SO_RCVTIMEO, SO_SNDTIMEO); the connection loop keeps its own.
  http.set_read_timeout(impl_->config.connection.read_timeout_ms / 1000, 0);
  http.set_write_timeout(impl_->config.connection.write_timeout_ms / 1000, 0);
  // The router reads bodies up to each route's limit; this is only cpp-httplib's own bound.
  http.set_payload_max_length(
      std::max(impl_->config.limits.body_bytes, impl_->config.limits.bulk_body_bytes));
  Router& router = impl_->router;
  router.set_body_limits(impl_->config.limits.body_bytes, kBulkRoute,
                         impl_->config.limits.bulk_body_bytes);

  impl_->install_hooks();

  // cpp-httplib tries routes in registration order: the hot ones first.
  register_station_routes(router, impl_->env);
  register_coverage_routes(router, impl_->env);
  register_write_routes(router, impl_->env);
  register_ogc_routes(router, impl_->env);
  register_static_files(router, impl_->config);
  register_operation_routes(router, impl_->env);
  router.answer_unrouted();
}

Server::~Server() {
  stop();
  impl_->writes->wait_for_merge();
}

void Router::set_body_limits(size_t max_bytes, std::string large_route, size_t large_max_bytes) {
  max_body_ = max_bytes;
  large_route_ = std::move(large_route);
  large_max_body_ = large_max_bytes;
}

size_t Router::body_limit(const std::string& method, const std::string& path) const {
  return method + " " + path == large_route_ ? large_max_body_ : max_body_;
}

void Router::measure(size_t slot, const std::string& route, const httplib::Request& req,
                     httplib::Response& res, const std::function<void()>& run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.record(slot, res.status < 0 ? 200 : res.status, seconds);
  if (log_ != nullptr) log_->write(route, req, res, seconds);
}

httplib::Server::Handler Router::instrument(const std::string& route,
                                            httplib::Server::Handler handler) {
  routes_.push_back(route);
  const size_t slot = metrics_.add_route(route);
  return [this, slot, route, handler = std::move(handler)](const httplib::Request& req,
                                                           httplib::Response& res) {
    measure(slot, route, req, res, [&] { handler(req, res); });
  };
}

Router::BodyHandler Router::with_body(const std::string& route, httplib::Server::Handler handler) {
  routes_.push_back(route);
  const size_t slot = metrics_.add_route(route);
  return [this, slot, route, handler = std::move(handler)](const httplib::Request& req,
                                                           httplib::Response& res,
                                                           const httplib::ContentReader& reader) {
    measure(slot, route, req, res, [&] {
      guarded(req, res, [&] {
        read_request_body(req, res, reader, route == large_route_ ? large_max_body_ : max_body_);
      });
      if (res.status < 0) handler(req, res);  // read whole and within the limit
    });
  };
}

void Router::answer_unrouted() {
  auto unrouted = [](const httplib::Request&, httplib::Response& res,
                     const httplib::ContentReader&) { res.status = 404; };
  server_.Post(".*", unrouted);
  server_.Put(".*", unrouted);
  server_.Patch(".*", unrouted);
  server_.Delete(".*", unrouted);
}

void Router::get(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Get(pattern.empty() ? path : pattern, instrument("GET " + path, std::move(handler)));
}

void Router::post(const std::string& path, httplib::Server::Handler handler,
                  const std::string& pattern) {
  server_.Post(pattern.empty() ? path : pattern, with_body("POST " + path, std::move(handler)));
}

void Router::del(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Delete(pattern.empty() ? path : pattern, with_body("DELETE " + path, std::move(handler)));
}

void Router::put(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Put(pattern.empty() ? path : pattern, with_body("PUT " + path, std::move(handler)));
}

void Router::patch(const std::string& path, httplib::Server::Handler handler,
                   const std::string& pattern) {
  server_.Patch(pattern.empty() ? path : pattern, with_body("PATCH " + path, std::move(handler)));
}

void Router::add(std::initializer_list<Route> table, const RouteEnv& env) {
  for (const Route& r : table) {
    auto run = [&env, handler = r.handler](const httplib::Request& req, httplib::Response& res) {
      guarded(req, res, [&] { handler(env, req, res); });
    };
    // Each {name} segment of the documented path matches one path segment.
    std::string path = r.path, pattern;
    for (size_t open = path.find('{'); open != std::string::npos;) {
      if (pattern.empty()) pattern = path;
      const size_t at = pattern.find('{');
      pattern.replace(at, pattern.find('}', at) - at + 1, "([^/]+)");
      open = pattern.find('{');
    }
    const std::string method = r.method;
    if (method == "GET")
      get(path, run, pattern);
    else if (method == "POST")
      post(path, run, pattern);
    else if (method == "PUT")
      put(path, run, pattern);
    else if (method == "PATCH")
      patch(path, run, pattern);
    else if (method == "DELETE")
      del(path, run, pattern);
    else
      throw std::logic_error("no such method in a route table: " + method);
  }
}

int Server::bind() {
  int port = impl_->config.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(impl_->config.host);
  } else if (!impl_->http.bind_to_port(impl_->config.host, port)) {
    port = -1;
  }
  if (port >= 0) impl_->http.widen_backlog();
  if (port < 0) {
    throw Error(ErrorCode::parameter_invalid, "--port",
                "cannot listen on " + impl_->config.host + ":" +
                    std::to_string(impl_->config.port) +
                    " (address in use, or not an address of this machine)");
  }
  return port;
}

void Server::run() {
  impl_->http.listen_after_bind();
}

void Server::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

bool Server::running() const {
  return impl_->http.is_running();
}

void Server::publish(Snapshot snapshot) {
  // A write shares the base layer with the snapshot before it, and so shares its cache.
  const auto previous = impl_->current.load();
  if (!snapshot.render_cache && snapshot.catalog && previous && previous->render_cache &&
      previous->render_cache->built_for(*snapshot.catalog)) {
    snapshot.render_cache = previous->render_cache;
  }
  if (!snapshot.render_cache && snapshot.catalog && impl_->config.render_cache_max_stations > 0 &&
      snapshot.catalog->base()->size() <= impl_->config.render_cache_max_stations) {
    snapshot.render_cache = RenderCache::build(*snapshot.catalog);
  }
  if (snapshot.network && snapshot.catalog && !snapshot.walk_stations) {
    snapshot.walk_stations = WalkStations::place(
        snapshot.network, *snapshot.catalog, previous ? previous->walk_stations.get() : nullptr);
  }
  impl_->current.store(std::make_shared<const Snapshot>(std::move(snapshot)));
}

std::shared_ptr<const Snapshot> Server::snapshot() const {
  return impl_->current.load();
}

void Server::publish_layers(CoverageLayers layers) {
  std::lock_guard lock(impl_->layers_write);
  impl_->layers.store(std::make_shared<const CoverageLayers>(std::move(layers)));
}

void Server::set_store(std::unique_ptr<io::StationStore> store) {
  impl_->writes->set_store(std::move(store));
}

void Server::reload(Snapshot snapshot, std::unique_ptr<io::StationStore> store, int64_t sequence) {
  impl_->writes->replace(std::move(snapshot), std::move(store), sequence);
}

size_t Server::poll_store() {
  return impl_->writes->poll();
}

std::string Server::serve_bytes(std::string_view bytes) {
  return impl_->http.serve_bytes(bytes);
}

StationWrites& Server::writes() {
  return *impl_->writes;
}

void Server::record_reload() {
  impl_->metrics.reloads.fetch_add(1);
}

void Server::set_tokens(TokenStore tokens) {
  impl_->tokens.store(std::make_shared<const TokenStore>(std::move(tokens)));
}

std::shared_ptr<const CoverageLayers> Server::layers() const {
  return impl_->layers.load();
}

}  // namespace sf::http
