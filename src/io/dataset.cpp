#include "io/dataset.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/text.hpp"
#include "io/district_reader.hpp"

#ifndef SF_DEFAULT_GEODATA
#define SF_DEFAULT_GEODATA "geodata"
#endif

namespace sf::io {

std::string project_path(const std::string& relative, const std::string& fallback) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      const fs::path candidate = dir / relative;
      if (fs::exists(candidate, ec)) return candidate.string();
    }
  }
  return fallback;
}

std::string bundled_dataset_path() {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("STATIONFINDER_GEODATA"); dir != nullptr && *dir != '\0') {
    return (fs::path(dir) / "beijing.gpkg").string();
  }
  return project_path("geodata/beijing.gpkg",
                      (fs::path(SF_DEFAULT_GEODATA) / "beijing.gpkg").string());
}

Dataset load_dataset(const DatasetOptions& options) {
  Dataset ds;
  ds.source = options.data.empty() ? bundled_dataset_path() : options.data;
  StationReadResult read = read_stations(ds.source, options.stations);
  ds.stations = std::move(read.stations);
  ds.report = std::move(read.report);

  std::string districts_source = options.districts;
  std::string districts_layer = options.districts_layer;
  if (districts_source.empty()) {
    const auto& layers = ds.report.source_layers;  // the source is not opened a second time
    if (std::any_of(layers.begin(), layers.end(),
                    [](const std::string& l) { return equals_ignore_case(l, "districts"); })) {
      districts_source = ds.source;
      if (districts_layer.empty()) districts_layer = "districts";
    } else {
      districts_source = bundled_dataset_path();
      districts_layer = "districts";
    }
  }
  if (districts_source != "none") {
    DistrictReadOptions dopt;
    dopt.layer = districts_layer;
    dopt.crs = options.districts_crs;
    ds.districts = read_districts(districts_source, dopt);
    ds.districts_source = districts_source;
    ds.districts_assigned = assign_districts(ds.stations, ds.districts);
  }
  return ds;
}

}  // namespace sf::io
