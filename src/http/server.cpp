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
#include "http/coverage_pool.hpp"
#include "http/json_body.hpp"
#include "http/json_writer.hpp"
#include "http/metrics.hpp"
#include "http/params.hpp"
#include "http/render.hpp"
#include "http/routes.hpp"
#include "http/station_writes.hpp"

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
        res.set_content(std::move(page), "text/html; charset=utf-8");
      });
    });
  }
  if (!config.leaflet_dir.empty() && fs::is_directory(config.leaflet_dir)) {
    http.set_mount_point("/vendor/leaflet", config.leaflet_dir);
  }
  if (!config.api_dir.empty() && fs::is_directory(config.api_dir)) {
    for (const auto& [ext, type] :
         {std::pair{"yaml", "application/yaml"}, std::pair{"json", "application/json"}}) {
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

std::string build_info_json() {
  JsonWriter w;
  w.begin_object().field("version", SF_VERSION).field("git", SF_GIT_DESCRIBE).end_object();
  return w.take();
}

// The one route whose bodies may be larger (up to max_bulk_bytes).
constexpr const char* kBulkPath = "/v1/stations/bulk";

// 413 for a body over the limit every other route has.
void refuse_large_body(const httplib::Request& req, httplib::Response& res, size_t limit) {
  res.status = 413;
  res.set_content(render_problem(ErrorCode::body_too_large, "body",
                                 "the body is over the server's limit of " + std::to_string(limit) +
                                     " bytes (--max-body-bytes)",
                                 req.path),
                  "application/problem+json");
}

}  // namespace

struct Server::Impl {
  ServerConfig config;
  std::atomic<std::shared_ptr<const Snapshot>> current;
  std::atomic<std::shared_ptr<const CoverageLayers>> layers{std::make_shared<CoverageLayers>()};
  std::atomic<std::shared_ptr<const TokenStore>> tokens{std::make_shared<TokenStore>()};
  std::mutex layers_write;  // read-modify-write of the layers
  std::unique_ptr<CoveragePool> pool;
  httplib::Server http;
  Metrics metrics;
  std::unique_ptr<StationWrites> writes;
  std::unique_ptr<AccessLog> access_log;
  Router router{http, metrics, nullptr};
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
               nullptr};
};

