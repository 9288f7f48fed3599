// Demand points (delivery addresses, GPS pings, population grid centres) with an optional
// weight, from any OGR source: point geometries, or CSV lon/lat columns (lon, lng, lng_*,
// longitude, x, 经度 / lat, lat_*, latitude, y, 纬度). Polygons count at their centroid.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/demand.hpp"

namespace sf::io {

struct DemandReadOptions {
  std::string layer;               // empty: the first layer
  std::optional<std::string> crs;  // overrides the layer's CRS (gcj02, bd09, EPSG:…)
  std::string weight_column;       // empty: detect (weight, count, population, pop, 权重, 人口)
};

struct DemandReadReport {
  size_t rows = 0;
  size_t rejected = 0;
  std::vector<std::string> first_problems;  // up to 10 "row N: reason" lines
  std::string weight_column;                // empty: every point weighs 1
  std::string crs;
};

struct DemandReadResult {
  DemandLayer layer;
  DemandReadReport report;
};

// Throws Error when the source cannot be read, the weight column is absent, or no row holds a
// usable point.
DemandReadResult read_demand(const std::string& source, const DemandReadOptions& options);

}  // namespace sf::io
