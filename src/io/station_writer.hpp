// Station records (and optionally districts) → a file through GDAL: GeoPackage (.gpkg),
// GeoJSON (.geojson/.json), CSV with lon/lat columns (.csv) or FlatGeobuf (.fgb).
#pragma once

#include <string>
#include <vector>

#include "core/district.hpp"
#include "core/station.hpp"

namespace sf::io {

// Overwrites `path`. Layers are named "stations" and "districts" (the latter only for
// formats with several layers, GeoPackage, and only when districts are given).
void write_stations(const std::string& path, const std::vector<Station>& stations,
                    const std::vector<District>& districts = {});

}  // namespace sf::io
