#include "io/district_reader.hpp"

#include <algorithm>
#include <cctype>

#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "io/area_reader.hpp"
#include "io/gdal_handles.hpp"
#include "io/source_crs.hpp"

namespace sf::io {

namespace {

int find_column(OGRFeatureDefn& defn, std::initializer_list<const char*> candidates) {
  for (const char* c : candidates) {
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
      if (EQUAL(defn.GetFieldDefn(i)->GetNameRef(), c)) return i;
    }
  }
  return -1;
}

}  // namespace

std::vector<District> read_districts(const std::string& source,
                                     const DistrictReadOptions& options) {
  DatasetPtr ds = open_vector(source);
  OGRLayer* layer = pick_layer(*ds, source, options.layer, "districts");
  OGRFeatureDefn& defn = *layer->GetLayerDefn();
  const int name_col = options.name_column.empty()
                           ? find_column(defn, {"name", "名称", "district", "name_zh", "NAME"})
                           : find_column(defn, {options.name_column.c_str()});
  if (name_col < 0) {
    throw Error(ErrorCode::data_invalid, source,
                options.name_column.empty()
                    ? "the district layer has no name column (name, 名称 or district)"
                    : "the district layer has no column '" + options.name_column + "'");
  }
  const int en_col = find_column(defn, {"name_en", "name_english", "ename", "english"});
  const int code_col = find_column(defn, {"adcode", "code", "district_code"});
  const SourceCrs crs = SourceCrs::make(layer->GetSpatialRef(), options.crs);
  std::vector<District> districts;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr || g->IsEmpty()) continue;
    std::vector<std::vector<Ring>> polygons = polygons_of(*g, crs, source);
    if (polygons.empty()) continue;  // not an area: not a district
    District d;
    d.name = feature->GetFieldAsString(name_col);
    if (en_col >= 0) d.name_en = feature->GetFieldAsString(en_col);
    if (code_col >= 0) d.code = feature->GetFieldAsString(code_col);
    d.region = Region(std::move(polygons));
    districts.push_back(std::move(d));
  }
  if (districts.empty()) {
    throw Error(ErrorCode::data_invalid, source, "the district layer holds no polygons");
  }
  return districts;
}

}  // namespace sf::io
