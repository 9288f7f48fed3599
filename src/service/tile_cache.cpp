#include "service/tile_cache.hpp"

namespace sf {

std::shared_ptr<const std::string> TileCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void TileCache::put(const std::string& key, std::shared_ptr<const std::string> tile) {
  std::lock_guard lock(mutex_);
  Entry entry{key, std::move(tile)};
  if (cost(entry) > max_bytes_) return;
  if (const auto it = index_.find(key); it != index_.end()) {
    bytes_ -= cost(*it->second);
    order_.erase(it->second);
    index_.erase(it);
  }
  bytes_ += cost(entry);
  order_.push_front(std::move(entry));
  index_[key] = order_.begin();
  while (bytes_ > max_bytes_ && !order_.empty()) {
    bytes_ -= cost(order_.back());
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

size_t TileCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t TileCache::entries() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

}  // namespace sf
