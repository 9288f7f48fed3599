// stationfinder gaps: how much of a district or box lies within radius_m of a station.
// Coverage work in progress: the summary and the gap polygons; more outputs to come.
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
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
      {"radius-m", "", "M", "covered means within M metres of a station (default 500)", ""},
      {"walk-minutes", "", "MIN",
       "instead of --radius-m: MIN minutes at 75 m a minute (4.5 km/h, straight line)", ""},
      {"cell-m", "", "M", "grid cell size in metres (default 100, at least 5)", ""},
      {"at", "", "TIME", "count only the stations open then (ISO 8601, Asia/Shanghai)", ""},
      {"out", "o", "FILE", "write the gap polygons with area_m2 (.geojson or .gpkg)", ""},
  };
  for (Flag& f : data_flags(true)) flags.push_back(std::move(f));
  Args args("gaps",
            "Coverage of a district or a box: the share of its area within reach of a station, "
            "computed on an equal-area metre grid. Prints JSON.",
            flags);
  args.parse(argc, argv, 2);
  if (args.help_requested()) {
    std::cout << args.usage();
    return 0;
  }
  if (args.has("radius-m") && args.has("walk-minutes")) {
    throw std::invalid_argument("give --radius-m or --walk-minutes, not both");
  }
  double radius = args.number("radius-m", 500);
  if (args.has("walk-minutes")) radius = 75 * args.number("walk-minutes", 0);
  if (!(radius > 0) || radius > 50'000) {
    throw std::invalid_argument("the radius must be greater than 0 and at most 50000 m");
  }
  const double cell = args.number("cell-m", 100);
  if (!(cell >= 5) || cell > 10'000)
    throw std::invalid_argument("--cell-m must be from 5 to 10000");
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
  StationFilter open;
  std::optional<UnixSeconds> at;
  if (auto t = args.get("at")) {
    at = parse_iso8601(*t);
    if (!at)
      throw Error(ErrorCode::invalid_datetime, "--at", "'" + *t + "' is not an ISO 8601 date-time");
    open.open_at_minute_of_week = shanghai_minute_of_week(*at);
  }
  std::vector<LonLat> stations;
  for (const Hit& h : catalog.matching(open, 0, catalog.size()).hits) {
    stations.push_back(catalog.station(h.index).position);
  }
  const CoverageGrid grid = CoverageGrid::compute(region, stations, {radius, cell});
  const CoverageSummary s = grid.summary();
  const std::vector<io::GapPolygon> gaps = io::gap_polygons(grid);
  if (auto out = args.get("out")) io::write_gap_polygons(*out, gaps);
  http::JsonWriter w;
  w.begin_object();
  w.key("parameters").begin_object();
  w.field("region", region_name).key("radius_m").number(radius, 3).key("cell_m").number(cell, 3);
  w.key("at");
  if (at) {
    w.value(format_shanghai(*at));
  } else {
    w.null();
  }
  w.field("dataset_version", catalog.version()).field("stations_counted", stations.size());
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
