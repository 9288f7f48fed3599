// Coverage routes for planners: gaps, the district report, the 24-hour profile, siting
// suggestions, and the private demand layer. The work runs on the coverage pool; a full pool
// answers 503 with Retry-After.
#include <algorithm>
#include <atomic>

#include <cmath>

#include "core/coverage_request.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/coverage_pool.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"
#include "io/coverage_files.hpp"
#include "io/demand_reader.hpp"
#include "io/memory_files.hpp"
#include "io/station_export.hpp"
#include "render/content_types.hpp"
#include "render/render_coverage.hpp"
#include "render/render_isochrone.hpp"
#include "service/coverage_requests.hpp"
#include "service/geojson_input.hpp"
#include "service/isochrones.hpp"
#include "service/json_body.hpp"
#include "service/query_params.hpp"
#include "service/walk_queries.hpp"

namespace sf::http {

namespace {

void send_file(httplib::Response& res, std::string body, const char* type,
               const std::string& filename) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_content(std::move(body), type);
}

void send_text(const httplib::Request& req, httplib::Response& res, std::string body,
               const char* type) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(body), type);
  compress_other_json(req, res);
}

// The parts every coverage answer shares: query, body, the server's layers, and the study
// input with its echo.
struct Prepared {
  CoverageQuery query;
  CoverageBody body;
  std::shared_ptr<const CoverageLayers> layers;
  io::CoverageStudyInput input;
  CoverageEcho echo;
};

Prepared prepare(const httplib::Request& req, const QueryParams& q, const RouteEnv& env,
                 const Snapshot& snap, bool needs_region, bool candidates) {
  const Catalog& catalog = *snap.catalog;
  Prepared p;
  p.query = parse_coverage_query(q, env.config.limits);
  p.layers = env.layers();
  p.body = parse_coverage_body(req.body, p.query.datum,
                               {env.config.limits.polygon_vertices, env.config.limits.batch_points,
                                env.config.limits.candidates, candidates});
  Region region;
  std::string label;
  if (needs_region) region = resolve_region(q, catalog, p.body.region, p.query.datum, label);
  StudyLayers used;
  used.network = snap.network.get();
  if (p.body.exclude) {
    used.exclusion = &*p.body.exclude;
    used.exclusion_source = "body";
  } else if (p.query.use_exclusion && p.layers->exclusion) {
    used.exclusion = p.layers->exclusion.get();
    used.exclusion_source = p.layers->exclusion_source;
  }
  if (p.layers->demand) {
    used.demand = p.layers->demand.get();
    used.demand_source = p.layers->demand->source;
  }
  CoverageStudyRequest study = coverage_study_request(catalog, p.query, std::move(region),
                                                      std::move(label), p.body.what_if, used);
  p.input = std::move(study.input);
  p.echo = std::move(study.echo);
  if (needs_region) {
    check_coverage_grid(p.input.region, p.input.options.cell_m, env.config.limits.coverage_cells,
                        "cell_m");
  }
  return p;
}

void gaps_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"district", "bbox", "format", SF_COVERAGE_PARAMS});
  const Format format = parse_format(
      q, {Format::geojson, Format::json, Format::csv, Format::gpkg, Format::shp, Format::tiff},
      Format::geojson);
  const auto snap = env.snapshot();
  Prepared p = prepare(req, q, env, *snap, true, false);
  run_on_coverage_pool(env, res, [&] {
    const io::CoverageStudy study = io::study_coverage(p.input);
    if (format == Format::geojson || format == Format::json) {
      send_text(req, res, render_gaps(p.echo, study, format), content_type::of(format));
    } else if (format == Format::csv) {
      send_text(req, res, render_gaps_summary_csv(p.echo, study), content_type::kCsv);
    } else if (format == Format::gpkg || format == Format::shp) {
      const std::string name = format == Format::gpkg ? "gaps.gpkg" : "gaps.shp.zip";
      send_file(res,
                io::written_in_memory(name,
                                      [&](const std::string& path) {
                                        io::write_gaps(path, study.gaps, p.query.datum);
                                      }),
                content_type::of(format), name);
    } else {
      send_file(res,
                io::written_in_memory("distance.tif",
                                      [&](const std::string& path) {
                                        io::write_distance_raster(path, study.grid, study.walk_m);
                                      }),
                content_type::kGeoTiff, "distance.tif");
    }
  });
}

