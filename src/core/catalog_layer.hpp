// One immutable, packed layer of stations: the records (sorted by id), their parsed opening
// hours, the spatial index and the districts. A Catalog (catalog.hpp) serves a big base layer
// plus a small layer of recent changes; entries of the base that a change replaced or deleted
// are hidden from every query by a HiddenSet. Queries are const and thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/district.hpp"
#include "core/opening_hours.hpp"
#include "core/query.hpp"
#include "core/region.hpp"
#include "core/station.hpp"
#include "core/station_index.hpp"

namespace sf {

// Entries of a layer that are not served: one bit per entry, and the same entries as a sorted
// list (to walk them when correcting counts).
struct HiddenSet {
  std::vector<uint64_t> bits;
  std::vector<uint32_t> list;
  bool has(uint32_t i) const { return !list.empty() && ((bits[i >> 6] >> (i & 63)) & 1) != 0; }
  bool empty() const { return list.empty(); }
  // Hides one more entry of a layer of `size` entries (keeps the list sorted).
  void add(uint32_t i, size_t size);
};

// A station's content hash: the dataset version sums these, so it depends on the stations
// served, not on how they are split into layers.
uint64_t station_hash(const StationView& s);

class CatalogLayer {
 public:
  // Ids must be unique (the readers guarantee it); throws Error(data_invalid) otherwise.
  // Takes the records by value and frees them as it packs them.
  CatalogLayer(std::vector<Station> stations, std::vector<District> districts);
  // One layer with `base`'s entries (less the hidden ones) and `changes`' (which win on equal
  // ids), built by walking both in id order: no Station records in between.
  CatalogLayer(const CatalogLayer& base, const HiddenSet* hidden, const CatalogLayer& changes);

  size_t size() const { return records_.size(); }
  StationView station(uint32_t index) const;
  std::optional<uint32_t> find(std::string_view id) const;

  // Parsed opening hours; nullptr when the station's hours are empty or did not parse.
  const OpeningHours* hours(uint32_t index) const;
  // How many stations have non-empty hours that did not parse.
  size_t unparsed_hours_count() const { return unparsed_hours_; }

  const std::vector<District>& districts() const { return districts_; }
  // How many stations carry this district name (their own or by point-in-polygon); 0 if none.
  size_t stations_in_district(std::string_view name) const;
  // By its name (朝阳区), English name (case-insensitive: chaoyang) or code (110105).
  const District* find_district(std::string_view name) const;

  // The sum of station_hash over the layer's stations.
  uint64_t content_sum() const { return content_sum_; }
  // A hash of the district names (part of the dataset version).
  uint64_t districts_hash() const { return districts_hash_; }
  std::optional<BBox> bbox() const { return bbox_; }

  // k nearest (after `offset`), exact on the sphere, ties broken by id. Distances are
  // great-circle metres computed from the chord between unit vectors (distance_for_chord).
  // `total` counts every station that satisfies the filter and the radius.
  Page nearest(const NearestQuery& query, const HiddenSet* hidden = nullptr) const;
  // Within radius_m of a point, sorted by distance then id.
  Page within_radius(LonLat center, double radius_m, const StationFilter& filter, size_t offset,
                     size_t limit, const HiddenSet* hidden = nullptr) const;
  // In a lon/lat box (west > east crosses the antimeridian), sorted by id.
  Page in_bbox(const BBox& box, const StationFilter& filter, size_t offset, size_t limit,
               const HiddenSet* hidden = nullptr) const;
  // Inside a polygonal region, sorted by id.
  Page in_region(const Region& region, const StationFilter& filter, size_t offset, size_t limit,
                 const HiddenSet* hidden = nullptr) const;
  // All stations matching the filter, sorted by id (district listings).
  Page matching(const StationFilter& filter, size_t offset, size_t limit,
                const HiddenSet* hidden = nullptr) const;
  // A cursor page: the first `limit` matching stations whose ids come after `after` (from the
  // first without one), in `box` when given, sorted by id. `total` counts every
  // match, those before the cursor too. Without a box the scan starts at the cursor and stops
  // after `limit` matches.
  Page after_id(std::optional<std::string_view> after, const std::optional<BBox>& box,
                const StationFilter& filter, size_t limit, const HiddenSet* hidden = nullptr) const;
  // Within buffer_m of a line, ordered by offset along it; distance_m is to the line.
  Page along_route(const std::vector<LonLat>& line, double buffer_m, const StationFilter& filter,
                   size_t offset, size_t limit, const HiddenSet* hidden = nullptr) const;

  bool accepts(uint32_t index, const StationFilter& filter) const;

 private:
  struct Key {  // what the filters read, packed for the traversal
    AmenitySet amenities;
    HostTypeSet host_bit;
    uint32_t hours_id;     // into schedules_, or kNoHours
    uint32_t district_id;  // into district_names_, or kNoDistrict
  };
  static constexpr uint32_t kNoHours = UINT32_MAX;
  static constexpr uint32_t kNoDistrict = UINT32_MAX;

  // A filter prepared once per query: its text folded, its district name turned into an id.
  struct CompiledFilter {
    StationFilter filter;
    uint32_t district_id;
    const HiddenSet* hidden;  // null or empty: every entry is served
  };
  struct KeyClass {
    Key key;
    size_t count;
  };
  CompiledFilter compile(const StationFilter& filter, const HiddenSet* hidden) const;
  bool key_accepts(const Key& key, const CompiledFilter& filter) const;
  bool key_accepts_rest(const Key& key, const CompiledFilter& filter) const;  // not tags
  bool text_accepts(uint32_t index, const CompiledFilter& filter) const;
  double distance_from(Vec3 q, uint32_t index) const;
  bool accepts(uint32_t index, const CompiledFilter& filter) const;
  size_t count_matching(const CompiledFilter& filter) const;
  Page collect_sorted_by_index(std::vector<uint32_t> indexes, size_t offset, size_t limit) const;
  // Every entry in the lon/lat box that `cf` accepts, sorted by index, each once.
  std::vector<uint32_t> in_box_sorted(const BBox& box, const CompiledFilter& cf) const;
  // The index of the first entry whose id is greater than `id`.
  uint32_t first_after(std::string_view id) const;

  // Records are compact: their text lives in one arena, hours and districts are interned.
  struct Builder;
  struct Record {
    uint32_t text;        // offset in text_ of id, then name, address, phone, updated_at
    uint32_t len[5];      // their lengths
    uint32_t hours_text;  // into hours_texts_
    uint32_t place;       // into places_
    HostType host_type;
    AmenitySet amenities;
  };
  struct Place {
    std::string district, district_en;
  };
  std::string_view id_of(uint32_t index) const {
    return {text_.data() + records_[index].text, records_[index].len[0]};
  }

  std::vector<Record> records_;  // sorted by id
  std::vector<LonLat> positions_;
  std::string text_;
  std::vector<std::string> hours_texts_;
  std::vector<Place> places_;
  std::vector<Key> keys_;
  std::vector<Vec3> units_;            // unit vectors of the positions
  std::vector<KeyClass> key_classes_;  // distinct keys with their counts, for totals
  std::vector<OpeningHours> schedules_;
  std::vector<std::string> district_names_;
  std::vector<size_t> district_counts_;  // stations per district_names_ entry
  std::vector<District> districts_;
  StationIndex index_;
  uint64_t content_sum_ = 0;
  uint64_t districts_hash_ = 0;
  std::optional<BBox> bbox_;
  size_t unparsed_hours_ = 0;
};

}  // namespace sf
