// What every route family is given (RouteEnv), the route table row, and the Router that
// registers, guards and measures each route.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

#include "http/respond.hpp"
#include "http/server.hpp"
#include "http/tokens.hpp"

namespace sf {
class StationWrites;
class TileCache;
}  // namespace sf

namespace sf::http {

class CoveragePool;
class Metrics;
class AccessLog;

struct RouteEnv {
  const ServerConfig& config;
  std::function<std::shared_ptr<const Snapshot>()> snapshot;
  std::function<std::shared_ptr<const CoverageLayers>()> layers;
  // Replaces the demand layer (null: none), keeping the other layers.
  std::function<void(std::shared_ptr<const DemandLayer>)> publish_demand;
  CoveragePool* coverage_pool;
  Metrics* metrics;
  std::function<std::shared_ptr<const TokenStore>()> tokens;
  StationWrites* writes;
  std::function<void(Snapshot)> publish;
  const std::vector<std::string>* routes = nullptr;  // every registered route, for /v1/meta
  TileCache* tile_cache = nullptr;                   // encoded vector tiles (--tile-cache-mb)
};

// A named handler: parse → snapshot → core or service call → render → send. What it throws
// becomes problem+json (guarded).
using Handler = void (*)(const RouteEnv&, const httplib::Request&, httplib::Response&);

// One row of a route table: the method, the path as the API documents it ("{id}" for a path
// segment) and its handler.
struct Route {
  const char* method;
  const char* path;
  Handler handler;
};

// Registers handlers and remembers every route as the API documents it ("GET /v1/stations/{id}"),
// so /v1/meta can list them and a test can hold them against api/openapi.yaml.
class Router {
 public:
  // Every handler is wrapped to count its route and status in `metrics` and, when `log` is
  // given, to write an access log line.
  Router(httplib::Server& server, Metrics& metrics, AccessLog* log)
      : server_(server), metrics_(metrics), log_(log) {}
  // `pattern`: the regex when the path has parameters; empty: the path itself.
  void get(const std::string& path, httplib::Server::Handler handler,
           const std::string& pattern = "");
  void post(const std::string& path, httplib::Server::Handler handler,
            const std::string& pattern = "");
  void del(const std::string& path, httplib::Server::Handler handler,
           const std::string& pattern = "");
  void put(const std::string& path, httplib::Server::Handler handler,
           const std::string& pattern = "");
  void patch(const std::string& path, httplib::Server::Handler handler,
             const std::string& pattern = "");
  // Registers each row of a route table, guarded, with `env` bound.
  void add(std::initializer_list<Route> table, const RouteEnv& env);
  const std::vector<std::string>& routes() const { return routes_; }
  httplib::Server& server() { return server_; }
  void set_access_log(AccessLog* log) { log_ = log; }
  // Bodies (POST, PUT, PATCH, DELETE) are read by the router, up to `max_bytes` on every route
  // but `large_route` ("POST /v1/…"), which takes up to `large_max_bytes`; reading stops at
  // the limit (request_body.hpp).
  void set_body_limits(size_t max_bytes, std::string large_route, size_t large_max_bytes);
  // After the last route: the body methods on paths no route has are answered 404 without
  // their bodies being read (cpp-httplib would read them whole first).
  void answer_unrouted();
  // The body limit of a path and method (for checks made before routing).
  size_t body_limit(const std::string& method, const std::string& path) const;

 private:
  using BodyHandler = httplib::Server::HandlerWithContentReader;
  // Counts the route and status, times the handler, writes the access log line.
  void measure(size_t slot, const std::string& route, const httplib::Request& req,
               httplib::Response& res, const std::function<void()>& run);
  httplib::Server::Handler instrument(const std::string& route, httplib::Server::Handler handler);
  BodyHandler with_body(const std::string& route, httplib::Server::Handler handler);
  httplib::Server& server_;
  Metrics& metrics_;
  AccessLog* log_;
  size_t max_body_ = SIZE_MAX;
  std::string large_route_;
  size_t large_max_body_ = SIZE_MAX;
  std::vector<std::string> routes_;
};

// Runs `job` on the coverage pool and waits for it; when the pool is full, answers 503
// (coverage_busy, with Retry-After) without running it.
void run_on_coverage_pool(const RouteEnv& env, httplib::Response& res,
                          const std::function<void()>& job);

void register_station_routes(Router& router, const RouteEnv& env);
void register_coverage_routes(Router& router, const RouteEnv& env);
// The station writes: POST, PUT, PATCH, DELETE, bulk, history and restore.
void register_write_routes(Router& router, const RouteEnv& env);
// OGC API - Features under /ogc (routes_ogc.cpp).
void register_ogc_routes(Router& router, const RouteEnv& env);
// /healthz, /readyz, /metrics and /v1/meta.
void register_operation_routes(Router& router, const RouteEnv& env);

}  // namespace sf::http