void districts_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"format", SF_COVERAGE_PARAMS});
  const Format format = parse_format(q, {Format::json, Format::csv}, Format::json);
  const auto snap = env.snapshot();
  const Catalog& catalog = *snap->catalog;
  if (catalog.districts().empty()) {
    throw Error(ErrorCode::unknown_district, "district", "the dataset has no district layer");
  }
  Prepared p = prepare(req, q, env, *snap, false, false);
  p.echo.region = "all districts";
  std::vector<std::vector<Ring>> all;
  for (const District& d : catalog.districts())
    for (const auto& poly : d.region.polygons()) all.push_back(poly);
  check_coverage_grid(Region(std::move(all)), p.input.options.cell_m,
                      env.config.limits.coverage_cells, "cell_m");
  run_on_coverage_pool(env, res, [&] {
    const auto rows = io::district_report(p.input);
    send_text(req, res, render_district_report(p.echo, rows, format), content_type::of(format));
  });
}

void profile_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"district", "bbox", "weekday", "format", SF_COVERAGE_PARAMS});
  if (q.has("at")) {
    throw Error(ErrorCode::parameter_invalid, "at",
                "the profile covers every hour of a weekday; give weekday= instead of at=");
  }
  const Format format = parse_format(q, {Format::json, Format::csv}, Format::json);
  std::string weekday_label;
  const int weekday = parse_weekday(q, weekday_label);
  const auto snap = env.snapshot();
  const Catalog& catalog = *snap->catalog;
  Prepared p = prepare(req, q, env, *snap, true, false);
  run_on_coverage_pool(env, res, [&] {
    const auto hours = io::coverage_profile(p.input, weekday, [&](int minute_of_week) {
      return counted_stations(catalog, minute_of_week, p.body.what_if);
    });
    send_text(req, res, render_profile(p.echo, p.echo.region, weekday_label, hours, format),
              content_type::of(format));
  });
}

// The candidate sites: candidates=body, layer or grid (by default the body's, else the
// server's layer, else grid cell centres); `grid_sites` holds grid ones. Held to the limit.
const std::vector<Candidate>* suggest_candidates(const QueryParams& q, const Prepared& p,
                                                 const Limits& limits,
                                                 std::vector<Candidate>& grid_sites,
                                                 std::string& source) {
  source = q.get("candidates")
               .value_or(!p.body.candidates.empty() ? "body"
                                                    : (p.layers->candidates ? "layer" : "grid"));
  const std::vector<Candidate>* candidates = nullptr;
  if (source == "body") {
    if (p.body.candidates.empty()) {
      throw Error(ErrorCode::body_invalid, "candidates",
                  "candidates=body needs a \"candidates\" member with points");
    }
    candidates = &p.body.candidates;
  } else if (source == "layer") {
    if (!p.layers->candidates) {
      throw Error(ErrorCode::parameter_invalid, "candidates",
                  "the server has no candidate layer (serve --candidates FILE); use body or grid");
    }
    candidates = p.layers->candidates.get();
  } else if (source == "grid") {
    const double spacing =
        candidate_spacing(q.optional_number("candidate_spacing_m"), p.input.options);
    const size_t cells = CoverageGrid::cells_for(p.input.region, spacing);
    if (cells > limits.candidates * 4) {
      throw Error(ErrorCode::too_many_candidates, "candidate_spacing_m",
                  "a " + std::to_string(static_cast<long>(spacing)) +
                      " m grid over this region has " + std::to_string(cells) +
                      " cells; use a wider spacing or a smaller region");
    }
    grid_sites = grid_candidates(p.input.region, p.input.exclusion, spacing);
    candidates = &grid_sites;
  } else {
    throw Error(ErrorCode::parameter_invalid, "candidates",
                "'" + source + "' is not body, layer or grid");
  }
  if (candidates->size() > limits.candidates) {
    throw Error(ErrorCode::too_many_candidates, "candidates",
                std::to_string(candidates->size()) + " candidates is over the limit of " +
                    std::to_string(limits.candidates) +
                    "; use a wider candidate_spacing_m or a smaller region");
  }
  return candidates;
}

