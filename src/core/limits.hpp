// Every limit a request is held to, with its default, written once. The HTTP server and the
// CLI check requests against the same Limits (service/), /v1/meta lists them, `serve --help`
// and the CLI's flags show them, and a test holds them against api/openapi.yaml.
#pragma once

#include <cstddef>

namespace sf {

struct Limits {
  // Station queries.
  size_t k_default = 5;
  size_t k_max = 100;
  size_t limit_default = 100;
  size_t limit_max = 1000;
  size_t result_window = 10000;      // offset + k (or limit) at most
  double radius_max_m = 20'000'000;  // about half the Earth's circumference
  double buffer_default_m = 300;     // along-route
  double buffer_max_m = 50'000;
  size_t batch_points = 1000;  // POST /v1/stations/nearest
  size_t route_vertices = 10000;
  size_t polygon_vertices = 100000;
  size_t text_query_bytes = 200;   // q=
  size_t cluster_below_zoom = 15;  // map views below it get clusters
  // Walking (distance=walk; docs/STREET_NETWORK.md).
  double walk_radius_default_m = 10'000;  // how far a walk is searched without radius_m
  double walk_radius_max_m = 50'000;
  double max_snap_m = 300;  // a point farther from a walkable street cannot walk (serve)
  // The one walking speed: walk_minutes become metres at it everywhere, and walk_m becomes
  // walk_minutes (serve --walk-speed-kmh; 4.5 km/h is 75 m a minute).
  double walk_speed_kmh = 4.5;
  double walk_speed_min_kmh = 0.5;
  double walk_speed_max_kmh = 30;
  size_t walk_batch_points = 100;     // POST /v1/stations/nearest?distance=walk
  size_t isochrone_values = 8;        // walk_minutes= or walk_m= values of one isochrone
  double isochrone_minutes_max = 60;  // the longest walk an isochrone draws (4,500 m)
  double isochrone_cell_default_m = 25;
  size_t network_listing_default = 1000;  // GET /v1/network: street pieces a page
  size_t network_listing_max = 10000;
  // OGC API - Features: items a page (limit=), declared in the service description.
  size_t ogc_limit_default = 100;
  size_t ogc_limit_max = 10000;
  // Request bodies.
  size_t body_bytes = 1 << 20;
  size_t bulk_body_bytes = 64 << 20;  // POST /v1/stations/bulk only
  size_t json_depth = 64;             // levels of arrays and objects (service/json_body.hpp)
  // Coverage.
  double coverage_radius_default_m = 500;
  double coverage_radius_max_m = 50'000;
  double cell_default_m = 100;
  double cell_min_m = 5;
  double cell_max_m = 10'000;
  int min_stations_max = 10;           // min_stations=2 asks for double coverage
  size_t coverage_cells = 20'000'000;  // ≈ 11 B a cell: 220 MB at most; 50 m Beijing fits
  size_t candidates = 100'000;
  // Writes: a replace deleting more than this share of the served stations needs confirming.
  double replace_delete_share = 0.10;

  constexpr double walk_metres_per_minute() const { return walk_speed_kmh * 1000 / 60; }
};

// The defaults, for callers without a configuration of their own.
inline constexpr Limits kDefaultLimits{};

}  // namespace sf
