// The media types of every answer, named once: the routes send them, the renderer writes them
// into links, and the store's upload reader accepts them.
#pragma once

#include "service/query_params.hpp"

namespace sf::content_type {

inline constexpr const char* kJson = "application/json";
inline constexpr const char* kGeoJson = "application/geo+json";
inline constexpr const char* kProblemJson = "application/problem+json";
inline constexpr const char* kCsv = "text/csv; charset=utf-8";
inline constexpr const char* kGeoPackage = "application/geopackage+sqlite3";
inline constexpr const char* kZip = "application/zip";  // a zipped Shapefile
inline constexpr const char* kGeoTiff = "image/tiff";
inline constexpr const char* kFlatGeobuf = "application/octet-stream";
inline constexpr const char* kMvt = "application/vnd.mapbox-vector-tile";
inline constexpr const char* kHtml = "text/html; charset=utf-8";
inline constexpr const char* kYaml = "application/yaml";
inline constexpr const char* kPrometheus = "text/plain; version=0.0.4";

// The type of an answer in `format`.
inline const char* of(Format format) {
  switch (format) {
    case Format::json:
      return kJson;
    case Format::geojson:
      return kGeoJson;
    case Format::csv:
      return kCsv;
    case Format::gpkg:
      return kGeoPackage;
    case Format::shp:
      return kZip;
    case Format::tiff:
      return kGeoTiff;
    case Format::fgb:
      return kFlatGeobuf;
  }
  return kJson;
}

}  // namespace sf::content_type
