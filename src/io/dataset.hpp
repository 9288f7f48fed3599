// Loads a whole dataset: stations from any OGR source plus a district layer, with districts
// assigned to stations that have none. The bundled Beijing dataset is the default.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
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
// Its synthetic walking network, beside it: beijing_streets.osm.pbf.
std::string bundled_network_path();

// The first `relative` path found walking up from the executable's folder (a build tree inside
// the checkout finds the checkout's files), else `fallback`.
std::string project_path(const std::string& relative, const std::string& fallback);

Dataset load_dataset(const DatasetOptions& options);

// The data read again against the catalog being served: streamed, compared station by
// station, and only what changed is kept, so the result shares the served catalog's packed
// base (a reload then needs memory for its changes, not for a second dataset). Same reading,
// checks and districts as load_dataset; the report lists the rows left out.
struct Reloaded {
  std::shared_ptr<const Catalog> catalog;
  StationReadReport report;
  std::string districts_source;
  size_t added = 0, changed = 0, unchanged = 0, removed = 0;
  bool repacked = false;  // the districts or most stations changed: packed anew
};
Reloaded reload_dataset(const DatasetOptions& options, std::shared_ptr<const Catalog> current);

}  // namespace sf::io
