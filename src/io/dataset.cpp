#include "io/dataset.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/catalog_diff.hpp"
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

namespace {

std::string bundled_file(const std::string& name) {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("STATIONFINDER_GEODATA"); dir != nullptr && *dir != '\0') {
    return (fs::path(dir) / name).string();
  }
  return project_path("geodata/" + name, (fs::path(SF_DEFAULT_GEODATA) / name).string());
}

}  // namespace

std::string bundled_dataset_path() {
  return bundled_file("beijing.gpkg");
}

std::string bundled_network_path() {
  return bundled_file("beijing_streets.osm.pbf");
}

namespace {

struct ResolvedDistricts {
  std::vector<District> districts;
  std::string source;  // "" when none
};

// --districts, else the data's own "districts" layer when it has one, else the bundled ones.
ResolvedDistricts resolve_districts(const DatasetOptions& options, const std::string& data,
                                    const std::vector<std::string>& data_layers) {
  std::string districts_source = options.districts;
  std::string districts_layer = options.districts_layer;
  if (districts_source.empty()) {
    if (std::any_of(data_layers.begin(), data_layers.end(),
                    [](const std::string& l) { return equals_ignore_case(l, "districts"); })) {
      districts_source = data;
      if (districts_layer.empty()) districts_layer = "districts";
    } else {
      districts_source = bundled_dataset_path();
      districts_layer = "districts";
    }
  }
  ResolvedDistricts out;
  if (districts_source != "none") {
    DistrictReadOptions dopt;
    dopt.layer = districts_layer;
    dopt.crs = options.districts_crs;
    out.districts = read_districts(districts_source, dopt);
    out.source = districts_source;
  }
  return out;
}

}  // namespace

Dataset load_dataset(const DatasetOptions& options) {
  Dataset ds;
  ds.source = options.data.empty() ? bundled_dataset_path() : options.data;
  StationReadResult read = read_stations(ds.source, options.stations);
  ds.stations = std::move(read.stations);
  ds.report = std::move(read.report);
  // The source is not opened a second time: the report lists its layers.
  ResolvedDistricts d = resolve_districts(options, ds.source, ds.report.source_layers);
  ds.districts = std::move(d.districts);
  ds.districts_source = std::move(d.source);
  if (!ds.districts_source.empty()) {
    ds.districts_assigned = assign_districts(ds.stations, ds.districts);
  }
  return ds;
}

Reloaded reload_dataset(const DatasetOptions& options, std::shared_ptr<const Catalog> current) {
  Reloaded out;
  const std::string source = options.data.empty() ? bundled_dataset_path() : options.data;
  ResolvedDistricts d;
  CatalogDiff diff(std::move(current));
  std::vector<RowIssue> duplicates;
  out.report = for_each_station(
      source, options.stations,
      [&](Station&& s, size_t row) {
        if (!d.source.empty()) assign_district(s, d.districts);
        std::string id = s.id;
        if (!diff.add(std::move(s))) {
          duplicates.push_back({row, "duplicate id '" + id + "'"});
        }
      },
      // Districts before the first row (each station is placed as it streams by), from the
      // layers of the source already open.
      [&](const StationReadReport& report, size_t) {
        d = resolve_districts(options, source, report.source_layers);
      });
  if (!duplicates.empty()) {  // reported as the importer reports them
    out.report.rejected.insert(out.report.rejected.end(), duplicates.begin(), duplicates.end());
    std::sort(out.report.rejected.begin(), out.report.rejected.end(),
              [](const RowIssue& a, const RowIssue& b) { return a.row < b.row; });
  }
  out.catalog = std::make_shared<const Catalog>(diff.result(d.districts));
  out.districts_source = d.source;
  out.added = diff.added();
  out.changed = diff.changed();
  out.unchanged = diff.unchanged();
  out.removed = diff.removed();
  out.repacked = diff.repacked();
  return out;
}

}  // namespace sf::io
