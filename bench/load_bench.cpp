// Load time: the peers' 1M (and 10k) stations from a GeoPackage written by our importer,
// through GDAL, into a catalog with its index. Writes the GeoPackage once if missing.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "bench/bench_data.hpp"
#include "core/catalog.hpp"
#include "io/dataset.hpp"
#include "io/station_export.hpp"

namespace sf::bench {
namespace {

std::string gpkg_for(int64_t n) {
  const std::string name = n == 10000 ? "stations_10k" : "stations_1m";
  const std::string gpkg = peers_data_dir() + "/../sf/" + name + ".gpkg";
  if (!std::filesystem::exists(gpkg)) {
    std::filesystem::create_directories(std::filesystem::path(gpkg).parent_path());
    io::write_stations(gpkg, load_stations(peers_data_dir() + "/" + name + ".csv"));
  }
  return gpkg;
}

void BM_LoadGeoPackage(benchmark::State& state) {
  const std::string gpkg = gpkg_for(state.range(0));
  for (auto _ : state) {
    io::DatasetOptions o;
    o.data = gpkg;
    o.districts = "none";
    io::Dataset ds = io::load_dataset(o);
    const Catalog c(std::move(ds.stations), {});
    benchmark::DoNotOptimize(c.size());
  }
}
BENCHMARK(BM_LoadGeoPackage)
    ->Arg(10000)
    ->Arg(1000000)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

void BM_BuildCatalog(benchmark::State& state) {
  const auto stations = load_stations(
      peers_data_dir() + "/" + (state.range(0) == 10000 ? "stations_10k.csv" : "stations_1m.csv"));
  for (auto _ : state) {
    const Catalog c(stations, {});
    benchmark::DoNotOptimize(c.size());
  }
}
BENCHMARK(BM_BuildCatalog)->Arg(10000)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sf::bench

BENCHMARK_MAIN();
