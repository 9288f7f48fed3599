#include "io/demand_reader.hpp"

#include <cpl_vsi.h>

#include <initializer_list>
#include <string_view>

#include <cmath>

#include <ogrsf_frmts.h>

#include "core/decimal.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "io/gdal_handles.hpp"
#include "io/source_crs.hpp"

namespace sf::io {

namespace {

// How many of a CSV header's columns match GDAL's possible-names list (exact names, or a
// prefix before '*'): the CSV driver crashes on some headers where more than one column
// matches and the other axis none (seen by the fuzzer: "lon,alt,lon_ht").
size_t matching_columns(const std::string& header, std::initializer_list<std::string_view> names) {
  size_t n = 0;
  size_t start = 0;
  while (start <= header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    std::string column = to_lower_ascii(header.substr(start, end - start));
    while (!column.empty() && (column.back() == '\r' || column.back() == ' ')) column.pop_back();
    if (!column.empty() && column.front() == '"' && column.back() == '"' && column.size() >= 2)
      column = column.substr(1, column.size() - 2);
    for (std::string_view name : names) {
      const bool prefix = name.ends_with('*');
      const std::string_view stem = prefix ? name.substr(0, name.size() - 1) : name;
      if (prefix ? column.starts_with(stem) : column == stem) {
        ++n;
        break;
      }
    }
    start = end + 1;
  }
  return n;
}

std::string first_line(const std::string& source) {
  VSILFILE* f = VSIFOpenL(source.c_str(), "rb");
  if (f == nullptr) return {};
  std::string line;
  char c = 0;
  while (line.size() < 65536 && VSIFReadL(&c, 1, 1, f) == 1 && c != '\n') line.push_back(c);
  VSIFCloseL(f);
  return line;
}

DatasetPtr open_points(const std::string& source) {
  ensure_gdal_registered();
  const bool csv = to_lower_ascii(source).ends_with(".csv");
  if (csv) {
    const std::string header = first_line(source);
    const size_t xs = matching_columns(
        header, {"lon", "lng", "long", "longitude", "x", "经度", "lng_*", "lon_*"});
    const size_t ys = matching_columns(header, {"lat", "latitude", "y", "纬度", "lat_*"});
    if (xs != 1 || ys != 1) {
      throw Error(ErrorCode::demand_unusable, "",
                  "a CSV needs exactly one longitude column (lon, lng, longitude, x, 经度, "
                  "lon_*, lng_*) and one latitude column (lat, latitude, y, 纬度, lat_*); found " +
                      std::to_string(xs) + " and " + std::to_string(ys));
    }
  }
  // The CSV driver turns lon/lat columns into point geometries itself.
  const char* csv_options[] = {"X_POSSIBLE_NAMES=lon,lng,long,longitude,x,经度,lng_*,lon_*",
                               "Y_POSSIBLE_NAMES=lat,latitude,y,纬度,lat_*", "KEEP_GEOM_COLUMNS=NO",
                               nullptr};
  CPLErrorReset();
  GDALDataset* ds =
      GDALDataset::FromHandle(GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                         csv ? csv_options : nullptr, nullptr));
  if (ds == nullptr) {
    throw Error(ErrorCode::data_source_unreadable, source,
                "GDAL/OGR cannot open it as a vector datasource: " + last_gdal_error());
  }
  return DatasetPtr(ds);
}

int weight_column(OGRFeatureDefn& defn, const DemandReadOptions& options,
                  const std::string& source) {
  auto find = [&](const std::string& name) {
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
      if (equals_ignore_case(defn.GetFieldDefn(i)->GetNameRef(), name)) return i;
    }
    return -1;
  };
  if (!options.weight_column.empty()) {
    const int i = find(options.weight_column);
    if (i < 0) {
      throw Error(ErrorCode::data_invalid, source,
                  "it has no column '" + options.weight_column + "' for the weight");
    }
    return i;
  }
  for (const char* name : {"weight", "count", "population", "pop", "demand", "权重", "人口"}) {
    if (const int i = find(name); i >= 0) return i;
  }
  return -1;
}

}  // namespace

DemandReadResult read_demand(const std::string& source, const DemandReadOptions& options) {
  DatasetPtr ds = open_points(source);
  OGRLayer* layer = pick_layer(*ds, source, options.layer, "");
  DemandReadResult result;
  DemandReadReport& report = result.report;
  result.layer.source = source;
  const int weight_col = weight_column(*layer->GetLayerDefn(), options, source);
  if (weight_col >= 0)
    report.weight_column = layer->GetLayerDefn()->GetFieldDefn(weight_col)->GetNameRef();
  const SourceCrs crs = SourceCrs::make(layer->GetSpatialRef(), options.crs);
  report.crs = crs.description();
  layer->ResetReading();
  for (auto& feature : *layer) {
    ++report.rows;
    auto reject = [&](const std::string& reason) {
      ++report.rejected;
      if (report.first_problems.size() < 10)
        report.first_problems.push_back("row " + std::to_string(report.rows) + ": " + reason);
    };
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr || g->IsEmpty()) {
      reject("no point (no geometry and no lon/lat columns)");
      continue;
    }
    OGRPoint point;
    if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
      point = *g->toPoint();
    } else if (g->Centroid(&point) != OGRERR_NONE || point.IsEmpty()) {
      reject("geometry without a centroid");
      continue;
    }
    LonLat p;
    if (!crs.to_wgs84(point.getX(), point.getY(), p) || !is_valid_lonlat(p.lon, p.lat)) {
      reject("coordinates out of range or not convertible to WGS84");
      continue;
    }
    double weight = 1;
    if (weight_col >= 0) {
      std::string text = feature->GetFieldAsString(weight_col);
      while (!text.empty() && text.back() == ' ') text.pop_back();
      text.erase(0, text.find_first_not_of(' ') == std::string::npos ? text.size()
                                                                     : text.find_first_not_of(' '));
      const std::optional<double> parsed = parse_decimal(text);
      weight = parsed.value_or(-1);
      if (!parsed || !std::isfinite(weight) || weight < 0) {
        reject("weight '" + text + "' is not a number ≥ 0");
        continue;
      }
    }
    result.layer.points.push_back(p);
    result.layer.weights.push_back(weight);
  }
  if (result.layer.points.empty()) {
    throw Error(ErrorCode::data_invalid, source,
                "no usable demand point in " + std::to_string(report.rows) + " rows" +
                    (report.first_problems.empty() ? "" : " (" + report.first_problems[0] + ")"));
  }
  return result;
}

}  // namespace sf::io
