#include "core/catalog_diff.hpp"

namespace sf {

namespace {

bool same_rings(const std::vector<std::vector<Ring>>& a, const std::vector<std::vector<Ring>>& b) {
  if (a.size() != b.size()) return false;
  for (size_t p = 0; p < a.size(); ++p) {
    if (a[p].size() != b[p].size()) return false;
    for (size_t r = 0; r < a[p].size(); ++r) {
      const Ring& x = a[p][r];
      const Ring& y = b[p][r];
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].lon != y[i].lon || x[i].lat != y[i].lat) return false;
      }
    }
  }
  return true;
}

bool same_districts(const std::vector<District>& a, const std::vector<District>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].name_en != b[i].name_en || a[i].code != b[i].code ||
        !same_rings(a[i].region.polygons(), b[i].region.polygons())) {
      return false;
    }
  }
  return true;
}

}  // namespace

CatalogDiff::CatalogDiff(std::shared_ptr<const Catalog> current)
    : current_(std::move(current)),
      seen_(current_->slot_count(), false),
      unchanged_slot_(current_->slot_count(), false) {}

bool CatalogDiff::add(Station station) {
  if (const auto slot = current_->find(station.id)) {
    if (seen_[*slot]) return false;
    seen_[*slot] = true;
    if (station_hash(current_->station(*slot)) == station_hash(StationView::of(station))) {
      unchanged_slot_[*slot] = true;
      ++unchanged_;
      return true;
    }
    ++changed_;
  } else {
    if (!new_ids_.insert(station.id).second) return false;
    ++added_;
  }
  upserts_.push_back(std::move(station));
  return true;
}

Catalog CatalogDiff::result(const std::vector<District>& districts) {
  std::vector<std::string> deletes;
  for (uint32_t slot = 0; slot < current_->slot_count(); ++slot) {
    if (current_->live(slot) && !seen_[slot]) deletes.emplace_back(current_->station(slot).id);
  }
  removed_ = deletes.size();
  // Few changes: share the base. Most of the data changed, or the districts did (every
  // station's district comes from them): pack anew.
  repacked_ = !same_districts(districts, current_->districts()) ||
              upserts_.size() + deletes.size() > current_->size() / 4 + 1024;
  if (!repacked_) return current_->with_changes(upserts_, deletes);
  std::vector<Station> all = std::move(upserts_);
  for (uint32_t slot = 0; slot < current_->slot_count(); ++slot) {
    if (unchanged_slot_[slot]) all.push_back(current_->station(slot).to_station());
  }
  return Catalog(std::move(all), districts);
}

}  // namespace sf
