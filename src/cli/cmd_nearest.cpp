// stationfinder nearest: the k nearest stations to a point (with the filters, radius, paging
// and walking of GET /v1/stations/nearest, through the same parser and the same queries), as
// a table or JSON/GeoJSON.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "cli/network_flags.hpp"
#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "render/render.hpp"
#include "service/query_params.hpp"
#include "service/station_requests.hpp"
#include "service/walk_queries.hpp"

namespace sf::cli {

namespace {

// parse_nearest, with the query's datum named as this command's flag (--coords: --crs is
// the data source's).
NearestRequest parse_nearest_flags(const QueryParams::Raw& raw, const Limits& limits) {
  try {
    return parse_nearest(QueryParams(raw), limits);
  } catch (const Error& e) {
    if (e.parameter() != "crs") throw;
    throw Error(e.code(), "--coords", e.rule());
  }
}

std::vector<Flag> nearest_flags() {
  std::vector<Flag> flags = {
      {"lon", "", "LON", "query longitude (required)", ""},
      {"lat", "", "LAT", "query latitude (required)", ""},
      {"k", "k", "N",
       "how many stations (1-" + std::to_string(kDefaultLimits.k_max) + ", default " +
           std::to_string(kDefaultLimits.k_default) + ")",
       ""},
      {"offset", "", "N",
       "skip the N nearest first (offset + k at most " +
           std::to_string(kDefaultLimits.result_window) + ")",
       ""},
      {"radius-m", "", "M",
       "only stations within M metres (by walk: of walking, default " +
           number_text(kDefaultLimits.walk_radius_default_m) + ")",
       ""},
      {"distance", "", "HOW", "straight (default) or walk (along --network's streets)", ""},
      {"path", "", "", "with --distance walk and JSON/GeoJSON: each station's walk_path", ""},
      {"amenities", "", "LIST", "all of these amenities (water,toilet,…)", ""},
      {"host-types", "", "LIST", "any of these host types (bank,supermarket,…)", ""},
      {"q", "", "TEXT", "name or address contains TEXT", ""},
      {"open-now", "", "", "only stations open now (or at --at)", ""},
      {"at", "", "TIME", "ISO 8601 time for open-now, default now (Asia/Shanghai)", ""},
      {"coords", "", "CRS", "datum of --lon/--lat and the output: wgs84, gcj02, bd09", ""},
      {"format", "", "FMT", "table (default), json or geojson", ""},
  };
  for (Flag& f : data_flags(true)) {
    if (f.name == "crs") f.name = "data-crs";  // --crs is the source's; --coords the query's
    flags.push_back(std::move(f));
  }
  for (Flag& f : network_flags(true, true)) flags.push_back(std::move(f));
  flags.push_back(walk_speed_flag(true));
  return flags;
}

void print_table(const Catalog& catalog, const Page& page, const NearestQuery& q, UnixSeconds at,
                 bool walk) {
  std::printf("%-4s %-14s %10s %s%7s %-18s %-5s %s\n", "#", "id", "metres", walk ? "  walk m " : "",
              "bearing", "host", "open", "name");
  size_t rank = q.offset;
  for (const Hit& h : page.hits) {
    const StationView s = catalog.station(h.index);
    const OpeningHours* hours = catalog.hours(h.index);
    const char* open = hours == nullptr                              ? "?"
                       : hours->open_at(shanghai_minute_of_week(at)) ? "yes"
                                                                     : "no";
    char walked[16] = "";
    if (walk) std::snprintf(walked, sizeof walked, "%8.1f ", h.walk_m);
    std::printf("%-4zu %-14s %10.1f %s%7.1f %-18s %-5s %s\n", ++rank, std::string(s.id).c_str(),
                h.distance_m, walked, bearing_deg(q.point, s.position),
                std::string(host_type_name(s.host_type)).c_str(), open,
                std::string(s.name).c_str());
  }
}

}  // namespace

int cmd_nearest(int argc, char** argv) {
  Args args("nearest",
            "Print the k nearest stations to a point, exactly as the HTTP API ranks them.",
            nearest_flags());
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  // The same gate as GET /v1/stations/nearest: the flags become its parameters.
  QueryParams::Raw raw = args.params({{"lon", "lon"},
                                      {"lat", "lat"},
                                      {"k", "k"},
                                      {"offset", "offset"},
                                      {"radius-m", "radius_m"},
                                      {"amenities", "amenities"},
                                      {"host-types", "host_types"},
                                      {"q", "q"},
                                      {"open-now", "open_now"},
                                      {"at", "at"},
                                      {"coords", "crs"},
                                      {"distance", "distance"},
                                      {"path", "path"}});
  const std::string format = args.get_or("format", "table");
  if (format != "table" && format != "json" && format != "geojson") {
    throw Error(ErrorCode::unknown_format, "--format",
                "'" + format + "' is not table, json or geojson");
  }
  if (format != "table") raw.emplace("format", format);
  const Limits limits = walking_limits(args);
  const NearestRequest r = parse_nearest_flags(raw, limits);
  const NearestQuery& q = r.query;
  const CommonParams& c = r.common;

  io::DatasetOptions options = dataset_options(args);
  if (auto crs = args.get("data-crs")) options.stations.crs = *crs;
  io::Dataset ds = io::load_dataset(options);
  Snapshot snap;
  snap.catalog = std::make_shared<const Catalog>(std::move(ds.stations), std::move(ds.districts));
  const Catalog& catalog = *snap.catalog;
  const bool walk = r.measure.distance == Distance::walk;
  if (const auto network = network_options(args, std::nullopt, walk && !args.get("data"))) {
    snap.network = load_network(*network, std::cerr);
    snap.walk_stations = WalkStations::place(snap.network, catalog, nullptr);
  }
  const Page page = nearest_page(snap, r);
  const RenderContext ctx{catalog,           c.datum,    c.at,    q.point,
                          HitKind::distance, kAllFields, nullptr, limits.walk_speed_kmh};
  if (format != "table") {
    std::cout << render_page(ctx, page, c.format, {}) << "\n";
    return 0;
  }
  print_table(catalog, page, q, c.at, walk);
  if (page.total_known) {
    std::printf("%zu of %zu matching stations\n", page.hits.size(), page.total);
  } else {
    std::printf("%zu stations, nearest by walk (more lie farther)\n", page.hits.size());
  }
  return 0;
}

}  // namespace sf::cli
