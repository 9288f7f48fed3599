// Writes features to a vector file chosen by its extension, through GDAL/OGR: .geojson/.json,
// .gpkg, .shp, .shp.zip (zipped Shapefile), .fgb, .csv (geometry as WKT). Coordinates are WGS84
// unless another datum is asked for (GCJ-02/BD-09 have no EPSG code: such files carry none).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/datum.hpp"
#include "core/region.hpp"
#include "io/gdal_forward.hpp"

namespace sf::io {

enum class FieldType { real, integer, text };
enum class GeometryKind { point, line, polygon, multipolygon };
using FieldValue = std::variant<std::monostate, double, int64_t, std::string>;

class VectorFileWriter {
 public:
  // Throws unknown_format for an extension it cannot write, data_source_unreadable when the
  // file cannot be created. An existing file is replaced.
  VectorFileWriter(const std::string& path, const std::string& layer, GeometryKind geometry,
                   const std::vector<std::pair<std::string, FieldType>>& fields, Datum datum);
  ~VectorFileWriter();
  VectorFileWriter(const VectorFileWriter&) = delete;
  VectorFileWriter& operator=(const VectorFileWriter&) = delete;

  void add_polygon(const std::vector<Ring>& rings, const std::vector<FieldValue>& values);
  // Each polygon: outer ring, then holes.
  void add_multipolygon(const std::vector<std::vector<Ring>>& polygons,
                        const std::vector<FieldValue>& values);
  void add_point(LonLat p, const std::vector<FieldValue>& values);
  void add_line(const std::vector<LonLat>& line, const std::vector<FieldValue>& values);
  // Commits and closes; throws when the file could not be completed.
  void finish();

  // The extensions it accepts, for messages.
  static const char* extensions() { return ".geojson, .json, .gpkg, .shp, .shp.zip, .fgb or .csv"; }

 private:
  void add(OGRGeometry* geometry, const std::vector<FieldValue>& values);
  std::string path_;
  Datum datum_;
  DatasetPtr ds_;
  OGRLayer* layer_ = nullptr;
  bool transaction_ = false;
};

// Reads a whole file (e.g. one GDAL wrote under /vsimem/) into a string and removes it.
std::string take_file(const std::string& path);

}  // namespace sf::io
