#include "io/station_export.hpp"

#include <filesystem>

#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "core/station_fields.hpp"
#include "io/gdal_handles.hpp"
#include "io/vector_formats.hpp"

namespace sf::io {

namespace {

// Stations go to every vector format but Shapefile (its 10-character names would cut
// opening_hours and district_en); a CSV holds lon, lat columns rather than WKT.
std::string driver_for(const std::string& path) {
  const std::optional<VectorFormat> format = vector_format_for(path);
  if (!format || format->driver == "ESRI Shapefile") {
    throw Error(ErrorCode::unknown_format, path,
                "output must end in .gpkg, .geojson, .json, .csv or .fgb, or be PG:…");
  }
  return std::string(format->driver);
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Error(ErrorCode::data_source_unreadable, path, what + ": " + last_gdal_error());
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, const std::string& path) {
  OGRFieldDefn def(name, type);
  if (layer.CreateField(&def) != OGRERR_NONE)
    fail(path, std::string("cannot create field ") + name);
}

std::string join_amenities(AmenitySet set) {
  std::string out;
  for (std::string_view n : amenity_names(set)) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

void write_station_layer(GDALDataset& ds, const std::string& path, const std::string& driver,
                         const std::vector<Station>& stations, OGRSpatialReference& wgs84) {
  const bool csv = driver == "CSV";
  const bool lists = driver == "GeoJSON";  // amenities as a JSON array there
  // PostGIS: the tables are replaced (the database itself is the user's).
  const char* overwrite[] = {"OVERWRITE=YES", "GEOMETRY_NAME=geom", nullptr};
  const bool pg = driver == "PostgreSQL";
  OGRLayer* layer = ds.CreateLayer("stations", csv ? nullptr : &wgs84, csv ? wkbNone : wkbPoint,
                                   pg ? const_cast<char**>(overwrite) : nullptr);
  if (layer == nullptr) fail(path, "cannot create the stations layer");
  for (std::string_view f : kStoredFields) {
    if (csv && f == "host_type") {  // a CSV's position: lon, lat after name
      add_field(*layer, "lon", OFTReal, path);
      add_field(*layer, "lat", OFTReal, path);
    }
    add_field(*layer, f.data(), f == "amenities" && lists ? OFTStringList : OFTString, path);
  }

  const bool transactions = ds.StartTransaction() == OGRERR_NONE;
  for (const Station& s : stations) {
    OGRFeature feature(layer->GetLayerDefn());
    fill_station_feature(feature, s);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) fail(path, "cannot write station " + s.id);
  }
  if (transactions && ds.CommitTransaction() != OGRERR_NONE) fail(path, "cannot commit");
}

void write_district_layer(GDALDataset& ds, const std::string& path,
                          const std::vector<District>& districts, OGRSpatialReference& wgs84) {
  const char* overwrite[] = {"OVERWRITE=YES", "GEOMETRY_NAME=geom", nullptr};
  OGRLayer* layer = ds.CreateLayer(
      "districts", &wgs84, wkbMultiPolygon,
      ds.GetDriver() != nullptr && EQUAL(ds.GetDriver()->GetDescription(), "PostgreSQL")
          ? const_cast<char**>(overwrite)
          : nullptr);
  if (layer == nullptr) fail(path, "cannot create the districts layer");
  for (const char* f : {"name", "name_en", "code"}) add_field(*layer, f, OFTString, path);
  for (const District& d : districts) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("name", d.name.c_str());
    feature.SetField("name_en", d.name_en.c_str());
    feature.SetField("code", d.code.c_str());
    auto* multi = new OGRMultiPolygon();
    for (const auto& polygon : d.region.polygons()) {
      OGRPolygon poly;
      for (const Ring& ring : polygon) {
        OGRLinearRing r;
        for (const LonLat& p : ring) r.addPoint(p.lon, p.lat);
        r.closeRings();
        poly.addRing(&r);
      }
      multi->addGeometry(&poly);
    }
    feature.SetGeometryDirectly(multi);
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
      fail(path, "cannot write district " + d.name);
  }
}

}  // namespace

void fill_station_feature(OGRFeature& feature, const Station& s) {
  OGRFeatureDefn* defn = feature.GetDefnRef();
  for (const StationText& t : kStationTexts) feature.SetField(t.name.data(), (s.*t.owned).c_str());
  feature.SetField("host_type", std::string(host_type_name(s.host_type)).c_str());
  const int amenities = defn->GetFieldIndex("amenities");
  if (amenities >= 0 && defn->GetFieldDefn(amenities)->GetType() == OFTStringList) {
    CPLStringList list;
    for (std::string_view n : amenity_names(s.amenities)) list.AddString(std::string(n).c_str());
    feature.SetField(amenities, list.List());
  } else if (amenities >= 0) {
    feature.SetField(amenities, join_amenities(s.amenities).c_str());
  }
  if (defn->GetFieldIndex("lon") >= 0 && defn->GetGeomFieldCount() == 0) {
    feature.SetField("lon", s.position.lon);
    feature.SetField("lat", s.position.lat);
  } else {
    feature.SetGeometryDirectly(new OGRPoint(s.position.lon, s.position.lat));
  }
}

void write_stations(const std::string& path, const std::vector<Station>& stations,
                    const std::vector<District>& districts) {
  ensure_gdal_registered();
  const std::string driver_name = driver_for(path);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) fail(path, "GDAL has no " + driver_name + " driver");
  DatasetPtr ds;
  if (is_postgres(path)) {  // an existing database, opened for update
    const char* drivers[] = {"PostgreSQL", nullptr};
    ds.reset(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr)));
    if (!ds) fail(path, "cannot connect to the database");
  } else {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    ds.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail(path, "cannot create the file");
  }
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  write_station_layer(*ds, path, driver_name, stations, wgs84);
  if (!districts.empty() && (driver_name == "GPKG" || driver_name == "PostgreSQL")) {
    write_district_layer(*ds, path, districts, wgs84);
  }
  ds.reset();  // close: flushes to disk
}

}  // namespace sf::io