Server::Server(ServerConfig config, Snapshot snapshot) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->pool =
      std::make_unique<CoveragePool>(impl_->config.coverage_threads, impl_->config.coverage_queue);
  impl_->env.coverage_pool = impl_->pool.get();
  impl_->env.publish = [this](Snapshot s) { publish(std::move(s)); };
  impl_->writes = std::make_unique<StationWrites>(
      [this] { return impl_->current.load(); }, [this](Snapshot s) { publish(std::move(s)); },
      &impl_->metrics,
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
  const size_t threads = impl_->config.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1'000'000);
  http.set_keep_alive_timeout(impl_->config.keep_alive_seconds);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  // The bulk route takes bodies up to max_bulk_bytes; every other route max_body_bytes
  // (checked before routing).
  http.set_payload_max_length(std::max(impl_->config.max_body_bytes, impl_->config.max_bulk_bytes));

  // Debian's cpp-httplib 0.11 prefers brotli at its highest quality whenever a client accepts
  // it: about a second for Leaflet's 430 kB, far slower than gzip for every JSON answer too.
  // Browsers all accept gzip, so "br" is taken out of Accept-Encoding before routing. (The
  // request is const in the hook's signature; the headers are the server's own copy.)
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // Routing comes before the body is read: the declared length decides.
    const auto declared = req.get_header_value<uint64_t>("Content-Length");
    if (declared > impl_->config.max_body_bytes && req.path != kBulkPath) {
      refuse_large_body(req, res, impl_->config.max_body_bytes);
      return httplib::Server::HandlerResponse::Handled;
    }
    guarded(req, res, [&] { check_request_text(req.path, req.params); });
    if (res.status >= 400) return httplib::Server::HandlerResponse::Handled;
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
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
  });
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    ErrorCode code = ErrorCode::parameter_invalid;
    std::string rule = "the request is malformed";
    if (res.status == 404) {
      code = ErrorCode::route_not_found;
      rule = "no route " + req.method + " " + req.path + "; see /v1/meta for the API";
    } else if (res.status == 413) {
      code = ErrorCode::body_too_large;
      rule = "the request body is over the server's limit";
    }
    res.set_content(render_problem(code, "", rule, req.path), "application/problem+json");
    compress_other_json(req, res);
    if (res.status == 404) {  // no route matched: counted apart, never by raw path
      impl_->metrics.record(impl_->metrics.unmatched_slot(), 404, 0);
      if (impl_->access_log) impl_->access_log->write("unmatched", req, res, 0);
    }
  });
  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unexpected error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(render_problem(ErrorCode::internal_error, "", what, req.path),
                        "application/problem+json");
      });
  http.Options(".*", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    res.set_header("Access-Control-Allow-Headers",
                   "Content-Type, Authorization, If-None-Match, Accept-Encoding");
    res.set_header("Access-Control-Max-Age", "86400");
  });

  // cpp-httplib tries routes in registration order: the hot ones first.
  Router& router = impl_->router;
  router.set_body_limit(impl_->config.max_body_bytes, std::string("POST ") + kBulkPath);
  register_station_routes(router, impl_->env);
  register_coverage_routes(router, impl_->env);
  register_admin_routes(router, impl_->env);
  register_static_files(router, impl_->config);
  router.get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  router.get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
    const auto snap = impl_->current.load();
    res.set_header("Cache-Control", "no-store");
    std::string problem;
    if (!snap || !snap->catalog) {
      problem = "no dataset loaded";
    } else if (snap->source.find('/') != std::string::npos &&  // a file path, not a label
               snap->source.find(':') == std::string::npos &&  // nor PG:… or a URL
               snap->source.rfind("/vsi", 0) != 0 && !std::filesystem::exists(snap->source)) {
      problem = "the data source " + snap->source + " is no longer there";
    } else if (std::string store = impl_->writes->store_problem(); !store.empty()) {
      problem = "the store does not answer: " + store;
    }
    JsonWriter w;
    w.begin_object().field("status", problem.empty() ? "ready" : "not ready");
    if (!problem.empty()) w.field("reason", problem);
    if (snap && snap->catalog) {
      w.field("dataset_version", snap->catalog->version());
      w.field("stations", snap->catalog->size());
    }
    w.end_object();
    res.status = problem.empty() ? 200 : 503;
    res.set_content(w.take(), "application/json");
  });
  router.get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    const auto snap = impl_->current.load();
    std::string gauges;
    gauges += "# HELP stationfinder_stations_loaded Stations in the served snapshot.\n";
    gauges += "# TYPE stationfinder_stations_loaded gauge\n";
    gauges += "stationfinder_stations_loaded " +
              std::to_string(snap && snap->catalog ? snap->catalog->size() : 0) + "\n";
    gauges += "# HELP stationfinder_dataset_info The served dataset's version.\n";
    gauges += "# TYPE stationfinder_dataset_info gauge\n";
    gauges += "stationfinder_dataset_info{version=\"" +
              (snap && snap->catalog ? snap->catalog->version() : std::string()) + "\"} 1\n";
    gauges += "# HELP stationfinder_coverage_threads Threads of the coverage pool.\n";
    gauges += "# TYPE stationfinder_coverage_threads gauge\n";
    gauges += "stationfinder_coverage_threads " + std::to_string(impl_->pool->threads()) + "\n";
    res.set_header("Cache-Control", "no-store");
    res.set_content(impl_->metrics.render(gauges), "text/plain; version=0.0.4");
  });
  router.get("/v1/meta", [this](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      const auto snap = impl_->current.load();
      const Catalog& cat = *snap->catalog;
      if (answered_not_modified(req, res, cat, true)) return;
      JsonWriter w;
      w.begin_object();
      w.field("count", cat.size());
      w.key("bbox");
      if (auto b = cat.bbox()) {
        w.begin_array()
            .number(b->west, 7)
            .number(b->south, 7)
            .number(b->east, 7)
            .number(b->north, 7);
        w.end_array();
      } else {
        w.null();
      }
      w.field("dataset_version", cat.version());
      w.field("source", snap->source);
      w.field("loaded_at", format_shanghai(snap->loaded_at));
      w.field("districts", cat.districts().size());
      w.field("stations_with_unparsed_hours", cat.unparsed_hours_count());
      w.key("build").raw(build_info_json());
      w.key("amenities").begin_array();
      for (std::string_view a : all_amenity_names()) w.value(a);
      w.end_array();
      w.key("host_types").begin_array();
      for (std::string_view h : all_host_type_names()) w.value(h);
      w.end_array();
      w.key("crs").begin_array().value("wgs84").value("gcj02").value("bd09").end_array();
      w.key("routes").begin_array();
      for (const std::string& r : impl_->router.routes()) w.value(r);
      w.end_array();
      w.key("limits").begin_object();
      w.field("k_max", size_t{100}).field("limit_max", size_t{1000});
      w.field("result_window", impl_->config.max_result_window);
      w.field("batch_points", impl_->config.max_batch_points);
      w.field("route_vertices", impl_->config.max_route_vertices);
      w.field("polygon_vertices", impl_->config.max_polygon_vertices);
      w.field("body_bytes", impl_->config.max_body_bytes);
      w.field("bulk_body_bytes", impl_->config.max_bulk_bytes);
      w.field("json_depth", kMaxJsonDepth);
      w.field("coverage_cells", impl_->config.max_coverage_cells);
      w.field("candidates", impl_->config.max_candidates);
      w.field("coverage_threads", impl_->pool->threads());
      w.field("coverage_queue", impl_->pool->queue_limit());
      w.end_object();
      const auto layers = impl_->layers.load();
      w.key("coverage").begin_object();
      w.key("exclusion");
      layers->exclusion ? w.value(layers->exclusion_source) : w.null();
      w.key("candidates");
      layers->candidates ? w.value(layers->candidates_source) : w.null();
      w.end_object();
      w.end_object();
      send_json(req, res, cat, w.take(), "application/json", true);
    });
  });
}

