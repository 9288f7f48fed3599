// Any OGR datasource → station records, with a report of every row that could not be used.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/station.hpp"

namespace sf::io {

struct StationReadOptions {
  std::string layer;                           // empty: "stations" if present, else the first
  std::map<std::string, std::string> columns;  // canonical field → source column (--map)
  std::optional<std::string> crs;              // overrides the layer's CRS (gcj02, bd09, EPSG:…)
};

struct RowIssue {
  size_t row;  // 1-based feature number in the layer's order
  std::string reason;
};

struct StationReadReport {
  std::string source;
  std::string layer;
  std::vector<std::string> source_layers;           // every layer of the source, read or not
  std::string crs;                                  // how coordinates were read
  std::map<std::string, std::string> columns_used;  // canonical field → source column
  size_t rows = 0;                                  // features read
  std::vector<RowIssue> rejected;                   // rows left out, with the reason
  std::vector<RowIssue> warnings;  // rows kept with a caveat (centroid, hours, derived id)
  std::vector<std::string> notes;  // source-level remarks (missing columns)
};

struct StationReadResult {
  std::vector<Station> stations;
  StationReadReport report;
};

// The canonical field names --map accepts.
const std::vector<std::string>& station_field_names();

// Reads every feature. Never throws for a bad row (it is reported); throws Error for a source
// that cannot be opened, an unknown layer or column, or an unknown CRS.
StationReadResult read_stations(const std::string& source, const StationReadOptions& options);

// The same reading, one station at a time, for callers that keep less than every record (a
// reload that only keeps what changed). Duplicate ids are not checked here. `begin`, when
// given, is called once before the first row with the report so far (source, layers, columns,
// CRS) and the feature count (0 when the driver does not know it cheaply).
StationReadReport for_each_station(
    const std::string& source, const StationReadOptions& options,
    const std::function<void(Station&&, size_t row)>& emit,
    const std::function<void(const StationReadReport&, size_t count)>& begin = {});

// Deterministic id from a row's content (name, position, address): stable across re-imports.
std::string derived_station_id(const std::string& name, LonLat position,
                               const std::string& address);

}  // namespace sf::io
