// Encoded vector tiles kept in memory, least recently used first out, bounded in bytes
// (serve --tile-cache-mb). Keys name the dataset (and network) version, so a write or a
// reload never serves an old tile: its keys are simply no longer asked for and age out.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace sf {

class TileCache {
 public:
  explicit TileCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  // The tile under `key`, made the most recent; none when it is not kept.
  std::shared_ptr<const std::string> get(const std::string& key);
  // Keeps `tile` (a tile over the bound alone is not kept), dropping the least recent ones.
  void put(const std::string& key, std::shared_ptr<const std::string> tile);
  size_t bytes() const;
  size_t entries() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;
  size_t cost(const Entry& e) const { return e.first.size() + e.second->size() + 64; }
  mutable std::mutex mutex_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<Entry> order_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace sf
