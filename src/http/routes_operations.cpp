// Operation routes: liveness (/healthz), readiness (/readyz), Prometheus metrics (/metrics) and
// what the server serves (/v1/meta: the dataset, vocabularies, limits, every route).
#include <filesystem>
#include <string>

#include "http/coverage_pool.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"
#include "render/content_types.hpp"
#include "render/json_writer.hpp"
#include "render/render.hpp"
#include "service/station_writes.hpp"

namespace sf::http {

namespace {

void get_healthz(const RouteEnv&, const httplib::Request&, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(R"({"status":"ok"})", content_type::kJson);
}

// Why the server is not ready, or "" when it is.
std::string readiness_problem(const Snapshot* snap, StationWrites& writes) {
  if (snap == nullptr || !snap->catalog) return "no dataset loaded";
  const std::string& source = snap->source;
  if (source.find('/') != std::string::npos &&  // a file path, not a label
      source.find(':') == std::string::npos &&  // nor PG:… or a URL
      source.rfind("/vsi", 0) != 0 && !std::filesystem::exists(source)) {
    return "the data source " + source + " is no longer there";
  }
  if (std::string store = writes.store_problem(); !store.empty()) {
    return "the store does not answer: " + store;
  }
  return "";
}

void get_readyz(const RouteEnv& env, const httplib::Request&, httplib::Response& res) {
  const auto snap = env.snapshot();
  res.set_header("Cache-Control", "no-store");
  const std::string problem = readiness_problem(snap.get(), *env.writes);
  JsonWriter w;
  w.begin_object().field("status", problem.empty() ? "ready" : "not ready");
  if (!problem.empty()) w.field("reason", problem);
  if (snap && snap->catalog) {
    w.field("dataset_version", snap->catalog->version());
    w.field("stations", snap->catalog->size());
  }
  w.end_object();
  res.status = problem.empty() ? 200 : 503;
  res.set_content(w.take(), content_type::kJson);
}

void get_metrics(const RouteEnv& env, const httplib::Request&, httplib::Response& res) {
  const auto snap = env.snapshot();
  const bool loaded = snap && snap->catalog;
  std::string gauges;
  gauges += "# HELP stationfinder_stations_loaded Stations in the served snapshot.\n";
  gauges += "# TYPE stationfinder_stations_loaded gauge\n";
  gauges +=
      "stationfinder_stations_loaded " + std::to_string(loaded ? snap->catalog->size() : 0) + "\n";
  gauges += "# HELP stationfinder_dataset_info The served dataset's version.\n";
  gauges += "# TYPE stationfinder_dataset_info gauge\n";
  gauges += "stationfinder_dataset_info{version=\"" +
            (loaded ? snap->catalog->version() : std::string()) + "\"} 1\n";
  gauges += "# HELP stationfinder_coverage_threads Threads of the coverage pool.\n";
  gauges += "# TYPE stationfinder_coverage_threads gauge\n";
  gauges += "stationfinder_coverage_threads " + std::to_string(env.coverage_pool->threads()) + "\n";
  res.set_header("Cache-Control", "no-store");
  res.set_content(env.metrics->render(gauges), content_type::kPrometheus);
}

void get_meta(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  const auto snap = env.snapshot();
  if (answered_not_modified(req, res, *snap, true)) return;
  const MetaFacts facts{*snap,
                        *env.layers(),
                        *env.routes,
                        env.config.limits,
                        env.coverage_pool->threads(),
                        env.coverage_pool->queue_limit()};
  send_json(req, res, *snap, render_meta(facts), content_type::kJson, true);
}

}  // namespace

void register_operation_routes(Router& router, const RouteEnv& env) {
  router.add({{"GET", "/healthz", get_healthz},
              {"GET", "/readyz", get_readyz},
              {"GET", "/metrics", get_metrics},
              {"GET", "/v1/meta", get_meta}},
             env);
}

}  // namespace sf::http
