#include "cli/coverage_args.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "cli/dataset.hpp"
#include "core/amenity.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "http/params.hpp"
#include "io/area_reader.hpp"
#include "io/demand_reader.hpp"
#include "io/station_reader.hpp"

namespace sf::cli {

namespace {

std::optional<double> optional_number(const Args& args, const std::string& name) {
  if (!args.has(name)) return std::nullopt;
  return args.number(name, 0);
}

}  // namespace

std::vector<Flag> coverage_flags() {
  return {
      {"radius-m", "", "M", "covered means within M metres of a station (default 500)", ""},
      {"walk-minutes", "", "MIN",
       "instead of --radius-m: MIN minutes at 75 m a minute (4.5 km/h, straight line)", ""},
      {"cell-m", "", "M", "grid cell size in metres (default 100, 5 to 10000)", ""},
      {"min-stations", "", "N", "covered means within reach of at least N stations (default 1)",
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
  };
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
  CoverageSetup s;
  s.input.options = checked_coverage_options(
      optional_number(args, "radius-m"), optional_number(args, "walk-minutes"),
      optional_number(args, "cell-m"), optional_number(args, "min-stations"),
      {"--radius-m", "--walk-minutes", "--cell-m", "--min-stations"});
  if (auto t = args.get("at")) {
    s.at = parse_iso8601(*t);
    if (!s.at) {
      throw Error(ErrorCode::invalid_datetime, "--at", "'" + *t + "' is not an ISO 8601 date-time");
    }
  }
  if (auto crs = args.get("crs")) {
    auto d = parse_datum(*crs);
    if (!d)
      throw Error(ErrorCode::unknown_crs, "--crs", "'" + *crs + "' is not wgs84, gcj02 or bd09");
    s.datum = *d;
  }
  if (region) {
    const int given = args.has("district") + args.has("bbox") + args.has("region");
    if (given != 1)
      throw std::invalid_argument("give exactly one of --district, --bbox or --region");
  }

  io::Dataset ds = io::load_dataset(dataset_options(args));
  s.catalog = std::make_unique<Catalog>(std::move(ds.stations), std::move(ds.districts));
  const Catalog& catalog = *s.catalog;
  if (region) {
    if (auto name = args.get("district")) {
      const District* d = catalog.find_district(*name);
      if (d == nullptr)
        throw Error(ErrorCode::unknown_district, "--district", "'" + *name + "' is not a district");
      s.input.region = d->region;
      s.echo.region = d->name;
    } else if (auto box = args.get("bbox")) {
      const BBox b = http::parse_bbox(*box, s.datum);
      s.input.region = Region({{{{b.west, b.south},
                                 {b.east, b.south},
                                 {b.east, b.north},
                                 {b.west, b.north},
                                 {b.west, b.south}}}});
      s.echo.region = "bbox:" + *box;
    } else {
      io::AreaReadOptions o;
      o.crs = args.get("region-crs");
      s.input.region = io::read_area(*args.get("region"), o);
      s.echo.region = *args.get("region");
    }
  }
  if (auto file = args.get("add")) {
    io::StationReadOptions o;
    for (const Station& st : io::read_stations(*file, o).stations)
      s.changes.add.push_back(st.position);
  }
  if (auto ids = args.get("remove")) {
    for (const std::string& id : split_list(*ids)) s.changes.remove.push_back(id);
  }
  if (auto file = args.get("exclude")) {
    io::AreaReadOptions o;
    o.crs = args.get("exclude-crs");
    s.exclusion = std::make_unique<Region>(io::read_area(*file, o));
    s.input.exclusion = s.exclusion.get();
    s.echo.exclusion = *file;
  }
  if (auto file = args.get("demand")) {
    io::DemandReadOptions o;
    o.crs = args.get("demand-crs");
    o.weight_column = args.get_or("demand-weight", "");
    s.demand = std::make_unique<DemandLayer>(io::read_demand(*file, o).layer);
    s.input.demand = s.demand.get();
    s.echo.demand = *file;
  }
  s.input.stations = counted_stations(catalog, minute_of_week_at(s.at), s.changes);
  for (const District& d : catalog.districts()) s.input.districts.push_back(&d);
  s.echo.options = s.input.options;
  s.echo.at = s.at;
  s.echo.datum = s.datum;
  s.echo.dataset_version = catalog.version();
  s.echo.stations_counted = s.input.stations.size();
  s.echo.stations_added = s.changes.add.size();
  s.echo.stations_removed = s.changes.remove.size();
  return s;
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
