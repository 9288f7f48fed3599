// Which GDAL driver writes an output path, by its extension (case-insensitive), named once for
// every writer: the coverage files (gaps, picks) and the station exports and stores.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::io {

struct VectorFormat {
  std::string_view driver;                 // GDAL's driver name
  std::vector<const char*> layer_options;  // for a layer with geometries
};

// .geojson/.json GeoJSON, .gpkg GeoPackage, .shp/.shp.zip/.shz Shapefile (UTF-8), .fgb
// FlatGeobuf, .csv CSV (geometry as WKT), PG:… PostgreSQL; nullopt for anything else.
std::optional<VectorFormat> vector_format_for(const std::string& path);

bool is_postgres(const std::string& data);

}  // namespace sf::io
