// Where a source's coordinates come from and how they become WGS84 lon/lat: an EPSG/WKT
// system through OGR (axis order forced to lon/lat), or the GCJ-02 / BD-09 datums that no
// EPSG code describes.
#pragma once

#include <optional>
#include <string>

#include "core/datum.hpp"
#include "core/geodesy.hpp"
#include "io/gdal_handles.hpp"

namespace sf::io {

class SourceCrs {
 public:
  // `override_crs` (gcj02, bd09, wgs84, EPSG:nnnn or any definition GDAL accepts) wins over
  // the layer's own system; a layer without one is taken as WGS84 lon/lat.
  static SourceCrs make(const OGRSpatialReference* layer_srs,
                        const std::optional<std::string>& override_crs);

  // x/y in the source's axis order convention (lon/lat or easting/northing) → WGS84.
  // Returns false when the transform fails.
  bool to_wgs84(double x, double y, LonLat& out) const;
  const std::string& description() const { return description_; }

 private:
  Datum datum_ = Datum::wgs84;
  TransformPtr transform_;  // null: x/y are already lon/lat in datum_
  std::string description_ = "WGS84";
};

}  // namespace sf::io
