#include "io/gap_polygons.hpp"

#include <algorithm>
#include <cstdio>

#include <gdal_alg.h>
#include <ogrsf_frmts.h>

#include "core/errors.hpp"
#include "io/gdal_handles.hpp"

namespace sf::io {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorCode::internal_error, "gaps", what + ": " + last_gdal_error());
}

// Signed area of a ring in projected metres (positive: counter-clockwise).
double signed_area(const OGRLinearRing* ring) {
  double twice = 0;
  for (int i = 0, n = ring->getNumPoints(); i + 1 < n; ++i) {
    twice += ring->getX(i) * ring->getY(i + 1) - ring->getX(i + 1) * ring->getY(i);
  }
  return twice / 2;
}

}  // namespace

std::vector<LabelPolygon> label_polygons(const CoverageGrid& grid,
                                         const std::vector<uint32_t>& labels) {
  ensure_gdal_registered();
  std::vector<LabelPolygon> out;
  const int width = static_cast<int>(grid.width()), height = static_cast<int>(grid.height());
  if (width == 0 || height == 0 || labels.size() != grid.width() * grid.height()) return out;
  // The label array itself is the raster band (no copy). Grid row 0 is the south edge, so the
  // geotransform runs north-up from the south-west corner with a positive row step.
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (mem == nullptr) fail("no MEM raster driver");
  DatasetPtr raster(mem->Create("", width, height, 0, GDT_Int32, nullptr));
  if (!raster) fail("cannot create the in-memory raster");
  char pointer[64];
  std::snprintf(pointer, sizeof pointer, "DATAPOINTER=%p", static_cast<const void*>(labels.data()));
  char* options[] = {pointer, nullptr};
  if (raster->AddBand(GDT_Int32, options) != CE_None) fail("cannot wrap the labels");
  const XY origin = grid.origin();
  const double cell = grid.cell_m();
  double transform[6] = {origin.x, cell, 0, origin.y, 0, cell};
  raster->SetGeoTransform(transform);
  GDALRasterBand* band = raster->GetRasterBand(1);

  GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");  // OGR's in-memory
  if (memory == nullptr) fail("no Memory vector driver");
  DatasetPtr vectors(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  if (!vectors) fail("cannot create the in-memory layer");
  OGRLayer* layer = vectors->CreateLayer("cells", nullptr, wkbPolygon, nullptr);
  OGRFieldDefn value("label", OFTInteger);
  layer->CreateField(&value);
  // The band is its own mask: label 0 yields no polygon.
  if (GDALPolygonize(band, band, OGRLayer::ToHandle(layer), 0, nullptr, nullptr, nullptr) !=
      CE_None)
    fail("polygonize failed");
  const LocalProjection& projection = grid.projection();
  layer->ResetReading();
  for (auto& feature : *layer) {
    const OGRGeometry* g = feature->GetGeometryRef();
    const int label = feature->GetFieldAsInteger(0);
    if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPolygon || label < 1) continue;
    const OGRPolygon* poly = g->toPolygon();
    LabelPolygon& out_poly = out.emplace_back();
    out_poly.label = static_cast<uint32_t>(label);
    out_poly.area_m2 = poly->get_Area();  // projected metres of an equal-area projection
    // RFC 7946: outer rings counter-clockwise, holes clockwise.
    auto convert = [&](const OGRLinearRing* ring, bool outer) {
      Ring r;
      r.reserve(static_cast<size_t>(ring->getNumPoints()));
      for (int i = 0; i < ring->getNumPoints(); ++i) {
        r.push_back(projection.inverse({ring->getX(i), ring->getY(i)}));
      }
      if ((signed_area(ring) > 0) != outer) std::reverse(r.begin(), r.end());
      out_poly.rings.push_back(std::move(r));
    };
    convert(poly->getExteriorRing(), true);
    for (int i = 0; i < poly->getNumInteriorRings(); ++i) convert(poly->getInteriorRing(i), false);
  }
  return out;
}

std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid, const GapComponents& gaps) {
  std::vector<GapPolygon> out(gaps.gaps.size());
  if (gaps.gaps.empty()) return out;
  // A gap is 4-connected, as the polygoniser joins cells: one polygon per label.
  for (LabelPolygon& p : label_polygons(grid, gaps.labels)) {
    if (p.label > out.size()) continue;
    GapPolygon& gap = out[p.label - 1];
    gap.gap_id = p.label;
    gap.area_m2 = p.area_m2;
    gap.rings = std::move(p.rings);
  }
  return out;
}

std::vector<GapPolygon> gap_polygons(const CoverageGrid& grid) {
  std::vector<GapPolygon> out = gap_polygons(grid, label_gaps(grid));
  std::sort(out.begin(), out.end(),
            [](const GapPolygon& a, const GapPolygon& b) { return a.area_m2 > b.area_m2; });
  return out;
}

}  // namespace sf::io