Server::~Server() {
  stop();
  impl_->writes->wait_for_merge();
}

httplib::Server::Handler Router::instrument(const std::string& route,
                                            httplib::Server::Handler handler) {
  routes_.push_back(route);
  const size_t slot = metrics_.add_route(route);
  return [this, slot, route, handler = std::move(handler)](const httplib::Request& req,
                                                           httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    if (req.body.size() > max_body_ && route != body_exempt_) {
      refuse_large_body(req, res, max_body_);
    } else {
      handler(req, res);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.record(slot, res.status < 0 ? 200 : res.status, seconds);
    if (log_ != nullptr) log_->write(route, req, res, seconds);
  };
}

void Router::get(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Get(pattern.empty() ? path : pattern, instrument("GET " + path, std::move(handler)));
}

void Router::post(const std::string& path, httplib::Server::Handler handler,
                  const std::string& pattern) {
  server_.Post(pattern.empty() ? path : pattern, instrument("POST " + path, std::move(handler)));
}

void Router::del(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Delete(pattern.empty() ? path : pattern,
                 instrument("DELETE " + path, std::move(handler)));
}

void Router::put(const std::string& path, httplib::Server::Handler handler,
                 const std::string& pattern) {
  server_.Put(pattern.empty() ? path : pattern, instrument("PUT " + path, std::move(handler)));
}

void Router::patch(const std::string& path, httplib::Server::Handler handler,
                   const std::string& pattern) {
  server_.Patch(pattern.empty() ? path : pattern, instrument("PATCH " + path, std::move(handler)));
}

int Server::bind() {
  int port = impl_->config.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(impl_->config.host);
  } else if (!impl_->http.bind_to_port(impl_->config.host, port)) {
    port = -1;
  }
  if (port < 0) {
    throw std::runtime_error("cannot listen on " + impl_->config.host + ":" +
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
