// The answers of the write routes that are not a station: a bulk upload's summary and a
// station's history. Members in alphabetical order, as these answers have always had them.
#pragma once

#include <string>
#include <vector>

#include "io/station_reader.hpp"
#include "io/station_store.hpp"
#include "service/station_writes.hpp"

namespace sf {

// POST /v1/stations/bulk: {added, dataset_version, deleted, mode, received, replaced,
// warnings: [{reason, row}]}.
std::string render_bulk(const std::string& mode, const io::StationReadResult& read,
                        const WriteOutcome& outcome);

// GET /v1/stations/{id}/history: {changes: [{at, by, op, sequence}], current, id,
// versions: [{at, by, lat, lon, op, properties, version}]}.
std::string render_history(const std::string& id, bool current,
                           const std::vector<io::StationStore::Version>& versions,
                           const std::vector<io::StationStore::Change>& changes);

}  // namespace sf
