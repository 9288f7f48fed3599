#include "cli/coverage_args.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "cli/data_flags.hpp"
#include "cli/network_flags.hpp"
#include "core/amenity.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "io/area_reader.hpp"
#include "io/demand_reader.hpp"
#include "io/station_reader.hpp"
#include "service/coverage_requests.hpp"
#include "service/query_params.hpp"

namespace sf::cli {

std::vector<Flag> coverage_flags() {
  const Limits& l = kDefaultLimits;
  std::vector<Flag> flags = {
      {"radius-m", "", "M",
       "covered means within M metres of a station (default " +
           number_text(l.coverage_radius_default_m) + ", at most " +
           number_text(l.coverage_radius_max_m) + ")",
       ""},
      {"walk-minutes", "", "MIN",
       "instead of --radius-m: MIN minutes of walk at --walk-speed-kmh (a straight-line "
       "radius unless --distance walk)",
       ""},
      {"cell-m", "", "M",
       "grid cell size in metres (default " + number_text(l.cell_default_m) + ", " +
           number_text(l.cell_min_m) + " to " + number_text(l.cell_max_m) + "; at most " +
           std::to_string(l.coverage_cells) + " cells)",
       ""},
      {"min-stations", "", "N",
       "covered means within reach of at least N stations (default 1, at most " +
           std::to_string(l.min_stations_max) + ")",
       ""},
      {"at", "", "TIME", "count only the stations open then (ISO 8601, Asia/Shanghai)", ""},
      {"exclude", "", "FILE", "polygons to leave out of every region (water, parks…)", ""},
      {"exclude-crs", "", "CRS", "CRS of --exclude when it does not say (gcj02, bd09, EPSG:n)", ""},
      {"demand", "", "FILE", "demand points (optionally weighted) to report coverage of", ""},
      {"demand-crs", "", "CRS", "CRS of --demand when it does not say", ""},
      {"demand-weight", "", "COLUMN", "the demand weight column (default: detect)", ""},
      {"add", "", "FILE", "what-if: stations to add (any point file)", ""},
      {"remove", "", "IDS", "what-if: station ids to take away (comma-separated)", ""},
      {"crs", "", "CRS", "datum of --bbox and of the output coordinates: wgs84, gcj02, bd09", ""},
      {"distance", "", "HOW",
       "straight (default: within the radius as the crow flies) or walk (along --network's "
       "streets; --min-stations 1 or 2)",
       ""},
  };
  for (Flag& f : network_flags(true, true)) flags.push_back(std::move(f));
  flags.push_back(walk_speed_flag(true));
  return flags;
}

std::vector<Flag> region_flags() {
  return {
      {"district", "", "NAME", "a district's name, English name or code", ""},
      {"bbox", "", "W,S,E,N", "a lon/lat box instead of a district", ""},
      {"region", "", "FILE", "a polygon file (GeoJSON, GeoPackage, Shapefile…) as the region", ""},
      {"region-crs", "", "CRS", "CRS of --region when it does not say", ""},
  };
}

CoverageSetup setup_coverage(const Args& args, bool region) {
  // The same parser as the HTTP routes: the flags become their parameters.
  const QueryParams::Raw raw = args.params({{"radius-m", "radius_m"},
                                            {"walk-minutes", "walk_minutes"},
                                            {"cell-m", "cell_m"},
                                            {"min-stations", "min_stations"},
                                            {"at", "at"},
                                            {"crs", "crs"},
                                            {"district", "district"},
                                            {"bbox", "bbox"},
                                            {"distance", "distance"}});
  const QueryParams q(raw);
  const Limits limits = walking_limits(args);
  const CoverageQuery query = parse_coverage_query(q, limits);
  CoverageSetup s;
  s.at = query.at;
  s.datum = query.datum;

  io::Dataset ds = io::load_dataset(dataset_options(args));
  s.catalog = std::make_unique<Catalog>(std::move(ds.stations), std::move(ds.districts));
  const Catalog& catalog = *s.catalog;
  Region study_region;
  std::string label;
  if (region) {
    std::optional<Region> file_region;
    if (auto file = args.get("region")) {
      io::AreaReadOptions o;
      o.crs = args.get("region-crs");
      file_region = io::read_area(*file, o);
    }
    study_region = resolve_region(q, catalog, file_region, s.datum, label);
    if (auto file = args.get("region")) label = *file;
  }
  if (auto file = args.get("add")) {
    io::StationReadOptions o;
    for (const Station& st : io::read_stations(*file, o).stations)
      s.what_if.add.push_back(st.position);
  }
  if (auto ids = args.get("remove")) {
    for (const std::string& id : split_list(*ids)) s.what_if.remove.push_back(id);
  }
  StudyLayers layers;
  if (query.options.distance == Distance::walk) {
    if (const auto network = network_options(args, std::nullopt, !args.get("data"))) {
      s.network = load_network(*network, std::cerr);
      layers.network = s.network.get();
    }
  }
  if (auto file = args.get("exclude")) {
    io::AreaReadOptions o;
    o.crs = args.get("exclude-crs");
    s.exclusion = std::make_unique<Region>(io::read_area(*file, o));
    layers.exclusion = s.exclusion.get();
    layers.exclusion_source = *file;
  }
  if (auto file = args.get("demand")) {
    io::DemandReadOptions o;
    o.crs = args.get("demand-crs");
    o.weight_column = args.get_or("demand-weight", "");
    s.demand = std::make_unique<DemandLayer>(io::read_demand(*file, o).layer);
    layers.demand = s.demand.get();
    layers.demand_source = *file;
  }
  CoverageStudyRequest study = coverage_study_request(catalog, query, std::move(study_region),
                                                      std::move(label), s.what_if, layers);
  s.input = std::move(study.input);
  s.echo = std::move(study.echo);
  if (region) {
    check_coverage_grid(s.input.region, s.input.options.cell_m, kDefaultLimits.coverage_cells,
                        "cell_m");
  }
  return s;
}

Format format_flag(const Args& args, std::initializer_list<Format> allowed, Format fallback) {
  return parse_format(QueryParams(args.params({{"format", "format"}})), allowed, fallback);
}

Progress::Progress() : tty_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}

void Progress::stage(const std::string& what) {
  if (!tty_) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%6.2fs", s);
  std::cerr << "\r\033[K[" << elapsed << "] " << what << std::flush;
  open_ = true;
}

void Progress::done() {
  if (tty_ && open_) std::cerr << "\r\033[K" << std::flush;
  open_ = false;
}

}  // namespace sf::cli
