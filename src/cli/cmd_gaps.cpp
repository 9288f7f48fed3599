// stationfinder gaps: how much of a district or box lies within radius_m of a station.
// Coverage work in progress: the summary and the gap polygons; more outputs to come.
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/coverage_args.hpp"
#include "cli/dataset.hpp"
#include "core/catalog.hpp"
#include "core/coverage_grid.hpp"
#include "core/errors.hpp"
#include "http/json_writer.hpp"
#include "http/params.hpp"
#include "io/gap_polygons.hpp"

namespace sf::cli {

namespace {

constexpr size_t kMaxCells = 20'000'000;  // lets 50 m cells cover all of Beijing (13 M)

Region box_region(const BBox& b) {
  return Region({{{{b.west, b.south},
                   {b.east, b.south},
                   {b.east, b.north},
                   {b.west, b.north},
                   {b.west, b.south}}}});
}

}  // namespace

int cmd_gaps(int argc, char** argv) {
  std::vector<Flag> flags = {
      {"district", "", "NAME", "a district's name, English name or code", ""},
      {"bbox", "", "W,S,E,N", "a lon/lat box instead of a district", ""},
      {"out", "o", "FILE", "write the gap polygons with area_m2 (.geojson or .gpkg)", ""},
  };
  for (Flag& f : coverage_flags()) flags.push_back(std::move(f));
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("gaps",
            "Coverage of a district or a box: the share of its area within reach of a station, "
            "computed on an equal-area metre grid. Prints JSON.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const CoverageRequest request = parse_coverage_request(args);
  const double cell = request.options.cell_m;
  if (args.has("district") == args.has("bbox")) {
    throw std::invalid_argument("give exactly one of --district or --bbox");
  }

  io::Dataset ds = io::load_dataset(dataset_options(args));
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  Region region;
  std::string region_name;
  if (auto name = args.get("district")) {
    const District* d = catalog.find_district(*name);
    if (d == nullptr)
      throw Error(ErrorCode::unknown_district, "--district", "'" + *name + "' is not a district");
    region = d->region;
    region_name = d->name;
  } else {
    region = box_region(http::parse_bbox(*args.get("bbox"), Datum::wgs84));
    region_name = *args.get("bbox");
  }
  const size_t cells = CoverageGrid::cells_for(region, cell);
  if (cells > kMaxCells) {
    throw Error(ErrorCode::result_window_too_large, "--cell-m",
                std::to_string(cells) + " cells is over the limit of " + std::to_string(kMaxCells) +
                    "; use bigger cells or a smaller region");
  }
  const std::vector<LonLat> stations = counted_stations(catalog, request);
  const CoverageGrid grid = CoverageGrid::compute(region, stations, request.options);
  const CoverageSummary s = grid.summary();
  const std::vector<io::GapPolygon> gaps = io::gap_polygons(grid);
  if (auto out = args.get("out")) io::write_gap_polygons(*out, gaps);
  http::JsonWriter w;
  w.begin_object();
  begin_parameters(w, request, catalog);
  w.field("region", region_name);
  w.field("stations_counted", stations.size());
  w.end_object();
  w.key("summary").begin_object();
  w.key("region_area_m2").number(s.region_area_m2, 0);
  w.key("covered_area_m2").number(s.covered_area_m2, 0);
  w.key("uncovered_area_m2").number(s.uncovered_area_m2, 0);
  w.key("covered_pct").number(s.covered_pct, 2);
  w.field("gap_count", gaps.size());
  w.key("largest_gap_m2").number(gaps.empty() ? 0.0 : gaps.front().area_m2, 0);
  w.end_object();
  w.end_object();
  std::cout << w.str() << "\n";
  return 0;
}

}  // namespace sf::cli
