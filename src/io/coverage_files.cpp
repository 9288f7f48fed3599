#include "io/coverage_files.hpp"

#include <cmath>
#include <cstdio>

#include <gdal_priv.h>

#include "core/errors.hpp"
#include "core/text.hpp"
#include "io/gdal_handles.hpp"
#include "io/vector_file_writer.hpp"

namespace sf::io {

void write_gaps(const std::string& path, const std::vector<Gap>& gaps, Datum datum) {
  VectorFileWriter out(path, "gaps", GeometryKind::polygon,
                       {{"gap_id", FieldType::integer},
                        {"area_m2", FieldType::real},
                        {"district", FieldType::text},
                        {"far_lon", FieldType::real},
                        {"far_lat", FieldType::real},
                        {"far_dist_m", FieldType::real},
                        {"unc_demand", FieldType::real}},
                       datum);
  for (const Gap& g : gaps) {
    const LonLat far = from_wgs84(g.farthest, datum);
    out.add_polygon(
        g.rings, {static_cast<int64_t>(g.id), std::round(g.area_m2),
                  g.district ? FieldValue(g.district->name) : FieldValue(), far.lon, far.lat,
                  g.farthest_m >= 0 ? FieldValue(g.farthest_m) : FieldValue(), g.uncovered_demand});
  }
  out.finish();
}

void write_suggestions(const std::string& path, const std::vector<SitingPick>& picks,
                       const std::vector<Candidate>& candidates, Datum datum) {
  VectorFileWriter out(path, "suggestions", GeometryKind::point,
                       {{"rank", FieldType::integer},
                        {"candidate_id", FieldType::text},
                        {"name", FieldType::text},
                        {"host_type", FieldType::text},
                        {"gain", FieldType::real},
                        {"cumulative", FieldType::real},
                        {"cum_pct", FieldType::real}},
                       datum);
  for (size_t i = 0; i < picks.size(); ++i) {
    const SitingPick& p = picks[i];
    const Candidate& c = candidates[p.candidate];
    out.add_point(c.position, {static_cast<int64_t>(i + 1), c.id, c.name, c.host_type, p.gain,
                               p.cumulative, p.cumulative_pct});
  }
  out.finish();
}

void write_distance_raster(const std::string& path, const CoverageGrid& grid,
                           std::span<const float> walk_m) {
  ensure_gdal_registered();
  const std::string lower = to_lower_ascii(path);
  if (!lower.ends_with(".tif") && !lower.ends_with(".tiff")) {
    throw Error(ErrorCode::unknown_format, path, "the distance raster must end in .tif or .tiff");
  }
  const bool walk = walk_m.size() == grid.width() * grid.height() && !walk_m.empty();
  if (!walk && !grid.has_nearest())
    throw Error(ErrorCode::internal_error, path, "no nearest field");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  const int width = static_cast<int>(grid.width()), height = static_cast<int>(grid.height());
  const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", nullptr};
  VSIUnlink(path.c_str());
  DatasetPtr ds(driver->Create(path.c_str(), std::max(width, 1), std::max(height, 1), 1,
                               GDT_Float32, const_cast<char**>(options)));
  if (!ds)
    throw Error(ErrorCode::data_source_unreadable, path, "cannot create: " + last_gdal_error());
  const XY origin = grid.origin();
  const double cell = grid.cell_m();
  double transform[6] = {origin.x, cell, 0, origin.y + cell * height, 0, -cell};
  ds->SetGeoTransform(transform);
  const LonLat c = grid.projection().centre();
  char proj[160];
  std::snprintf(proj, sizeof proj,
                "+proj=laea +lat_0=%.9f +lon_0=%.9f +x_0=0 +y_0=0 +R=6371008.8 +units=m +no_defs",
                c.lat, c.lon);
  OGRSpatialReference srs;
  srs.importFromProj4(proj);
  ds->SetSpatialRef(&srs);
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(-1);
  band->SetDescription(walk ? "walk to the nearest station (m)"
                            : "distance to the nearest station (m)");
  std::vector<float> line(static_cast<size_t>(width));
  for (int r = 0; r < height; ++r) {
    const size_t row = static_cast<size_t>(height - 1 - r);
    for (size_t col = 0; col < static_cast<size_t>(width); ++col) {
      const size_t i = grid.cell_index(col, row);
      const double d = walk ? walk_m[i] : grid.nearest_distance_m(i);
      line[col] = grid.in_region(i) && std::isfinite(d) ? static_cast<float>(d) : -1.0f;
    }
    if (band->RasterIO(GF_Write, 0, r, width, 1, line.data(), width, 1, GDT_Float32, 0, 0) !=
        CE_None)
      throw Error(ErrorCode::data_source_unreadable, path, "cannot write: " + last_gdal_error());
  }
  ds->FlushCache();
  ds.reset();
}

}  // namespace sf::io
