#include "io/area_reader.hpp"
#include "io/source_crs.hpp"

#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "io/gdal_handles.hpp"

namespace sf::io {

namespace {

Ring convert_ring(const OGRLinearRing& ring, const SourceCrs& crs, const std::string& source) {
  Ring out;
  out.reserve(static_cast<size_t>(ring.getNumPoints()));
  for (int i = 0; i < ring.getNumPoints(); ++i) {
    LonLat p;
    if (!crs.to_wgs84(ring.getX(i), ring.getY(i), p) || !is_valid_lonlat(p.lon, p.lat)) {
      throw Error(ErrorCode::data_invalid, source,
                  "a polygon vertex cannot be converted to a valid WGS84 position");
    }
    out.push_back(p);
  }
  return out;
}

std::vector<Ring> convert_polygon(const OGRPolygon& poly, const SourceCrs& crs,
                                  const std::string& source) {
  std::vector<Ring> rings;
  if (poly.getExteriorRing() == nullptr) return rings;
  rings.push_back(convert_ring(*poly.getExteriorRing(), crs, source));
  for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
    rings.push_back(convert_ring(*poly.getInteriorRing(i), crs, source));
  }
  return rings;
}

}  // namespace

std::vector<std::vector<Ring>> polygons_of(const OGRGeometry& g, const SourceCrs& crs,
                                           const std::string& source) {
  std::vector<std::vector<Ring>> polygons;
  if (g.IsEmpty()) return polygons;
  const auto type = wkbFlatten(g.getGeometryType());
  if (type == wkbPolygon) {
    polygons.push_back(convert_polygon(*g.toPolygon(), crs, source));
  } else if (type == wkbMultiPolygon) {
    for (const OGRPolygon* p : *g.toMultiPolygon()) {
      polygons.push_back(convert_polygon(*p, crs, source));
    }
  }
  std::erase_if(polygons, [](const std::vector<Ring>& p) { return p.empty(); });
  return polygons;
}

Region read_area(const std::string& source, const AreaReadOptions& options) {
  DatasetPtr ds = open_vector(source);
  OGRLayer* layer = pick_layer(*ds, source, options.layer, "");
  const SourceCrs crs = SourceCrs::make(layer->GetSpatialRef(), options.crs);
  std::vector<std::vector<Ring>> polygons;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr) continue;
    for (auto& p : polygons_of(*g, crs, source)) polygons.push_back(std::move(p));
  }
  if (polygons.empty()) {
    throw Error(ErrorCode::data_invalid, source, "the layer holds no polygons");
  }
  return Region(std::move(polygons));
}

}  // namespace sf::io
