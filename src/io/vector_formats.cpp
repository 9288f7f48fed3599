#include "io/vector_formats.hpp"

#include "core/text.hpp"

namespace sf::io {

bool is_postgres(const std::string& data) {
  return data.rfind("PG:", 0) == 0 || data.rfind("pg:", 0) == 0;
}

std::optional<VectorFormat> vector_format_for(const std::string& path) {
  if (is_postgres(path)) return VectorFormat{"PostgreSQL", {}};
  const std::string p = to_lower_ascii(path);
  if (p.ends_with(".geojson") || p.ends_with(".json")) return VectorFormat{"GeoJSON", {}};
  if (p.ends_with(".gpkg")) return VectorFormat{"GPKG", {}};
  if (p.ends_with(".shp") || p.ends_with(".shp.zip") || p.ends_with(".shz"))
    return VectorFormat{"ESRI Shapefile", {"ENCODING=UTF-8"}};
  if (p.ends_with(".fgb")) return VectorFormat{"FlatGeobuf", {}};
  if (p.ends_with(".csv")) return VectorFormat{"CSV", {"GEOMETRY=AS_WKT"}};
  return std::nullopt;
}

}  // namespace sf::io
