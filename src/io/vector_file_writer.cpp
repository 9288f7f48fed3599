#include "io/vector_file_writer.hpp"
#include "io/gdal_handles.hpp"
#include "io/vector_formats.hpp"

#include <ogrsf_frmts.h>

#include <cpl_vsi.h>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace sf::io {

namespace {

VectorFormat format_for(const std::string& path) {
  std::optional<VectorFormat> format = vector_format_for(path);
  if (!format || format->driver == "PostgreSQL") {  // a database is the stores' business
    throw Error(ErrorCode::unknown_format, path,
                std::string("the output must end in ") + VectorFileWriter::extensions());
  }
  return *format;
}

}  // namespace

VectorFileWriter::VectorFileWriter(const std::string& path, const std::string& layer,
                                   GeometryKind geometry,
                                   const std::vector<std::pair<std::string, FieldType>>& fields,
                                   Datum datum)
    : path_(path), datum_(datum) {
  ensure_gdal_registered();
  VectorFormat target = format_for(path);
  const std::string driver_name(target.driver);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) {
    throw Error(ErrorCode::unknown_format, path, "GDAL lacks the " + driver_name + " driver");
  }
  VSIUnlink(path.c_str());
  ds_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds_)
    throw Error(ErrorCode::data_source_unreadable, path, "cannot create: " + last_gdal_error());
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  target.layer_options.push_back(nullptr);
  layer_ = ds_->CreateLayer(layer.c_str(), datum == Datum::wgs84 ? &wgs84 : nullptr,
                            geometry == GeometryKind::polygon        ? wkbPolygon
                            : geometry == GeometryKind::multipolygon ? wkbMultiPolygon
                            : geometry == GeometryKind::line         ? wkbLineString
                                                                     : wkbPoint,
                            const_cast<char**>(target.layer_options.data()));
  if (layer_ == nullptr)
    throw Error(ErrorCode::data_source_unreadable, path,
                "cannot create a layer: " + last_gdal_error());
  for (const auto& [name, type] : fields) {
    OGRFieldDefn defn(name.c_str(), type == FieldType::real      ? OFTReal
                                    : type == FieldType::integer ? OFTInteger64
                                                                 : OFTString);
    if (layer_->CreateField(&defn) != OGRERR_NONE)
      throw Error(ErrorCode::data_source_unreadable, path, "cannot create field " + name);
  }
  transaction_ = ds_->StartTransaction() == OGRERR_NONE;
}

VectorFileWriter::~VectorFileWriter() = default;

void VectorFileWriter::add(OGRGeometry* geometry, const std::vector<FieldValue>& values) {
  OGRFeature feature(layer_->GetLayerDefn());
  for (size_t i = 0; i < values.size(); ++i) {
    const int f = static_cast<int>(i);
    if (const auto* d = std::get_if<double>(&values[i])) {
      feature.SetField(f, *d);
    } else if (const auto* n = std::get_if<int64_t>(&values[i])) {
      feature.SetField(f, static_cast<GIntBig>(*n));
    } else if (const auto* s = std::get_if<std::string>(&values[i])) {
      feature.SetField(f, s->c_str());
    } else {
      feature.SetFieldNull(f);
    }
  }
  feature.SetGeometryDirectly(geometry);
  if (layer_->CreateFeature(&feature) != OGRERR_NONE) {
    throw Error(ErrorCode::data_source_unreadable, path_,
                "cannot write a feature: " + last_gdal_error());
  }
}

namespace {

OGRPolygon* ogr_polygon(const std::vector<Ring>& rings, Datum datum) {
  auto* poly = new OGRPolygon();
  for (const Ring& ring : rings) {
    OGRLinearRing r;
    for (const LonLat& p : ring) {
      const LonLat q = from_wgs84(p, datum);
      r.addPoint(q.lon, q.lat);
    }
    poly->addRing(&r);
  }
  return poly;
}

}  // namespace

void VectorFileWriter::add_polygon(const std::vector<Ring>& rings,
                                   const std::vector<FieldValue>& values) {
  add(ogr_polygon(rings, datum_), values);
}

void VectorFileWriter::add_multipolygon(const std::vector<std::vector<Ring>>& polygons,
                                        const std::vector<FieldValue>& values) {
  auto* multi = new OGRMultiPolygon();
  for (const std::vector<Ring>& rings : polygons)
    multi->addGeometryDirectly(ogr_polygon(rings, datum_));
  add(multi, values);
}

void VectorFileWriter::add_point(LonLat p, const std::vector<FieldValue>& values) {
  const LonLat q = from_wgs84(p, datum_);
  add(new OGRPoint(q.lon, q.lat), values);
}

void VectorFileWriter::add_line(const std::vector<LonLat>& line,
                                const std::vector<FieldValue>& values) {
  auto* l = new OGRLineString();
  for (const LonLat& p : line) {
    const LonLat q = from_wgs84(p, datum_);
    l->addPoint(q.lon, q.lat);
  }
  add(l, values);
}

void VectorFileWriter::finish() {
  if (!ds_) return;
  if (transaction_ && ds_->CommitTransaction() != OGRERR_NONE) {
    throw Error(ErrorCode::data_source_unreadable, path_, "cannot commit: " + last_gdal_error());
  }
  ds_.reset();
}

std::string take_file(const std::string& path) {
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(path.c_str(), &size, TRUE);
  if (data != nullptr) {
    std::string out(reinterpret_cast<const char*>(data), static_cast<size_t>(size));
    CPLFree(data);
    return out;
  }
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (f == nullptr) throw Error(ErrorCode::internal_error, path, "cannot read back the output");
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = VSIFReadL(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  VSIFCloseL(f);
  VSIUnlink(path.c_str());
  return out;
}

}  // namespace sf::io
