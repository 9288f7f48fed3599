// What drawing a street needs beside its geometry: its class (OpenStreetMap's highway=, or a
// line layer's highway column) and its name, interned apart from the graph: each segment holds
// one label id, and equal (class, name) pairs share one entry. Label 0 is no class, no name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sf {

struct StreetLabel {
  std::string street_class;
  std::string name;
};

class StreetLabels {
 public:
  StreetLabels() { labels_.push_back({}); }
  uint32_t intern(std::string_view street_class, std::string_view name) {
    if (street_class.empty() && name.empty()) return 0;
    std::string key(street_class);
    key += '\0';
    key += name;
    const auto [it, added] =
        index_.try_emplace(std::move(key), static_cast<uint32_t>(labels_.size()));
    if (added) labels_.push_back({std::string(street_class), std::string(name)});
    return it->second;
  }
  const StreetLabel& label(uint32_t id) const { return labels_[id < labels_.size() ? id : 0]; }

 private:
  std::vector<StreetLabel> labels_;
  std::unordered_map<std::string, uint32_t> index_;
};

}  // namespace sf
