// Where station writes go: a GeoPackage file or a PostGIS database, both through GDAL/OGR, with
// the same three tables (docs/DEPLOY.md has the schema):
//   stations         the current stations (as io/station_export lays them out);
//   station_history  every overwritten or deleted version, with who and when (op, by_name, at);
//   station_changes  one row per change (its FID is the change sequence: id, op, at, by_name):
//                    who changed what and when, and what replicas poll to pick up changes
//                    made elsewhere, deletes included.
// A batch of changes is one transaction: all or nothing, durable when apply() returns.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/station.hpp"
#include "io/gdal_forward.hpp"

namespace sf::io {

// One write to the store: a station put under its id, or the id deleted.
struct StoreWrite {
  enum class Expect { any, exists, absent };
  std::string id;
  std::optional<Station> station;  // the new version; none: delete
  std::string by;                  // the token's name
  // Checked against the store inside the transaction: with several replicas a station may
  // have been created or deleted elsewhere since this replica's snapshot.
  Expect expect = Expect::any;
};

class StationStore {
 public:
  // A store for `data`: "PG:…" (a PostgreSQL connection string) or a .gpkg path. Throws
  // Error(data_source_unreadable) when it cannot be opened for writing or has no stations
  // layer; creates the history and change tables when missing.
  static std::unique_ptr<StationStore> open(const std::string& data);
  // Whether `data` names something open() can write to (a .gpkg path or "PG:…").
  static bool writable_source(const std::string& data);
  ~StationStore();

  // Applies the changes in order in one transaction. For each change, whether a station with
  // its id existed just before it, and whether it was refused (its expectation did not hold:
  // nothing is written for it, the others go on). Deleting an id without a station is a no-op.
  struct Applied {
    bool existed = false;
    bool refused = false;
  };
  std::vector<Applied> apply(const std::vector<StoreWrite>& changes, const std::string& at);

  // The kept versions of a station, oldest first.
  struct Version {
    int64_t version = 0;  // the history row, for restore
    std::string op;       // replaced | deleted
    std::string by, at;   // who and when it stopped being current
    Station station;
  };
  std::vector<Version> history(const std::string& id);

  // Every change made to a station through a store, oldest first: who (the token's name) and
  // when, whether it put a version or deleted it.
  struct Change {
    int64_t sequence = 0;
    std::string op;  // put | delete
    std::string by, at;
  };
  std::vector<Change> changes_of(const std::string& id);

  // The last change sequence committed (0 when none).
  int64_t last_sequence();
  // Ids changed after `sequence` (each once) and the last sequence seen.
  struct ChangedIds {
    std::vector<std::string> ids;
    int64_t last = 0;
  };
  ChangedIds changed_since(int64_t sequence);
  // The current stations with these ids (an id without one was deleted).
  std::vector<Station> current(const std::vector<std::string>& ids);

  bool postgres() const { return postgres_; }
  // The data as given, with any password in a connection string masked.
  const std::string& location() const { return location_; }

 private:
  StationStore(std::string data, DatasetPtr ds, bool postgres);
  // The current rows of one id (one, or none; more only in a file edited by hand).
  std::vector<std::unique_ptr<OGRFeature, OGRFeatureUniquePtrDeleter>> rows_of(
      const std::string& id);
  // Moves those rows to history under `op` and deletes them.
  void retire(const std::vector<std::unique_ptr<OGRFeature, OGRFeatureUniquePtrDeleter>>& rows,
              const char* op, const std::string& by, const std::string& at);
  void record_change(const std::string& id, const char* op, const std::string& by,
                     const std::string& at);
  [[noreturn]] void fail(const std::string& what) const;
  std::string data_;
  std::string location_;
  DatasetPtr ds_;
  bool postgres_ = false;
  OGRLayer* stations_ = nullptr;
  OGRLayer* history_ = nullptr;
  OGRLayer* changes_ = nullptr;
};

// "PG:host=… password=secret" → "PG:host=… password=***" (for logs and /v1/meta).
std::string masked_source(const std::string& data);

}  // namespace sf::io
