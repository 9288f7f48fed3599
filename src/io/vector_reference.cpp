#include "io/vector_reference.hpp"

#include <memory>

#include <ogr_geometry.h>

#include "io/gdal_handles.hpp"

namespace sf::io {

double exact_uncovered_area_m2(const Region& region, std::span<const LonLat> stations,
                               double radius_m, const LocalProjection& projection,
                               int segments_per_quadrant) {
  ensure_gdal_registered();
  OGRMultiPolygon area;
  for (const auto& polygon : region.polygons()) {
    OGRPolygon poly;
    for (const Ring& ring : polygon) {
      OGRLinearRing r;
      for (const LonLat& p : ring) {
        const XY q = projection.forward(p);
        r.addPoint(q.x, q.y);
      }
      r.closeRings();
      poly.addRing(&r);
    }
    area.addGeometry(&poly);
  }
  // Even-odd regions of separate polygons: their union is the region.
  std::unique_ptr<OGRGeometry> remaining(area.UnionCascaded());
  OGRMultiPolygon discs;
  for (const LonLat& s : stations) {
    const XY c = projection.forward(s);
    OGRPoint centre(c.x, c.y);
    std::unique_ptr<OGRGeometry> disc(centre.Buffer(radius_m, segments_per_quadrant));
    discs.addGeometry(disc.get());
  }
  if (!discs.IsEmpty()) {
    std::unique_ptr<OGRGeometry> covered(discs.UnionCascaded());
    remaining.reset(remaining->Difference(covered.get()));
  }
  if (!remaining) return 0;
  const auto type = wkbFlatten(remaining->getGeometryType());
  if (type == wkbPolygon) return remaining->toPolygon()->get_Area();
  if (type == wkbMultiPolygon) return remaining->toMultiPolygon()->get_Area();
  if (type == wkbGeometryCollection) return remaining->toGeometryCollection()->get_Area();
  return 0;
}

}  // namespace sf::io
