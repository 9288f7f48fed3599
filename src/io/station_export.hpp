// Station records (and optionally districts) → a file through GDAL: GeoPackage (.gpkg),
// GeoJSON (.geojson/.json), CSV with lon/lat columns (.csv) or FlatGeobuf (.fgb).
#pragma once

#include <string>
#include <vector>

#include "core/district.hpp"
#include "core/station.hpp"

class OGRFeature;

namespace sf::io {

// Sets a feature's station fields (and its point, or lon/lat columns on a layer without
// geometry) from a station; amenities as a list where the field is a string list.
void fill_station_feature(OGRFeature& feature, const Station& s);

// Overwrites `path`. Layers are named "stations" and "districts" (the latter only for
// formats with several layers, GeoPackage, and only when districts are given).
void write_stations(const std::string& path, const std::vector<Station>& stations,
                    const std::vector<District>& districts = {});

}  // namespace sf::io
