// stationfinder isochrone: the area reachable on foot from a point (or, with --station, a
// station's catchment) within each walk, through the parser and the computation of
// GET /v1/isochrone; GeoJSON or JSON on stdout, any vector file with --out.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "cli/network_flags.hpp"
#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "io/vector_file_writer.hpp"
#include "render/render_isochrone.hpp"
#include "service/isochrones.hpp"
#include "service/query_params.hpp"

namespace sf::cli {

namespace {

std::vector<Flag> isochrone_flags() {
  const Limits& l = kDefaultLimits;
  std::vector<Flag> flags = {
      {"lon", "", "LON", "start longitude (or --station)", ""},
      {"lat", "", "LAT", "start latitude", ""},
      {"station", "", "ID", "the catchment of this station instead of a point", ""},
      {"walk-minutes", "", "LIST",
       "walks in minutes, comma-separated (at most " + std::to_string(l.isochrone_values) +
           ", each at most " + number_text(l.isochrone_minutes_max) + ")",
       ""},
      {"walk-m", "", "LIST", "walks in metres instead", ""},
      {"cell-m", "", "M", "grid cell (default " + number_text(l.isochrone_cell_default_m) + " m)",
       ""},
      {"coords", "", "CRS", "datum of --lon/--lat and the output: wgs84, gcj02, bd09", ""},
      {"format", "", "FMT", "stdout: geojson (default, with polygons) or json (figures)", ""},
      {"out", "o", "FILE", std::string("write the contours: ") + io::VectorFileWriter::extensions(),
       ""},
  };
  for (Flag& f : data_flags(true)) {
    if (f.name == "crs") f.name = "data-crs";
    flags.push_back(std::move(f));
  }
  for (Flag& f : network_flags(true, true)) flags.push_back(std::move(f));
  flags.push_back(walk_speed_flag(true));
  return flags;
}

// The same gate as the HTTP routes, with the query's datum named as this command's flag
// (--crs is the data source's) and a catchment's station as --station.
IsochroneRequest parse_flags(const QueryParams::Raw& raw, bool catchment, const Limits& limits) {
  try {
    const QueryParams q(raw);
    return catchment ? parse_catchment(q, limits) : parse_isochrone(q, limits);
  } catch (const Error& e) {
    if (e.parameter() == "crs") throw Error(e.code(), "--coords", e.rule());
    throw;
  }
}

void write_contours(const std::string& path, const Isochrone& iso, Datum datum) {
  io::VectorFileWriter out(path, "isochrone", io::GeometryKind::multipolygon,
                           {{"walk_m", io::FieldType::real},
                            {"walk_min", io::FieldType::real},
                            {"area_m2", io::FieldType::real},
                            {"cells", io::FieldType::integer},
                            {"station_id", io::FieldType::text}},
                           datum);
  for (const IsochroneContour& c : iso.contours) {
    out.add_multipolygon(
        c.polygons, {c.limit_m, c.minutes ? io::FieldValue(*c.minutes) : io::FieldValue(),
                     c.area_m2, static_cast<int64_t>(c.cells),
                     iso.station_id.empty() ? io::FieldValue() : io::FieldValue(iso.station_id)});
  }
  out.finish();
}

}  // namespace

int cmd_isochrone(int argc, char** argv) {
  Args args("isochrone",
            "The area reachable on foot within each walk from a point (or a station's "
            "catchment), along --network's streets: GeoJSON polygons with their areas.",
            isochrone_flags());
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const auto station = args.get("station");
  if (station && (args.get("lon") || args.get("lat"))) {
    throw Error(ErrorCode::parameter_invalid, "--station",
                "give --station or --lon/--lat, not both");
  }
  QueryParams::Raw raw = args.params({{"lon", "lon"},
                                      {"lat", "lat"},
                                      {"walk-minutes", "walk_minutes"},
                                      {"walk-m", "walk_m"},
                                      {"cell-m", "cell_m"},
                                      {"coords", "crs"},
                                      {"format", "format"}});
  IsochroneRequest r = parse_flags(raw, station.has_value(), walking_limits(args));
  const Format shown = r.format;
  const auto out = args.get("out");
  if (out) r.format = Format::geojson;  // the file needs the polygons

  const auto network = network_options(args, std::nullopt, !args.get("data"));
  if (!network) {
    throw Error(ErrorCode::network_missing, "--network",
                "an isochrone walks on a street network: give --network FILE");
  }
  const std::shared_ptr<const WalkNetwork> walk = load_network(*network, std::cerr);
  Isochrone iso;
  if (station) {
    io::DatasetOptions options = dataset_options(args);
    if (auto crs = args.get("data-crs")) options.stations.crs = *crs;
    io::Dataset ds = io::load_dataset(options);
    const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
    const auto placed = WalkStations::place(walk, catalog, nullptr);
    try {
      iso = catchment_of(catalog, *placed, *station, r);
    } catch (const Error& e) {
      if (e.parameter() != "id") throw;
      throw Error(e.code(), "--station", e.rule());
    }
  } else {
    iso = isochrone_at(*walk, r);
  }
  if (out) write_contours(*out, iso, r.datum);
  std::cout << render_isochrone(iso, r.datum, shown) << "\n";
  return 0;
}

}  // namespace sf::cli
