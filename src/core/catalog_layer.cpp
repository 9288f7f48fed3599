#include "core/catalog_layer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "core/errors.hpp"
#include "core/station_queryables.hpp"
#include "core/text.hpp"

namespace sf {

namespace {

// Case-insensitive (ASCII) substring test; other bytes, such as UTF-8 Chinese, match exactly.
bool contains_folded(std::string_view hay, std::string_view needle_folded) {
  if (needle_folded.size() > hay.size()) return false;
  for (size_t i = 0; i + needle_folded.size() <= hay.size(); ++i) {
    size_t j = 0;
    while (j < needle_folded.size() && fold_ascii(hay[i + j]) == needle_folded[j]) ++j;
    if (j == needle_folded.size()) return true;
  }
  return false;
}

struct Fnv64 {
  uint64_t h = 1469598103934665603ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // field separator
    h *= 1099511628211ull;
  }
  void add(double d) {
    if (d == 0) d = 0;  // -0.0 and 0.0 hash alike
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    add(std::string_view(bytes, sizeof bytes));
  }
};

// A station's filter key, exactly: amenities and host in `a`, district and hours in `b`.
struct ClassKey {
  uint64_t a, b;
  bool operator==(const ClassKey&) const = default;
};
struct ClassKeyHash {
  size_t operator()(const ClassKey& k) const { return k.a * 0x9E3779B97F4A7C15ull ^ k.b; }
};

// Distances that differ by less than this (in unit-sphere chord, about 6 µm on the ground)
// are treated as possible ties, so the id tie-break sees every tied station.
constexpr double kChordTieEpsilon = 1e-12;

// The order of records by id. Sorts compact keys (the id's first 16 bytes, big-endian, and the
// position) so most comparisons touch no record.
std::vector<uint32_t> order_by_id(const std::vector<Station>& stations) {
  struct SortKey {
    uint64_t hi, lo;
    uint32_t index;
  };
  auto prefix = [](const std::string& id, size_t from) {
    uint64_t v = 0;
    for (size_t i = from; i < from + 8; ++i) {
      v = (v << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    }
    return v;
  };
  std::vector<SortKey> keys(stations.size());
  for (uint32_t i = 0; i < keys.size(); ++i) {
    keys[i] = {prefix(stations[i].id, 0), prefix(stations[i].id, 8), i};
  }
  std::sort(keys.begin(), keys.end(), [&stations](const SortKey& a, const SortKey& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    return stations[a.index].id < stations[b.index].id;
  });
  std::vector<uint32_t> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  return order;
}

// Frees a record's heap memory (assigning a default-constructed one keeps the capacity).
void release(Station& s) {
  Station empty;
  std::swap(s, empty);
}

}  // namespace

void HiddenSet::add(uint32_t i, size_t size) {
  if (bits.size() < (size + 63) / 64) bits.resize((size + 63) / 64, 0);
  if (has(i)) return;
  bits[i >> 6] |= uint64_t{1} << (i & 63);
  list.insert(std::upper_bound(list.begin(), list.end(), i), i);
}

uint64_t station_hash(const StationView& s) {
  Fnv64 hash;
  for (std::string_view f : {s.id, s.name, s.opening_hours, s.address, s.district, s.district_en,
                             s.phone, s.updated_at}) {
    hash.add(f);
  }
  hash.add(s.position.lon);
  hash.add(s.position.lat);
  hash.add(host_type_name(s.host_type));
  hash.add(static_cast<double>(s.amenities));
  // Mixed (splitmix64 finaliser) so that sums of hashes do not cancel by accident.
  uint64_t z = hash.h + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Packs stations one at a time, in id order, into a layer's arrays; finish() builds the index.
struct CatalogLayer::Builder {
  CatalogLayer& layer;
  // hours text → (its index in hours_texts_, its parsed schedule or kNoHours)
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> hours_ids;
  std::unordered_map<std::string, uint32_t> district_ids, place_ids;
  const std::pair<const std::string, std::pair<uint32_t, uint32_t>>* last_hours = nullptr;
  uint32_t last_place = 0;
  std::unordered_map<ClassKey, size_t, ClassKeyHash> class_of_key;
  std::vector<IndexTag> tags;

  Builder(CatalogLayer& l, size_t count, size_t text_bytes) : layer(l) {
    if (count >= UINT32_MAX) {
      throw Error(ErrorCode::data_invalid, "stations", "more than 4,294,967,294 stations");
    }
    if (text_bytes >= UINT32_MAX) {
      throw Error(ErrorCode::data_invalid, "stations", "more than 4 GiB of station text");
    }
    layer.text_.reserve(text_bytes);
    layer.records_.reserve(count);
    layer.positions_.reserve(count);
    layer.units_.reserve(count);
    layer.keys_.reserve(count);
    tags.reserve(count);
  }

  void append(const StationView& s) {
    CatalogLayer& l = layer;
    Key key{s.amenities, host_type_bit(s.host_type), kNoHours, kNoDistrict};
    Record record{static_cast<uint32_t>(l.text_.size()),
                  {static_cast<uint32_t>(s.id.size()), static_cast<uint32_t>(s.name.size()),
                   static_cast<uint32_t>(s.address.size()), static_cast<uint32_t>(s.phone.size()),
                   static_cast<uint32_t>(s.updated_at.size())},
                  0,
                  0,
                  s.host_type,
                  s.amenities};
    for (std::string_view f : {s.id, s.name, s.address, s.phone, s.updated_at}) l.text_ += f;
    // Neighbours in id order mostly share hours and district: try the last ones first.
    if (last_hours == nullptr || last_hours->first != s.opening_hours) {
      auto [hours, fresh_hours] =
          hours_ids.emplace(std::string(s.opening_hours),
                            std::pair{static_cast<uint32_t>(l.hours_texts_.size()), kNoHours});
      if (fresh_hours) {
        l.hours_texts_.emplace_back(s.opening_hours);
        if (auto parsed = OpeningHours::parse(s.opening_hours)) {
          hours->second.second = static_cast<uint32_t>(l.schedules_.size());
          l.schedules_.push_back(std::move(*parsed));
        }
      }
      last_hours = &*hours;
    }
    record.hours_text = last_hours->second.first;
    key.hours_id = last_hours->second.second;
    if (!s.opening_hours.empty() && key.hours_id == kNoHours) ++l.unparsed_hours_;
    if (l.places_.empty() || l.places_[last_place].district != s.district ||
        l.places_[last_place].district_en != s.district_en) {
      std::string place_key(s.district);
      place_key += '\x1f';
      place_key += s.district_en;
      auto [place, fresh_place] =
          place_ids.emplace(std::move(place_key), static_cast<uint32_t>(l.places_.size()));
      if (fresh_place) l.places_.push_back({std::string(s.district), std::string(s.district_en)});
      last_place = place->second;
    }
    record.place = last_place;
    if (!s.district.empty()) {
      if (!l.keys_.empty() && l.keys_.back().district_id != kNoDistrict &&
          l.district_names_[l.keys_.back().district_id] == s.district) {
        key.district_id = l.keys_.back().district_id;
      } else {
        auto [it, inserted] = district_ids.emplace(std::string(s.district),
                                                   static_cast<uint32_t>(l.district_names_.size()));
        if (inserted) l.district_names_.emplace_back(s.district);
        key.district_id = it->second;
      }
    }
    l.keys_.push_back(key);
    l.records_.push_back(record);
    l.positions_.push_back(s.position);
    const ClassKey class_key{(uint64_t{key.amenities} << 8) | key.host_bit,
                             (uint64_t{key.district_id} << 32) | key.hours_id};
    auto [cls, fresh] = class_of_key.emplace(class_key, l.key_classes_.size());
    if (fresh) l.key_classes_.push_back({key, 0});
    ++l.key_classes_[cls->second].count;
    tags.push_back({key.amenities, key.host_bit});
    l.units_.push_back(unit_vector(s.position));
    if (!l.bbox_) {
      l.bbox_ = BBox{s.position.lon, s.position.lat, s.position.lon, s.position.lat};
    } else {
      l.bbox_->west = std::min(l.bbox_->west, s.position.lon);
      l.bbox_->east = std::max(l.bbox_->east, s.position.lon);
      l.bbox_->south = std::min(l.bbox_->south, s.position.lat);
      l.bbox_->north = std::max(l.bbox_->north, s.position.lat);
    }
    l.content_sum_ += station_hash(s);
  }

  void finish() {
    CatalogLayer& l = layer;
    l.district_counts_.assign(l.district_names_.size(), 0);
    for (const Key& k : l.keys_) {
      if (k.district_id != kNoDistrict) ++l.district_counts_[k.district_id];
    }
    Fnv64 names;
    for (const District& d : l.districts_) names.add(d.name);
    l.districts_hash_ = names.h;
    l.index_ = StationIndex(l.positions_, tags);
  }
};

CatalogLayer::CatalogLayer(std::vector<Station> stations, std::vector<District> districts)
    : districts_(std::move(districts)) {
  const std::vector<uint32_t> order = order_by_id(stations);
  size_t text_bytes = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    const Station& s = stations[order[i]];
    if (i > 0 && s.id == stations[order[i - 1]].id) {
      throw Error(ErrorCode::data_invalid, "id", "duplicate station id '" + s.id + "'");
    }
    text_bytes +=
        s.id.size() + s.name.size() + s.address.size() + s.phone.size() + s.updated_at.size();
  }
  Builder builder(*this, stations.size(), text_bytes);
  for (uint32_t source : order) {
    builder.append(StationView::of(stations[source]));
    release(stations[source]);  // the record is packed: free its strings now, not at the end
  }
  builder.finish();
}

CatalogLayer::CatalogLayer(const CatalogLayer& base, const HiddenSet* hidden,
                           const CatalogLayer& changes)
    : districts_(base.districts_) {
  auto shown = [&](uint32_t i) { return hidden == nullptr || !hidden->has(i); };
  size_t count = changes.size(), text_bytes = changes.text_.size();
  for (uint32_t i = 0; i < base.size(); ++i) {
    if (!shown(i)) continue;
    ++count;
    const Record& r = base.records_[i];
    for (uint32_t len : r.len) text_bytes += len;
  }
  Builder builder(*this, count, text_bytes);
  // Both layers are sorted by id: one merging walk keeps the order, no sort.
  uint32_t i = 0, j = 0;
  while (i < base.size() || j < changes.size()) {
    if (i < base.size() && !shown(i)) {
      ++i;
    } else if (j == changes.size() || (i < base.size() && base.id_of(i) < changes.id_of(j))) {
      builder.append(base.station(i++));
    } else {
      if (i < base.size() && base.id_of(i) == changes.id_of(j)) ++i;  // the change wins
      builder.append(changes.station(j++));
    }
  }
  builder.finish();
}

std::optional<uint32_t> CatalogLayer::find(std::string_view id) const {
  uint32_t lo = 0, hi = static_cast<uint32_t>(records_.size());
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (id_of(mid) < id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == records_.size() || id_of(lo) != id) return std::nullopt;
  return lo;
}

size_t CatalogLayer::stations_in_district(std::string_view name) const {
  auto it = std::find(district_names_.begin(), district_names_.end(), name);
  return it == district_names_.end()
             ? 0
             : district_counts_[static_cast<size_t>(it - district_names_.begin())];
}

StationView CatalogLayer::station(uint32_t index) const {
  const Record& r = records_[index];
  StationView v;
  const char* p = text_.data() + r.text;
  std::string_view* fields[] = {&v.id, &v.name, &v.address, &v.phone, &v.updated_at};
  for (int i = 0; i < 5; ++i) {
    *fields[i] = std::string_view(p, r.len[i]);
    p += r.len[i];
  }
  v.position = positions_[index];
  v.host_type = r.host_type;
  v.amenities = r.amenities;
  v.opening_hours = hours_texts_[r.hours_text];
  v.district = places_[r.place].district;
  v.district_en = places_[r.place].district_en;
  return v;
}

const OpeningHours* CatalogLayer::hours(uint32_t index) const {
  const uint32_t id = keys_[index].hours_id;
  return id == kNoHours ? nullptr : &schedules_[id];
}

const District* CatalogLayer::find_district(std::string_view name) const {
  const std::string key = to_lower_ascii(name);
  for (const District& d : districts_) {
    if (d.name == name || (!d.name_en.empty() && to_lower_ascii(d.name_en) == key) ||
        (!d.code.empty() && d.code == name)) {
      return &d;
    }
  }
  return nullptr;
}

CatalogLayer::CompiledFilter CatalogLayer::compile(const StationFilter& filter,
                                                   const HiddenSet* hidden) const {
  CompiledFilter cf{filter, kNoDistrict, hidden != nullptr && !hidden->empty() ? hidden : nullptr};
  cf.filter.text = to_lower_ascii(filter.text);  // matched against ASCII-folded text
  if (filter.district) {
    auto it = std::find(district_names_.begin(), district_names_.end(), *filter.district);
    // A district no station has: an id no station carries, so nothing matches.
    cf.district_id = it == district_names_.end()
                         ? kNoDistrict - 1
                         : static_cast<uint32_t>(it - district_names_.begin());
  }
  return cf;
}

bool CatalogLayer::accepts(uint32_t index, const StationFilter& filter) const {
  return accepts(index, compile(filter, nullptr));
}

bool CatalogLayer::key_accepts(const Key& key, const CompiledFilter& cf) const {
  const StationFilter& f = cf.filter;
  if ((key.amenities & f.amenities) != f.amenities) return false;
  if (f.host_types != 0 && (key.host_bit & f.host_types) == 0) return false;
  return key_accepts_rest(key, cf);
}

bool CatalogLayer::key_accepts_rest(const Key& key, const CompiledFilter& cf) const {
  const StationFilter& f = cf.filter;
  if (f.district && key.district_id != cf.district_id) return false;
  if (f.open_at_minute_of_week) {
    if (key.hours_id == kNoHours || !schedules_[key.hours_id].open_at(*f.open_at_minute_of_week))
      return false;
  }
  return true;
}

bool CatalogLayer::accepts(uint32_t index, const CompiledFilter& cf) const {
  if (cf.hidden != nullptr && cf.hidden->has(index)) return false;
  return key_accepts(keys_[index], cf) && text_accepts(index, cf);
}

bool CatalogLayer::text_accepts(uint32_t index, const CompiledFilter& cf) const {
  const StationFilter& f = cf.filter;
  if (!f.text.empty()) {
    const StationView s = station(index);
    if (!contains_folded(s.name, f.text) && !contains_folded(s.address, f.text)) return false;
  }
  if (f.updated_bounded()) {
    const std::optional<UnixSeconds> t = parse_iso8601(station(index).updated_at);
    if (!t || (f.updated_from && *t < *f.updated_from) || (f.updated_to && *t > *f.updated_to))
      return false;
  }
  if (f.cql != nullptr) {
    const StationView s = station(index);
    if (!f.cql->matches([&s](uint32_t property) { return station_value(s, property); }))
      return false;
  }
  return true;
}

size_t CatalogLayer::count_matching(const CompiledFilter& cf) const {
  const size_t hidden = cf.hidden != nullptr ? cf.hidden->list.size() : 0;
  if (cf.filter.empty()) return records_.size() - hidden;
  size_t n = 0;
  if (!cf.filter.per_station()) {
    // Stations sharing amenities, host, hours and district are counted as one class.
    for (const KeyClass& c : key_classes_) n += key_accepts(c.key, cf) ? c.count : 0;
    if (cf.hidden != nullptr) {
      for (uint32_t i : cf.hidden->list) n -= key_accepts(keys_[i], cf) ? 1 : 0;
    }
    return n;
  }
  for (uint32_t i = 0; i < records_.size(); ++i) n += accepts(i, cf) ? 1 : 0;
  return n;
}

double CatalogLayer::distance_from(Vec3 q, uint32_t index) const {
  return distance_for_chord(chord_between(q, units_[index]));
}

Page CatalogLayer::nearest(const NearestQuery& q, const HiddenSet* hidden) const {
  Page page;
  const CompiledFilter cf = compile(q.filter, hidden);
  const StationFilter& filter = cf.filter;
  const Vec3 qv = unit_vector(q.point);
  const bool bounded = std::isfinite(q.max_distance_m);
  Box3 bounds{};
  if (bounded) bounds = box_around(qv, chord_for_distance(q.max_distance_m) * (1 + 1e-9));
  // Amenities and host types are tested on the tree's own values; district, hours and text
  // (rarer) look the station up.
  const TagFilter tags{filter.amenities, filter.host_types};
  auto rest_fn = [&](uint32_t i) {
    return (cf.hidden == nullptr || !cf.hidden->has(i)) && key_accepts_rest(keys_[i], cf) &&
           text_accepts(i, cf);
  };
  const StationIndex::Accept rest(rest_fn);
  const bool needs_rest = filter.district || filter.open_at_minute_of_week ||
                          filter.per_station() || cf.hidden != nullptr;

  const size_t want = q.offset + q.k;
  std::vector<IndexCandidate> cands;
  for (size_t ask = want + 1;; ask *= 2) {
    cands =
        index_.nearest(qv, ask, bounded ? &bounds : nullptr, tags, needs_rest ? &rest : nullptr);
    if (cands.size() < ask) break;  // every match is in hand
    // The farthest candidate must be clearly beyond the want-th: otherwise a station tied
    // with the last one returned might be missing, and the id tie-break would be wrong.
    std::nth_element(cands.begin(), cands.begin() + static_cast<long>(want - 1), cands.end(),
                     [](auto& a, auto& b) { return a.chord < b.chord; });
    const double last = cands[want - 1].chord;
    double farthest = 0;
    for (const auto& c : cands) farthest = std::max(farthest, c.chord);
    if (farthest - last > kChordTieEpsilon) break;
  }
  // Exact order: by chord (a monotone function of the great-circle distance), then by index,
  // which is id order since stations are sorted by id.
  std::sort(cands.begin(), cands.end(), [](const IndexCandidate& a, const IndexCandidate& b) {
    return a.chord != b.chord ? a.chord < b.chord : a.index < b.index;
  });
  const size_t end = std::min(cands.size(), want);
  for (size_t i = q.offset; i < end; ++i) {
    const double d = distance_for_chord(cands[i].chord);
    if (d > q.max_distance_m) break;
    page.hits.push_back({cands[i].index, d, 0});
  }
  if (!bounded) {
    page.total = count_matching(cf);
  } else {
    index_.visit_box(bounds, [&](uint32_t i) {
      if (distance_from(qv, i) <= q.max_distance_m && accepts(i, cf)) ++page.total;
    });
  }
  return page;
}

namespace {
Page slice(std::vector<Hit> hits, size_t offset, size_t limit) {
  Page page;
  page.total = hits.size();
  if (offset < hits.size()) {
    const size_t end = std::min(hits.size(), offset + limit);
    page.hits.assign(hits.begin() + static_cast<long>(offset),
                     hits.begin() + static_cast<long>(end));
  }
  return page;
}
}  // namespace

Page CatalogLayer::within_radius(LonLat center, double radius_m, const StationFilter& filter,
                                 size_t offset, size_t limit, const HiddenSet* hidden) const {
  const CompiledFilter cf = compile(filter, hidden);
  const Vec3 cv = unit_vector(center);
  const Box3 box = box_around(cv, chord_for_distance(radius_m) * (1 + 1e-9));
  std::vector<Hit> hits;
  index_.visit_box(box, [&](uint32_t i) {
    const double d = distance_from(cv, i);
    if (d <= radius_m && accepts(i, cf)) hits.push_back({i, d, 0});
  });
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.index < b.index;
  });
  return slice(std::move(hits), offset, limit);
}

