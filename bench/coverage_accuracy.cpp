// How far grid coverage is from the exact vector answer (GEOS: region minus the union of the
// discs) as cells grow: prints a Markdown table for docs/BENCHMARKS.md.
//   sf_coverage_accuracy [geodata/beijing.gpkg]
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "core/catalog.hpp"
#include "io/coverage_study.hpp"
#include "io/dataset.hpp"
#include "io/vector_reference.hpp"

using namespace sf;

namespace {

struct Case {
  std::string name;
  Region region;
  std::vector<LonLat> stations;
};

Region square(const LocalProjection& p, double half) {
  Ring r;
  for (XY q :
       {XY{-half, -half}, XY{half, -half}, XY{half, half}, XY{-half, half}, XY{-half, -half}})
    r.push_back(p.inverse(q));
  return Region({{r}});
}

}  // namespace

int main(int argc, char** argv) {
  const LonLat centre{116.4, 39.9};
  const LocalProjection proj(centre);
  std::vector<Case> cases;
  cases.push_back({"one disc in a 4 km square", square(proj, 2000), {centre}});
  std::mt19937_64 rng(20240601);
  std::uniform_real_distribution<double> u(-3500, 3500);
  Case random{"60 random stations, 6 km square", square(proj, 3000), {}};
  for (int i = 0; i < 60; ++i) random.stations.push_back(proj.inverse({u(rng), u(rng)}));
  cases.push_back(random);
  if (argc > 1) {
    io::DatasetOptions o;
    o.data = argv[1];
    io::Dataset ds = io::load_dataset(o);
    const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
    for (const char* name : {"东城区", "朝阳区"}) {
      const District* d = catalog.find_district(name);
      Case c{std::string(name) + " (bundled stations)", d->region, {}};
      for (uint32_t i = 0; i < catalog.size(); ++i)
        c.stations.push_back(catalog.station(i).position);
      cases.push_back(std::move(c));
    }
  }
  std::printf("| case | exact uncovered km² | 10 m | 25 m | 50 m | 100 m | 200 m |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  for (const Case& c : cases) {
    io::CoverageStudyInput in;
    in.region = c.region;
    in.stations = c.stations;
    in.gaps = false;
    in.options = {500, 100, 1};
    const io::CoverageStudy probe = io::study_coverage(in);
    const double exact =
        io::exact_uncovered_area_m2(c.region, c.stations, 500, probe.grid.projection());
    std::printf("| %s | %.3f |", c.name.c_str(), exact / 1e6);
    for (double cell : {10.0, 25.0, 50.0, 100.0, 200.0}) {
      in.options.cell_m = cell;
      const double got = io::study_coverage(in).summary.uncovered_area_m2;
      std::printf(" %+.2f %% |", 100 * (got - exact) / exact);
    }
    std::printf("\n");
  }
  return 0;
}
