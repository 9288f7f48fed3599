// Walking speed on the bundled Beijing dataset and its street network, in process: the k = 5
// nearest by walk beside the straight-line nearest on the same query points (median and p99 of
// each query's own time), the walking path, within 1 km by walk, a 15-minute isochrone,
// coverage by walk of all Beijing at 100 m (R = 500 m, gap polygons included) beside the
// straight line's, and the network load in seconds per million OSM nodes. Prints Markdown.
//   sf_walk_bench [NETWORK.osm.pbf] [queries] [runs] [POINTS_CSV]
// Query points: deterministic, each within 250 m of a station (where people ask from) and
// within max_snap_m of a street; POINTS_CSV receives them (qid,lon,lat) for
// scripts/wrk_nearest.lua, so that wrk asks over HTTP what was asked here.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/coverage_request.hpp"
#include "io/coverage_study.hpp"
#include "io/dataset.hpp"
#include "io/network_reader.hpp"
#include "service/isochrones.hpp"
#include "service/walk_network.hpp"
#include "service/walk_queries.hpp"

using namespace sf;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double best_of(const std::function<void()>& f, int runs) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, since(t0));
  }
  return best;
}

struct Latency {
  double median_us, p99_us;
};

Latency latencies(size_t n, const std::function<void(size_t)>& query) {
  std::vector<double> us;
  us.reserve(n);
  for (size_t i = 0; i < std::min<size_t>(n, 200); ++i) query(i);  // warm the caches
  for (size_t i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    query(i);
    us.push_back(since(t0) * 1e6);
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

long max_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string network_path = argc > 1 && *argv[1] ? argv[1] : io::bundled_network_path();
  const size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;

  io::Dataset ds = io::load_dataset({});
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  NetworkOptions options;
  options.path = network_path;
  const auto t_load = Clock::now();
  const auto network = WalkNetwork::load(options);
  const double load_s = since(t_load);
  const auto placed = WalkStations::place(network, catalog, nullptr);

  std::mt19937 rng(42);
  std::uniform_int_distribution<uint32_t> pick(0, static_cast<uint32_t>(catalog.slot_count() - 1));
  std::uniform_real_distribution<double> jitter(-0.002, 0.002);
  std::vector<LonLat> points;
  while (points.size() < n) {
    const LonLat s = catalog.station(pick(rng)).position;
    const LonLat p{s.lon + jitter(rng), s.lat + jitter(rng) * 0.8};
    if (network->graph().snap(p, network->max_snap_m())) points.push_back(p);
  }

  if (argc > 4) {
    FILE* f = std::fopen(argv[4], "w");
    if (f == nullptr) return 1;
    std::fprintf(f, "qid,lon,lat\n");
    for (size_t i = 0; i < points.size(); ++i)
      std::fprintf(f, "%zu,%.6f,%.6f\n", i, points[i].lon, points[i].lat);
    std::fclose(f);
  }
  std::printf("| measure | median | p99 |\n|---|---|---|\n");
  NearestQuery q;
  q.k = 5;
  const Latency straight = latencies(n, [&](size_t i) {
    q.point = points[i];
    catalog.nearest(q);
  });
  std::printf("| k=5 nearest, straight line | %.1f µs | %.1f µs |\n", straight.median_us,
              straight.p99_us);
  q.max_distance_m = 10'000;
  const Latency walk = latencies(n, [&](size_t i) {
    q.point = points[i];
    nearest_by_walk(catalog, *placed, q, false);
  });
  std::printf("| k=5 nearest by walk | %.1f µs | %.1f µs |\n", walk.median_us, walk.p99_us);
  const Latency path = latencies(n, [&](size_t i) {
    q.point = points[i];
    nearest_by_walk(catalog, *placed, q, true);
  });
  std::printf("| k=5 nearest by walk, with paths | %.1f µs | %.1f µs |\n", path.median_us,
              path.p99_us);
  const Latency within = latencies(
      n, [&](size_t i) { within_walk(catalog, *placed, points[i], 1000, {}, 0, 100, false); });
  std::printf("| every station within 1 km by walk | %.1f µs | %.1f µs |\n", within.median_us,
              within.p99_us);
  IsochroneRequest iso;
  iso.limits_m = {375, 750, 1125};
  iso.minutes = {5, 10, 15};
  const Latency isochrone = latencies(std::min<size_t>(n, 200), [&](size_t i) {
    iso.point = points[i];
    isochrone_at(*network, iso);
  });
  std::printf("| isochrone 5,10,15 min at 25 m, polygons | %.1f ms | %.1f ms |\n",
              isochrone.median_us / 1000, isochrone.p99_us / 1000);

  // Coverage of all of Beijing (the districts' union) at 100 m, R = 500 m, with polygons.
  io::CoverageStudyInput in;
  std::vector<std::vector<Ring>> polygons;
  for (const District& d : catalog.districts())
    for (const auto& p : d.region.polygons()) polygons.push_back(p);
  in.region = Region(std::move(polygons));
  for (const District& d : catalog.districts()) in.districts.push_back(&d);
  in.stations = counted_stations(catalog, std::nullopt, {});
  in.options.radius_m = 500;
  in.options.cell_m = 100;
  double covered_straight = 0, covered_walk = 0, off = 0;
  const double straight_s =
      best_of([&] { covered_straight = io::study_coverage(in).summary.covered_pct; }, runs);
  in.options.distance = Distance::walk;
  in.network = &network->graph();
  in.max_snap_m = network->max_snap_m();
  const double walk_s = best_of(
      [&] {
        const io::CoverageStudy s = io::study_coverage(in);
        covered_walk = s.summary.covered_pct;
        off = s.summary.off_network_area_m2 / 1e6;
      },
      runs);
  std::printf(
      "\n| coverage of Beijing, 100 m, R = 500 m, gaps with polygons | best of %d | covered |\n"
      "|---|---|---|\n| straight line | %.3f s | %.2f %% |\n"
      "| by walk | %.3f s | %.2f %% (%.0f km² off the streets) |\n",
      runs, straight_s, covered_straight, walk_s, covered_walk, off);

  const io::NetworkReadReport& r = network->report();
  std::printf(
      "\n| network | nodes | directed edges | load | per million nodes | bytes a directed "
      "edge |\n|---|---|---|---|---|---|\n| %s | %zu | %zu | %.3f s | %.2f s | %.1f |\n",
      r.source.c_str(), network->graph().node_count(), network->graph().directed_edge_count(),
      load_s, load_s / (static_cast<double>(network->graph().node_count()) / 1e6),
      static_cast<double>(network->graph().bytes()) /
          static_cast<double>(network->graph().directed_edge_count()));
  std::printf("\nmax RSS %ld MiB; %zu query points, %zu unreachable stations\n", max_rss_mib(), n,
              placed->unreachable());
  return 0;
}