Page CatalogLayer::collect_sorted_by_index(std::vector<uint32_t> indexes, size_t offset,
                                           size_t limit) const {
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  std::vector<Hit> hits;
  hits.reserve(indexes.size());
  for (uint32_t i : indexes) hits.push_back({i, 0, 0});
  return slice(std::move(hits), offset, limit);
}

std::vector<uint32_t> CatalogLayer::in_box_sorted(const BBox& box, const CompiledFilter& cf) const {
  std::vector<uint32_t> found;
  auto visit = [&](uint32_t i) {
    if (box.contains(positions_[i]) && accepts(i, cf)) found.push_back(i);
  };
  if (box.crosses_antimeridian()) {
    index_.visit_box(box_of_lonlat_rect(box.west, box.south, 180, box.north), visit);
    index_.visit_box(box_of_lonlat_rect(-180, box.south, box.east, box.north), visit);
  } else {
    index_.visit_box(box_of_lonlat_rect(box.west, box.south, box.east, box.north), visit);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

Page CatalogLayer::in_bbox(const BBox& box, const StationFilter& filter, size_t offset,
                           size_t limit, const HiddenSet* hidden) const {
  return collect_sorted_by_index(in_box_sorted(box, compile(filter, hidden)), offset, limit);
}

uint32_t CatalogLayer::first_after(std::string_view id) const {
  uint32_t lo = 0, hi = static_cast<uint32_t>(records_.size());
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (id_of(mid) <= id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

Page CatalogLayer::after_id(std::optional<std::string_view> after, const std::optional<BBox>& box,
                            const StationFilter& filter, size_t limit,
                            const HiddenSet* hidden) const {
  const CompiledFilter cf = compile(filter, hidden);
  const uint32_t start = after ? first_after(*after) : 0;
  Page page;
  if (!box) {
    page.total = count_matching(cf);
    for (uint32_t i = start; i < records_.size() && page.hits.size() < limit; ++i) {
      if (accepts(i, cf)) page.hits.push_back({i, 0, 0});
    }
    return page;
  }
  const std::vector<uint32_t> found = in_box_sorted(*box, cf);
  page.total = found.size();
  for (auto it = std::lower_bound(found.begin(), found.end(), start);
       it != found.end() && page.hits.size() < limit; ++it) {
    page.hits.push_back({*it, 0, 0});
  }
  return page;
}

Page CatalogLayer::in_region(const Region& region, const StationFilter& filter, size_t offset,
                             size_t limit, const HiddenSet* hidden) const {
  const CompiledFilter cf = compile(filter, hidden);
  std::vector<uint32_t> found;
  if (!region.empty()) {
    const BBox& b = region.bbox();
    index_.visit_box(box_of_lonlat_rect(b.west, b.south, b.east, b.north), [&](uint32_t i) {
      if (region.contains(positions_[i]) && accepts(i, cf)) found.push_back(i);
    });
  }
  return collect_sorted_by_index(std::move(found), offset, limit);
}

Page CatalogLayer::matching(const StationFilter& filter, size_t offset, size_t limit,
                            const HiddenSet* hidden) const {
  const CompiledFilter cf = compile(filter, hidden);
  // Index order is id order: the page is the matches from the offset-th on, found by a scan
  // that stops at the page's end; the total is counted apart (by classes when it can be).
  Page page;
  page.total = count_matching(cf);
  const size_t end = offset + limit < offset ? SIZE_MAX : offset + limit;
  size_t seen = 0;
  for (uint32_t i = 0; i < records_.size() && seen < end; ++i) {
    if (!accepts(i, cf)) continue;
    if (seen++ >= offset) page.hits.push_back({i, 0, 0});
  }
  return page;
}

Page CatalogLayer::along_route(const std::vector<LonLat>& line, double buffer_m,
                               const StationFilter& filter, size_t offset, size_t limit,
                               const HiddenSet* hidden) const {
  const CompiledFilter cf = compile(filter, hidden);
  std::unordered_map<uint32_t, Hit> best;
  const double buffer_chord = chord_for_distance(buffer_m) * (1 + 1e-9);
  double start_m = 0;
  for (size_t s = 0; s + 1 < line.size(); ++s) {
    const LonLat a = line[s], b = line[s + 1];
    const Vec3 va = unit_vector(a), vb = unit_vector(b);
    const double arc_m = distance_m(a, b);
    // The arc bulges away from its chord by at most the sagitta 1 - cos(θ/2).
    const double sagitta = 1 - std::cos(arc_m / kEarthRadiusM / 2);
    const double pad = buffer_chord + sagitta + 1e-12;
    const Box3 box{
        {std::min(va.x, vb.x) - pad, std::min(va.y, vb.y) - pad, std::min(va.z, vb.z) - pad},
        {std::max(va.x, vb.x) + pad, std::max(va.y, vb.y) + pad, std::max(va.z, vb.z) + pad}};
    index_.visit_box(box, [&](uint32_t i) {
      const ArcProjection p = project_on_arc(positions_[i], a, b);
      if (p.distance_m > buffer_m) return;
      auto it = best.find(i);
      if (it == best.end()) {
        if (!accepts(i, cf)) return;
        best.emplace(i, Hit{i, p.distance_m, start_m + p.along_m});
      } else if (p.distance_m < it->second.distance_m) {
        it->second = Hit{i, p.distance_m, start_m + p.along_m};
      }
    });
    start_m += arc_m;
  }
  std::vector<Hit> hits;
  hits.reserve(best.size());
  for (const auto& [i, h] : best) hits.push_back(h);
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.route_offset_m != b.route_offset_m) return a.route_offset_m < b.route_offset_m;
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return a.index < b.index;
  });
  return slice(std::move(hits), offset, limit);
}

}  // namespace sf
