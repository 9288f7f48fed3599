// One immutable snapshot of the data, as queries see it: a big packed base layer, a small layer
// of recent changes, and the base entries those changes replaced or deleted (hidden). A write
// builds a new Catalog that shares the base and rebuilds only the small layer, so its cost
// follows the number of recent changes, not the size of the dataset; merged() folds the
// changes into a new base (the server does it in the background).
//
// Stations are addressed by slot: slots [0, base size) are the base's entries, the slots after
// them the change layer's. Hidden base slots are never returned by a query; slot_count() spans
// every slot, size() counts the stations served.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog_layer.hpp"

namespace sf {

class Catalog {
 public:
  // One base layer; ids must be unique (throws Error(data_invalid) otherwise).
  Catalog(std::vector<Station> stations, std::vector<District> districts);

  // This snapshot with `upserts` put (each replacing the station with its id, if any) and the
  // stations with ids in `deletes` removed (ids not served are ignored). Shares the base.
  Catalog with_changes(const std::vector<Station>& upserts,
                       const std::vector<std::string>& deletes) const;
  // The same from changes by id, net of everything written: a station to put, or none to
  // delete.
  using Changes = std::map<std::string, std::optional<Station>>;
  Catalog with_changes(const Changes& net) const;
  // The same stations in one new packed base layer.
  Catalog merged() const;
  // Every served station, sorted by id.
  std::vector<Station> stations() const;

  size_t size() const { return size_; }
  uint32_t slot_count() const;
  bool live(uint32_t slot) const;
  // Stations in the change layer and base entries it hides: what merged() would fold in.
  size_t pending_changes() const;
  // The base layer (identifies caches built over it; equal for snapshots that share it).
  const std::shared_ptr<const CatalogLayer>& base() const { return base_; }

  StationView station(uint32_t slot) const;
  std::optional<uint32_t> find(std::string_view id) const;
  const OpeningHours* hours(uint32_t slot) const;
  size_t unparsed_hours_count() const;

  const std::vector<District>& districts() const { return base_->districts(); }
  size_t stations_in_district(std::string_view name) const;
  const District* find_district(std::string_view name) const { return base_->find_district(name); }

  // A hash of the stations served and the districts: equal content, equal version, however
  // the content is split into layers.
  const std::string& version() const { return version_; }
  std::optional<BBox> bbox() const { return bbox_; }

  // The queries of CatalogLayer, over both layers; hits carry slots.
  Page nearest(const NearestQuery& query) const;
  Page within_radius(LonLat center, double radius_m, const StationFilter& filter, size_t offset,
                     size_t limit) const;
  Page in_bbox(const BBox& box, const StationFilter& filter, size_t offset, size_t limit) const;
  Page in_region(const Region& region, const StationFilter& filter, size_t offset,
                 size_t limit) const;
  Page matching(const StationFilter& filter, size_t offset, size_t limit) const;
  // A cursor page in id order (CatalogLayer::after_id over both layers).
  Page after_id(std::optional<std::string_view> after, const std::optional<BBox>& box,
                const StationFilter& filter, size_t limit) const;
  Page along_route(const std::vector<LonLat>& line, double buffer_m, const StationFilter& filter,
                   size_t offset, size_t limit) const;

  bool accepts(uint32_t slot, const StationFilter& filter) const;

 private:
  Catalog() = default;
  void finish();  // size, version and bbox from the layers
  uint32_t base_size() const { return static_cast<uint32_t>(base_->size()); }
  bool layered() const { return changes_ != nullptr; }
  // Runs `query(layer, offset, limit, hidden)` on both layers and merges the two pages in the
  // order `before` defines.
  template <typename Query, typename Before>
  Page both(size_t offset, size_t limit, Query query, Before before) const;

  std::shared_ptr<const CatalogLayer> base_;
  std::shared_ptr<const CatalogLayer> changes_;  // null: no changes since the base was packed
  std::shared_ptr<const HiddenSet> hidden_;      // base entries the changes replaced or deleted
  size_t size_ = 0;
  std::string version_;
  std::optional<BBox> bbox_;
};

}  // namespace sf
