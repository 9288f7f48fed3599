#include "io/gap_polygons.hpp"

#include <algorithm>
#include <filesystem>

#include <gdal_alg.h>
#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "io/gdal_handles.hpp"

namespace sf::io {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorCode::internal_error, "gaps", what + ": " + last_gdal_error());
}

}  // namespace

std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid) {
  ensure_gdal_registered();
  std::vector<GapPolygon> gaps;
  const int width = static_cast<int>(grid.width()), height = static_cast<int>(grid.height());
  if (width == 0 || height == 0) return gaps;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (mem == nullptr) fail("no MEM raster driver");
  DatasetPtr raster(mem->Create("", width, height, 1, GDT_Byte, nullptr));
  if (!raster) fail("cannot create the in-memory raster");
  // Row 0 of the raster is the north edge; row 0 of the grid the south edge.
  const XY origin = grid.origin();
  const double cell = grid.cell_m();
  double transform[6] = {origin.x, cell, 0, origin.y + cell * height, 0, -cell};
  raster->SetGeoTransform(transform);
  std::vector<uint8_t> line(static_cast<size_t>(width));
  GDALRasterBand* band = raster->GetRasterBand(1);
  for (int r = 0; r < height; ++r) {
    const size_t grid_row = static_cast<size_t>(height - 1 - r);
    for (int c = 0; c < width; ++c) {
      const size_t col = static_cast<size_t>(c);
      line[col] = grid.in_region(col, grid_row) && !grid.covered(col, grid_row) ? 1 : 0;
    }
    if (band->RasterIO(GF_Write, 0, r, width, 1, line.data(), width, 1, GDT_Byte, 0, 0) != CE_None)
      fail("cannot fill the raster");
  }
  GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");  // OGR's in-memory
  if (memory == nullptr) fail("no Memory vector driver");
  DatasetPtr vectors(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  if (!vectors) fail("cannot create the in-memory layer");
  OGRLayer* layer = vectors->CreateLayer("gaps", nullptr, wkbPolygon, nullptr);
  OGRFieldDefn value("value", OFTInteger);
  layer->CreateField(&value);
  // The band is its own mask: only the uncovered cells (value 1) become polygons.
  if (GDALPolygonize(band, band, OGRLayer::ToHandle(layer), 0, nullptr, nullptr, nullptr) !=
      CE_None)
    fail("polygonize failed");
  const LocalProjection& projection = grid.projection();
  layer->ResetReading();
  for (auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPolygon) continue;
    const OGRPolygon* poly = g->toPolygon();
    GapPolygon gap;
    gap.area_m2 = poly->get_Area();  // projected metres of an equal-area projection
    auto convert = [&](const OGRLinearRing* ring) {
      Ring out;
      for (int i = 0; i < ring->getNumPoints(); ++i) {
        out.push_back(projection.inverse({ring->getX(i), ring->getY(i)}));
      }
      gap.rings.push_back(std::move(out));
    };
    convert(poly->getExteriorRing());
    for (int i = 0; i < poly->getNumInteriorRings(); ++i) convert(poly->getInteriorRing(i));
    gaps.push_back(std::move(gap));
  }
  std::sort(gaps.begin(), gaps.end(),
            [](const GapPolygon& a, const GapPolygon& b) { return a.area_m2 > b.area_m2; });
  return gaps;
}

void write_gap_polygons(const std::string& path, const std::vector<GapPolygon>& gaps) {
  ensure_gdal_registered();
  const std::string ext = std::filesystem::path(path).extension().string();
  const char* driver_name = ext == ".gpkg"                          ? "GPKG"
                            : (ext == ".geojson" || ext == ".json") ? "GeoJSON"
                                                                    : nullptr;
  if (driver_name == nullptr) {
    throw Error(ErrorCode::unknown_format, path, "gap output must end in .geojson, .json or .gpkg");
  }
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  std::error_code ec;
  std::filesystem::remove(path, ec);
  DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds)
    throw Error(ErrorCode::data_source_unreadable, path, "cannot create: " + last_gdal_error());
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds->CreateLayer("gaps", &wgs84, wkbPolygon, nullptr);
  OGRFieldDefn area("area_m2", OFTReal);
  layer->CreateField(&area);
  ds->StartTransaction();
  for (const GapPolygon& gap : gaps) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("area_m2", gap.area_m2);
    auto* poly = new OGRPolygon();
    for (const Ring& ring : gap.rings) {
      OGRLinearRing r;
      for (const LonLat& p : ring) r.addPoint(p.lon, p.lat);
      poly->addRing(&r);
    }
    feature.SetGeometryDirectly(poly);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) {
      throw Error(ErrorCode::data_source_unreadable, path,
                  "cannot write a gap: " + last_gdal_error());
    }
  }
  ds->CommitTransaction();
}

}  // namespace sf::io
