// Loads a whole dataset: stations from any OGR source plus a district layer, with districts
// assigned to stations that have none. The bundled Beijing dataset is the default.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/district.hpp"
#include "core/station.hpp"
#include "io/station_reader.hpp"

namespace sf::io {

struct DatasetOptions {
  std::string data;  // empty: the bundled dataset
  StationReadOptions stations;
  std::string districts;  // empty: the data's own "districts" layer when it has
                          // one, else the bundled districts; "none": no districts
  std::string districts_layer;
  std::optional<std::string> districts_crs;
};

struct Dataset {
  std::vector<Station> stations;
  std::vector<District> districts;
  StationReadReport report;
  std::string source;             // what was read
  std::string districts_source;   // where the districts came from ("" when none)
  size_t districts_assigned = 0;  // stations whose district came from the polygons
};

// The bundled GeoPackage: $STATIONFINDER_GEODATA/beijing.gpkg, else geodata/ next to the
// executable's build tree, else the source tree's geodata/.
std::string bundled_dataset_path();

// The first `relative` path found walking up from the executable's folder (a build tree inside
// the checkout finds the checkout's files), else `fallback`.
std::string project_path(const std::string& relative, const std::string& fallback);

Dataset load_dataset(const DatasetOptions& options);

}  // namespace sf::io
