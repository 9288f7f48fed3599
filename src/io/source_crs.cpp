#include "io/source_crs.hpp"

#include "core/errors.hpp"

namespace sf::io {

namespace {

bool is_wgs84_geographic(const OGRSpatialReference& srs) {
  if (!srs.IsGeographic()) return false;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT",
                           nullptr};
  return srs.IsSame(&wgs84, options) != 0;
}

}  // namespace

SourceCrs SourceCrs::make(const OGRSpatialReference* layer_srs,
                          const std::optional<std::string>& override_crs) {
  SourceCrs crs;
  OGRSpatialReference srs;
  bool have_srs = false;
  if (override_crs) {
    if (auto datum = parse_datum(*override_crs)) {
      crs.datum_ = *datum;
      crs.description_ = std::string(datum_name(*datum)) + " (given)";
      return crs;
    }
    if (srs.SetFromUserInput(override_crs->c_str()) != OGRERR_NONE) {
      throw Error(ErrorCode::unknown_crs, "crs",
                  "'" + *override_crs + "' is not gcj02, bd09, wgs84 or a CRS GDAL knows");
    }
    have_srs = true;
    crs.description_ = *override_crs + " (given)";
  } else if (layer_srs != nullptr) {
    srs = *layer_srs;
    have_srs = true;
    const char* name = srs.GetName();
    crs.description_ = name != nullptr ? name : "layer CRS";
  }
  if (!have_srs || is_wgs84_geographic(srs)) return crs;
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  crs.transform_.reset(OGRCreateCoordinateTransformation(&srs, &wgs84));
  if (!crs.transform_) {
    throw Error(ErrorCode::unknown_crs, "crs",
                "no transformation from " + crs.description_ + " to WGS84: " + last_gdal_error());
  }
  return crs;
}

bool SourceCrs::to_wgs84(double x, double y, LonLat& out) const {
  if (transform_) {
    if (!transform_->Transform(1, &x, &y)) return false;
    out = {x, y};
    return true;
  }
  out = sf::to_wgs84(LonLat{x, y}, datum_);
  return true;
}

}  // namespace sf::io
