// stationfinder districts: the coverage report per district, and for all of them together.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/dataset.hpp"
#include "core/catalog.hpp"
#include "core/coverage_grid.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "http/json_writer.hpp"

namespace sf::cli {

namespace {

struct Row {
  std::string name, name_en;
  size_t stations = 0;
  CoverageSummary summary;
};

}  // namespace

int cmd_districts(int argc, char** argv) {
  std::vector<Flag> flags = coverage_flags();
  flags.push_back({"format", "", "FMT", "json (default) or csv", ""});
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("districts",
            "Coverage per district: area, stations, stations per km², covered %, uncovered km², "
            "and the same for all districts together.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const CoverageRequest request = parse_coverage_request(args);
  const std::string format = args.get_or("format", "json");
  if (format != "json" && format != "csv")
    throw std::invalid_argument("--format must be json or csv");

  io::Dataset ds = io::load_dataset(dataset_options(args));
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  const std::vector<LonLat> stations = counted_stations(catalog, request);
  std::vector<Row> rows;
  Row total{"all", "all", 0, {}};
  for (const District& d : catalog.districts()) {
    // With --at, the stations that count are the ones open then, as for the coverage.
    size_t count = catalog.stations_in_district(d.name);
    if (request.at) {
      StationFilter open_here;
      open_here.district = d.name;
      open_here.open_at_minute_of_week = shanghai_minute_of_week(*request.at);
      count = catalog.matching(open_here, 0, 0).total;
    }
    Row row{d.name, d.name_en, count,
            CoverageGrid::compute(d.region, stations, request.options).summary()};
    total.stations += row.stations;
    total.summary.region_area_m2 += row.summary.region_area_m2;
    total.summary.covered_area_m2 += row.summary.covered_area_m2;
    total.summary.uncovered_area_m2 += row.summary.uncovered_area_m2;
    rows.push_back(std::move(row));
  }
  if (total.summary.region_area_m2 > 0) {
    total.summary.covered_pct = 100 * total.summary.covered_area_m2 / total.summary.region_area_m2;
  }
  rows.push_back(total);

  auto per_km2 = [](const Row& r) {
    return r.summary.region_area_m2 > 0 ? r.stations / (r.summary.region_area_m2 / 1e6) : 0.0;
  };
  if (format == "csv") {
    std::cout
        << "district,district_en,area_km2,stations,stations_per_km2,covered_pct,uncovered_km2\n";
    for (const Row& r : rows) {
      auto num = [](double v, int d) {
        http::JsonWriter w;
        w.number(v, d);
        return w.str();
      };
      std::cout << r.name << "," << r.name_en << "," << num(r.summary.region_area_m2 / 1e6, 2)
                << "," << r.stations << "," << num(per_km2(r), 2) << ","
                << num(r.summary.covered_pct, 2) << "," << num(r.summary.uncovered_area_m2 / 1e6, 2)
                << "\n";
    }
    return 0;
  }
  http::JsonWriter w;
  w.begin_object();
  begin_parameters(w, request, catalog);
  w.field("stations_counted", stations.size()).end_object();
  w.key("districts").begin_array();
  for (const Row& r : rows) {
    w.begin_object().field("district", r.name).field("district_en", r.name_en);
    w.key("area_km2").number(r.summary.region_area_m2 / 1e6, 2);
    w.field("stations", r.stations);
    w.key("stations_per_km2").number(per_km2(r), 2);
    w.key("covered_pct").number(r.summary.covered_pct, 2);
    w.key("uncovered_km2").number(r.summary.uncovered_area_m2 / 1e6, 2);
    w.end_object();
  }
  w.end_array().end_object();
  std::cout << w.str() << "\n";
  return 0;
}

}  // namespace sf::cli
