#include "cli/data_flags.hpp"

#include <ostream>
#include <stdexcept>

#include "core/errors.hpp"

namespace sf::cli {

std::vector<Flag> data_flags(bool with_data_env) {
  return {
      {"data", "", "SRC",
       "station source: any OGR datasource (CSV, GeoJSON, GeoPackage, Shapefile, KML, "
       "FlatGeobuf, PG:…); default: the bundled Beijing dataset",
       with_data_env ? "STATIONFINDER_DATA" : ""},
      {"layer", "", "NAME", "layer of the source (default: 'stations', else the first)", ""},
      {"map", "", "FIELD=COLUMN",
       "read station FIELD from COLUMN (fields: id, name, lon, lat, host_type, amenities, "
       "opening_hours, address, district, phone, updated_at)",
       "", true},
      {"crs", "", "CRS",
       "coordinates of the source: gcj02, bd09, wgs84 or EPSG:nnnn (default: the layer's own, "
       "else WGS84)",
       ""},
      {"districts", "", "SRC",
       "district polygons (any OGR polygon layer with a name column); 'none' for no districts; "
       "default: the data's 'districts' layer, else the bundled Beijing districts",
       with_data_env ? "STATIONFINDER_DISTRICTS" : ""},
      {"districts-layer", "", "NAME", "layer of the district source", ""},
      {"districts-crs", "", "CRS", "coordinates of the district source (gcj02, bd09, EPSG:…)", ""},
      {"strict", "", "", "fail when any row is rejected", ""},
  };
}

io::DatasetOptions dataset_options(const Args& args) {
  io::DatasetOptions o;
  o.data = args.get_or("data", "");
  o.stations.layer = args.get_or("layer", "");
  for (const std::string& m : args.all("map")) {
    const size_t eq = m.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
      throw Error(ErrorCode::parameter_invalid, "--map", "takes FIELD=COLUMN, got '" + m + "'");
    }
    o.stations.columns[m.substr(0, eq)] = m.substr(eq + 1);
  }
  if (auto crs = args.get("crs")) o.stations.crs = *crs;
  o.districts = args.get_or("districts", "");
  o.districts_layer = args.get_or("districts-layer", "");
  if (auto crs = args.get("districts-crs")) o.districts_crs = *crs;
  return o;
}

void print_report(const io::Dataset& ds, std::ostream& out, size_t max_rows) {
  const auto& r = ds.report;
  out << "source:    " << r.source << " (layer " << r.layer << ", coordinates " << r.crs << ")\n";
  out << "columns:  ";
  for (const auto& [field, column] : r.columns_used) out << " " << field << "=" << column;
  out << "\n";
  for (const std::string& note : r.notes) out << "note:      " << note << "\n";
  out << "rows:      " << r.rows << " read, " << ds.stations.size() << " imported, "
      << r.rejected.size() << " rejected, " << r.warnings.size() << " warnings\n";
  if (!ds.districts_source.empty()) {
    out << "districts: " << ds.districts.size() << " from " << ds.districts_source << "; "
        << ds.districts_assigned << " stations placed by point-in-polygon\n";
  }
  size_t shown = 0;
  for (const auto& row : r.rejected) {
    if (shown++ == max_rows) {
      out << "  … " << (r.rejected.size() - max_rows) << " more rejected rows\n";
      break;
    }
    out << "  rejected row " << row.row << ": " << row.reason << "\n";
  }
  shown = 0;
  for (const auto& row : r.warnings) {
    if (shown++ == max_rows) {
      out << "  … " << (r.warnings.size() - max_rows) << " more warnings\n";
      break;
    }
    out << "  warning row " << row.row << ": " << row.reason << "\n";
  }
}

io::Dataset load_and_report(const Args& args, std::ostream& out, size_t max_rows) {
  io::Dataset ds = io::load_dataset(dataset_options(args));
  print_report(ds, out, max_rows);
  if (args.has("strict") && !ds.report.rejected.empty()) {
    const auto& first = ds.report.rejected.front();
    throw Error(ErrorCode::data_invalid, "row " + std::to_string(first.row),
                first.reason + " (--strict: " + std::to_string(ds.report.rejected.size()) +
                    " rows rejected)");
  }
  return ds;
}

}  // namespace sf::cli
