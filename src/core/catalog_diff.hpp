// A re-read of the data (a reload) as changes against the catalog being served: stations are
// streamed in, only the ones that differ are kept, and the result shares the served catalog's
// packed base. A reload that finds little changed then costs memory for the changes only,
// not for a second copy of the whole dataset.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/catalog.hpp"

namespace sf {

class CatalogDiff {
 public:
  explicit CatalogDiff(std::shared_ptr<const Catalog> current);

  // Takes the next station of the stream. False when the stream already had its id (a
  // duplicate, left out, as the importer leaves it out).
  bool add(Station station);

  // The streamed stations as a catalog with these districts: the served one with the changes
  // (sharing its base), or packed anew when the districts differ or most stations changed.
  Catalog result(const std::vector<District>& districts);

  size_t added() const { return added_; }
  size_t changed() const { return changed_; }
  size_t unchanged() const { return unchanged_; }
  size_t removed() const { return removed_; }  // known after result()
  bool repacked() const { return repacked_; }  // known after result()

 private:
  std::shared_ptr<const Catalog> current_;
  std::vector<bool> seen_;  // per slot of the current catalog
  std::vector<bool> unchanged_slot_;
  std::unordered_set<std::string> new_ids_;
  std::vector<Station> upserts_;  // added or changed
  size_t added_ = 0, changed_ = 0, unchanged_ = 0, removed_ = 0;
  bool repacked_ = false;
};

}  // namespace sf
