// Query latency in the core (no HTTP): k = 5 nearest without and with a selective filter, the
// bare R-tree for reference, within a radius and within a box, on the peers' 10k and 1M sets.
#include <map>
#include <memory>

#include <benchmark/benchmark.h>

#include <cstdlib>

#include "bench/bench_data.hpp"
#include "core/catalog.hpp"
#include "core/time.hpp"
#include "render/render.hpp"
#include "service/query_params.hpp"
#include "service/station_requests.hpp"

namespace sf::bench {
namespace {

const Catalog& catalog(int64_t n) {
  static std::map<int64_t, std::unique_ptr<Catalog>> cache;
  auto& slot = cache[n];
  if (!slot) {
    const std::string file = n == 10000 ? "stations_10k.csv" : "stations_1m.csv";
    slot = std::make_unique<Catalog>(load_stations(peers_data_dir() + "/" + file),
                                     std::vector<District>{});
  }
  return *slot;
}

const std::vector<LonLat>& queries() {
  static const std::vector<LonLat> q = load_queries(peers_data_dir() + "/queries_10k.csv");
  return q;
}

void BM_Nearest5(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  const auto& q = queries();
  NearestQuery query;
  size_t i = 0;
  for (auto _ : state) {
    query.point = q[i++ % q.size()];
    benchmark::DoNotOptimize(c.nearest(query));
  }
}
BENCHMARK(BM_Nearest5)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_Nearest5SelectiveFilter(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  const auto& q = queries();
  NearestQuery query;
  query.filter.amenities = amenity_bit(Amenity::toilet);  // 1 station in 20
  size_t i = 0;
  for (auto _ : state) {
    query.point = q[i++ % q.size()];
    benchmark::DoNotOptimize(c.nearest(query));
  }
}
BENCHMARK(BM_Nearest5SelectiveFilter)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_Nearest5OpenNowAndHost(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  const auto& q = queries();
  NearestQuery query;
  query.filter.host_types = host_type_bit(HostType::bank) | host_type_bit(HostType::supermarket);
  query.filter.open_at_minute_of_week = 2 * 1440 + 20 * 60;  // Wednesday 20:00
  size_t i = 0;
  for (auto _ : state) {
    query.point = q[i++ % q.size()];
    benchmark::DoNotOptimize(c.nearest(query));
  }
}
BENCHMARK(BM_Nearest5OpenNowAndHost)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

// The plain packed R-tree of unit vectors with no tie handling, distances or totals: the floor.
void BM_BareRtreeNearest5(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  std::vector<LonLat> positions;
  for (uint32_t s = 0; s < c.size(); ++s) positions.push_back(c.station(s).position);
  const StationIndex index(positions, {});
  const auto& q = queries();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        index.nearest(unit_vector(q[i++ % q.size()]), 5, nullptr, TagFilter{}, nullptr));
  }
}
BENCHMARK(BM_BareRtreeNearest5)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_WithinRadius1km(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  const auto& q = queries();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const Page p = c.within_radius(q[i++ % q.size()], 1000, {}, 0, 100);
    found += p.total;
    benchmark::DoNotOptimize(p);
  }
  state.counters["matches"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_WithinRadius1km)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_Bbox2km(benchmark::State& state) {
  const Catalog& c = catalog(state.range(0));
  const auto& q = queries();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const LonLat p = q[i++ % q.size()];
    const BBox box{p.lon - 0.0117, p.lat - 0.009, p.lon + 0.0117, p.lat + 0.009};  // ~2 x 2 km
    const Page page = c.in_bbox(box, {}, 0, 100);
    found += page.total;
    benchmark::DoNotOptimize(page);
  }
  state.counters["matches"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Bbox2km)->Arg(10000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

// What GET /v1/stations/nearest does besides HTTP: check the parameters, query, render JSON;
// with the snapshot's pre-rendered station JSON (Arg 1) or field by field (Arg 0).
void BM_NearestRequestWork(benchmark::State& state) {
  const Catalog& c = catalog(10000);
  const auto cache = state.range(0) ? RenderCache::build(c) : nullptr;
  const auto& q = queries();
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const LonLat p = q[i++ % q.size()];
    const QueryParams::Raw raw{
        {"lon", std::to_string(p.lon)}, {"lat", std::to_string(p.lat)}, {"k", "5"}};
    const NearestRequest r = parse_nearest(QueryParams(raw), kDefaultLimits);
    const CommonParams& common = r.common;
    const NearestQuery& query = r.query;
    const Page page = c.nearest(query);
    RenderContext ctx{c, common.datum, common.at, query.point, HitKind::distance};
    ctx.cache = cache.get();
    const std::string body =
        render_page(ctx, page, common.format, {{"self", "/v1/stations/nearest?offset=0"}});
    bytes += body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["bytes"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgIterations);
}
// SF_BENCH_ITERATIONS=N fixes the iteration count, so that two counts under callgrind give
// the instructions of one request (docs/BENCHMARKS.md).
void fixed_iterations(benchmark::internal::Benchmark* b) {
  if (const char* n = std::getenv("SF_BENCH_ITERATIONS")) b->Iterations(std::atoll(n));
}
BENCHMARK(BM_NearestRequestWork)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond)
    ->Apply(fixed_iterations);

}  // namespace
}  // namespace sf::bench

BENCHMARK_MAIN();
