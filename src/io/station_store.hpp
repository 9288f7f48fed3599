// A GeoPackage that takes writes: its "stations" layer (as station_writer lays it out) and a
// "station_history" table keeping every overwritten or deleted version with who and when.
// Each change is one SQLite transaction; it is durable when the call returns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/station.hpp"
#include "io/gdal_handles.hpp"

class OGRLayer;

namespace sf::io {

class StationStore {
 public:
  // Opens `path` for update; throws Error(data_source_unreadable) when it is not a GeoPackage
  // with a stations layer.
  static std::unique_ptr<StationStore> open(const std::string& path);
  ~StationStore();

  // Replaces (or adds) the station with s.id; the old version, if any, goes to history.
  // Returns true when a station with that id existed.
  bool put(const Station& s, const std::string& by, const std::string& at);
  // Deletes the station; its last version goes to history. False when there was none.
  bool remove(const std::string& id, const std::string& by, const std::string& at);

  // The kept versions of a station, oldest first.
  struct Version {
    int64_t version = 0;  // the history row, for restore
    std::string op;       // replaced | deleted
    std::string by, at;   // who and when it stopped being current
    Station station;
  };
  std::vector<Version> history(const std::string& id);

  const std::string& path() const { return path_; }

 private:
  StationStore(std::string path, DatasetPtr ds);
  // Moves the current version of `id` to history under `op`; true when there was one.
  bool retire(const std::string& id, const char* op, const std::string& by, const std::string& at);
  std::string path_;
  DatasetPtr ds_;
  OGRLayer* stations_ = nullptr;
  OGRLayer* history_ = nullptr;
};

}  // namespace sf::io