void suggest_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"district", "bbox", "k", "target_pct", "max_sites", "candidates",
                "candidate_spacing_m", "format", SF_COVERAGE_PARAMS});
  const Format format =
      parse_format(q, {Format::json, Format::geojson, Format::csv, Format::gpkg}, Format::json);
  const SuggestQuery sq = parse_suggest_query(q);
  const auto snap = env.snapshot();
  Prepared p = prepare(req, q, env, *snap, true, true);
  std::vector<Candidate> grid_sites;
  std::string source;
  const std::vector<Candidate>* candidates =
      suggest_candidates(q, p, env.config.limits, grid_sites, source);
  p.echo.region += " (candidates: " + source + ")";
  run_on_coverage_pool(env, res, [&] {
    SitingInput in{p.input, *candidates, sq.k, sq.target_pct, sq.max_sites};
    in.coverage.districts.clear();
    const SitingResult result = suggest_sites(in);
    if (format == Format::gpkg) {
      send_file(res,
                io::written_in_memory("suggestions.gpkg",
                                      [&](const std::string& path) {
                                        io::write_suggestions(path, result.picks, *candidates,
                                                              p.query.datum);
                                      }),
                content_type::kGeoPackage, "suggestions.gpkg");
      return;
    }
    send_text(req, res, render_suggestions(p.echo, result, *candidates, sq.target_pct, format),
              content_type::of(format));
  });
}

void write_demand_status(JsonWriter& w, const CoverageLayers& layers) {
  w.begin_object();
  w.field("loaded", layers.demand != nullptr);
  if (layers.demand) {
    w.field("source", layers.demand->source);
    w.field("points", static_cast<uint64_t>(layers.demand->points.size()));
    w.key("total_weight").number(layers.demand->total_weight(), 3);
    w.field("loaded_at", format_shanghai(layers.demand_loaded_at));
  }
}

void demand_upload_handler(const RouteEnv& env, const httplib::Request& req,
                           httplib::Response& res) {
  authorize_write(env, req, res);
  QueryParams q(req.params);
  q.allow_only({"crs", "weight"});
  const std::optional<std::string> crs = q.get("crs");
  if (crs && !parse_datum(*crs)) {
    throw Error(ErrorCode::unknown_crs, "crs", "'" + *crs + "' is not wgs84, gcj02 or bd09");
  }
  const size_t first = req.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw Error(ErrorCode::body_invalid, "body", "send the demand points as GeoJSON or CSV");
  }
  const bool json = req.body[first] == '{' || req.body[first] == '[';
  if (json) check_json_text(req.body);  // GDAL parses it: the same gate as every JSON body
  io::DemandReadResult read;
  try {
    io::DemandReadOptions options;
    options.crs = crs;
    options.weight_column = q.get("weight").value_or("");
    io::read_in_memory(req.body, json ? "demand.geojson" : "demand.csv", "the upload",
                       [&](const std::string& path) { read = io::read_demand(path, options); });
  } catch (const Error& e) {
    throw Error(ErrorCode::demand_unusable, e.parameter(), e.rule());
  }
  read.layer.source = "upload";
  auto layer = std::make_shared<const DemandLayer>(std::move(read.layer));
  env.publish_demand(layer);
  const auto layers = env.layers();
  JsonWriter w;
  write_demand_status(w, *layers);
  w.field("rows", static_cast<uint64_t>(read.report.rows));
  w.field("rejected", static_cast<uint64_t>(read.report.rejected));
  w.key("problems").begin_array();
  for (const std::string& s : read.report.first_problems) w.value(s);
  w.end_array();
  w.key("weight_column");
  read.report.weight_column.empty() ? w.null() : w.value(read.report.weight_column);
  w.field("crs", read.report.crs);
  w.end_object();
  res.status = 201;
  send_text(req, res, w.take(), content_type::kJson);
}

