// Coverage speed on the whole Beijing extent (the GDAL peer's box): the full gap study (grid,
// discs, nearest field, labelling, polygons) at 100 m and 50 m, the summary alone, the
// district report, the 24-hour profile and suggest k=20 over 10,000 candidates. Prints a
// Markdown table; best of `runs` wall times, stations loaded once before timing.
//   sf_coverage_bench STATIONS [DISTRICTS_SOURCE|-] [runs] [REGION_FILE]
// REGION_FILE (any polygon file) replaces the lon/lat box, e.g. the GDAL peer's UTM rectangle.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "core/catalog.hpp"
#include "core/coverage_request.hpp"
#include "io/area_reader.hpp"
#include "io/coverage_study.hpp"
#include "io/dataset.hpp"
#include "service/siting_study.hpp"

using namespace sf;

namespace {

double seconds(const std::function<void()>& f, int runs) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

long max_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: sf_coverage_bench STATIONS [DISTRICTS] [runs]\n");
    return 2;
  }
  io::DatasetOptions o;
  o.data = argv[1];
  if (argc > 2 && std::string(argv[2]) != "-") o.districts = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
  io::Dataset ds = io::load_dataset(o);
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  std::vector<LonLat> stations;
  for (uint32_t i = 0; i < catalog.size(); ++i) stations.push_back(catalog.station(i).position);
  std::printf("stations: %zu, districts: %zu, runs: best of %d\n\n", stations.size(),
              catalog.districts().size(), runs);
  std::printf("| work | cells | wall s | answer |\n|---|---:|---:|---|\n");

  // The GDAL peer's box: 115.42–117.51 E, 39.44–41.06 N.
  const Region box(
      {{{{115.42, 39.44}, {117.51, 39.44}, {117.51, 41.06}, {115.42, 41.06}, {115.42, 39.44}}}});
  const Region beijing = argc > 4 ? io::read_area(argv[4], {}) : box;
  std::vector<const District*> districts;
  for (const District& d : catalog.districts()) districts.push_back(&d);
  for (double cell : {100.0, 50.0}) {
    io::CoverageStudyInput in;
    in.region = beijing;
    in.stations = stations;
    in.options = {500, cell, 1};
    in.districts = districts;
    const size_t cells = CoverageGrid::cells_for(beijing, cell);
    io::CoverageStudy study{CoverageGrid::prepare({}, cell), {}, {}, {}, {}, {}};
    const double full = seconds([&] { study = io::study_coverage(in); }, runs);
    std::printf(
        "| gaps with polygons, farthest points, district split, %.0f m | %zu | %.3f | "
        "uncovered %.2f km², %zu gaps |\n",
        cell, cells, full, study.summary.uncovered_area_m2 / 1e6, study.gaps.size());
    in.gaps = false;
    const double summary = seconds([&] { study = io::study_coverage(in); }, runs);
    std::printf("| summary only, %.0f m | %zu | %.3f | covered %.2f %% |\n", cell, cells, summary,
                study.summary.covered_pct);
  }
  std::printf("| (peak RSS so far: %ld MiB) | | | |\n", max_rss_mib());
  if (!districts.empty()) {
    io::CoverageStudyInput in;
    in.stations = stations;
    in.districts = districts;
    std::vector<io::DistrictRow> rows;
    const double report = seconds([&] { rows = io::district_report(in); }, runs);
    std::printf("| district report, %zu districts, 100 m | | %.3f | city covered %.2f %% |\n",
                districts.size(), report, rows.back().summary.covered_pct);
    const District* chaoyang = catalog.find_district("朝阳区");
    if (chaoyang != nullptr) {
      in.region = chaoyang->region;
      in.districts.clear();
      std::vector<io::ProfileHour> hours;
      const double one = seconds(
          [&] {
            in.stations = counted_stations(catalog, 12 * 60, {});
            io::study_coverage(in);
          },
          runs);
      const double profile = seconds(
          [&] {
            hours = io::coverage_profile(
                in, 0, [&](int minute) { return counted_stations(catalog, minute, {}); });
          },
          runs);
      std::printf("| one-hour coverage of 朝阳区 | | %.3f | |\n", one);
      std::printf(
          "| 24-hour profile of 朝阳区 | | %.3f | %.1f × one hour; 03:00 %.1f %%, 12:00 "
          "%.1f %% |\n",
          profile, profile / one, hours[3].summary.covered_pct, hours[12].summary.covered_pct);
    }
  }
  {
    // suggest k = 20 over 10,000 grid candidates in the city's outskirts box.
    io::CoverageStudyInput in;
    in.region = beijing;
    in.stations = stations;
    in.options = {500, 100, 1};
    const double spacing = 1650;  // ≈ 10,000 candidates over the box
    std::vector<Candidate> candidates = grid_candidates(beijing, nullptr, spacing);
    SitingResult result;
    const double suggest = seconds(
        [&] {
          result = suggest_sites({in, candidates, 20, std::nullopt, 1000});
        },
        runs);
    std::printf(
        "| suggest k=20 over %zu candidates, 100 m cells | | %.3f | +%.2f points of "
        "coverage |\n",
        candidates.size(), suggest,
        result.picks.back().cumulative_pct -
            100 * result.problem.covered_before / result.problem.total);
  }
  std::printf("\npeak RSS: %ld MiB\n", max_rss_mib());
  return 0;
}