// The served stations (and districts) back as a file: what a snapshot holds, in any of the
// writer's formats. On the coverage pool: a million stations take seconds to write.
void export_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"format"});
  const Format format =
      parse_format(q, {Format::gpkg, Format::geojson, Format::csv, Format::fgb}, Format::gpkg);
  const auto snap = env.snapshot();
  const Catalog& catalog = *snap->catalog;
  run_on_coverage_pool(env, res, [&] {
    const std::vector<Station> stations = catalog.stations();
    const std::string name =
        "stations-" + catalog.version() + "." + std::string(format_name(format));
    send_file(res,
              io::written_in_memory(name,
                                    [&](const std::string& path) {
                                      io::write_stations(path, stations, catalog.districts());
                                    }),
              content_type::of(format), name);
    res.set_header("ETag",
                   "\"" + catalog.version() + "-" + std::string(format_name(format)) + "\"");
    answer_byte_range(req, res);
  });
}

// GET /v1/isochrone: the area reachable on foot from a point within each walk.
void isochrone_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"lon", "lat", "walk_minutes", "walk_m", "cell_m", "crs", "format"});
  const IsochroneRequest r = parse_isochrone(q, env.config.limits);
  const auto snap = env.snapshot();
  const WalkStations& stations = walk_stations_of(*snap);
  run_on_coverage_pool(env, res, [&] {
    const Isochrone iso = isochrone_at(stations.network(), r);
    send_text(req, res, render_isochrone(iso, r.datum, r.format), content_type::of(r.format));
  });
}

// GET /v1/stations/{id}/catchment: the same from one station.
void catchment_handler(const RouteEnv& env, const httplib::Request& req, httplib::Response& res) {
  QueryParams q(req.params);
  q.allow_only({"walk_minutes", "walk_m", "cell_m", "crs", "format"});
  const IsochroneRequest r = parse_catchment(q, env.config.limits);
  const auto snap = env.snapshot();
  const WalkStations& stations = walk_stations_of(*snap);
  const std::string id = req.matches[1];
  run_on_coverage_pool(env, res, [&] {
    const Isochrone iso = catchment_of(*snap->catalog, stations, id, r);
    send_text(req, res, render_isochrone(iso, r.datum, r.format), content_type::of(r.format));
  });
}

}  // namespace

void run_on_coverage_pool(const RouteEnv& env, httplib::Response& res,
                          const std::function<void()>& job) {
  if (!env.coverage_pool->run(job)) {
    if (env.metrics != nullptr) env.metrics->coverage_refused.fetch_add(1);
    res.set_header("Retry-After", std::to_string(env.config.coverage_retry_after_s));
    throw Error(ErrorCode::coverage_busy, "",
                "every coverage worker is busy and the queue is full; retry after " +
                    std::to_string(env.config.coverage_retry_after_s) + " s");
  }
}

void register_coverage_routes(Router& router, const RouteEnv& env) {
  auto route =
      [&env](void (*handler)(const RouteEnv&, const httplib::Request&, httplib::Response&)) {
        return [&env, handler](const httplib::Request& req, httplib::Response& res) {
          guarded(req, res, [&] { handler(env, req, res); });
        };
      };
  router.get("/v1/coverage/gaps", route(gaps_handler));
  router.post("/v1/coverage/gaps", route(gaps_handler));
  router.get("/v1/coverage/districts", route(districts_handler));
  router.post("/v1/coverage/districts", route(districts_handler));
  router.get("/v1/coverage/profile", route(profile_handler));
  router.post("/v1/coverage/profile", route(profile_handler));
  router.post("/v1/coverage/suggest", route(suggest_handler));
  router.get("/v1/export", route(export_handler));
  router.add({{"GET", "/v1/isochrone", isochrone_handler},
              {"GET", "/v1/stations/{id}/catchment", catchment_handler}},
             env);
  router.post("/v1/demand", route(demand_upload_handler));
  router.get("/v1/demand", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      QueryParams(req.params).allow_only({});
      JsonWriter w;
      write_demand_status(w, *env.layers());
      w.end_object();
      send_text(req, res, w.take(), content_type::kJson);
    });
  });
  router.del("/v1/demand", [&env](const httplib::Request& req, httplib::Response& res) {
    guarded(req, res, [&] {
      authorize_write(env, req, res);
      QueryParams(req.params).allow_only({});
      env.publish_demand(nullptr);
      res.status = 204;
    });
  });
}

}  // namespace sf::http
