#include "core/catalog.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

namespace sf {

namespace {

const std::vector<District> kNoDistricts;

BBox grown(const BBox& a, const BBox& b) {
  return {std::min(a.west, b.west), std::min(a.south, b.south), std::max(a.east, b.east),
          std::max(a.north, b.north)};
}

}  // namespace

Catalog::Catalog(std::vector<Station> stations, std::vector<District> districts)
    : base_(std::make_shared<const CatalogLayer>(std::move(stations), std::move(districts))) {
  finish();
}

void Catalog::finish() {
  uint64_t sum = base_->content_sum();
  size_ = base_->size();
  bbox_ = base_->bbox();
  if (hidden_) {
    size_ -= hidden_->list.size();
    for (uint32_t i : hidden_->list) sum -= station_hash(base_->station(i));
  }
  if (changes_) {
    size_ += changes_->size();
    sum += changes_->content_sum();
    if (const auto b = changes_->bbox()) bbox_ = bbox_ ? grown(*bbox_, *b) : *b;
  }
  // The base's bbox may still include deleted stations: a box that holds every station served.
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(sum ^ (base_->districts_hash() * 31)));
  version_ = buf;
}

Catalog Catalog::with_changes(const std::vector<Station>& upserts,
                              const std::vector<std::string>& deletes) const {
  std::unordered_set<std::string_view> touched;
  for (const Station& s : upserts) touched.insert(s.id);
  for (const std::string& id : deletes) touched.insert(id);
  Catalog next;
  next.base_ = base_;
  auto hidden = hidden_ ? std::make_shared<HiddenSet>(*hidden_) : std::make_shared<HiddenSet>();
  for (std::string_view id : touched) {
    if (const auto i = base_->find(id)) hidden->add(*i, base_->size());
  }
  std::vector<Station> changed;
  if (changes_) {
    changed.reserve(changes_->size() + upserts.size());
    for (uint32_t i = 0; i < changes_->size(); ++i) {
      const StationView s = changes_->station(i);
      if (!touched.contains(s.id)) changed.push_back(s.to_station());
    }
  }
  // The last upsert of an id wins.
  std::unordered_set<std::string_view> seen;
  for (auto it = upserts.rbegin(); it != upserts.rend(); ++it) {
    if (seen.insert(it->id).second) changed.push_back(*it);
  }
  if (!hidden->empty()) next.hidden_ = std::move(hidden);
  if (!changed.empty() || next.hidden_) {
    next.changes_ = std::make_shared<const CatalogLayer>(std::move(changed), kNoDistricts);
  }
  next.finish();
  return next;
}

Catalog Catalog::with_changes(const Changes& net) const {
  std::vector<Station> upserts;
  std::vector<std::string> deletes;
  for (const auto& [id, station] : net) {
    if (station) {
      upserts.push_back(*station);
    } else {
      deletes.push_back(id);
    }
  }
  return with_changes(upserts, deletes);
}

std::vector<Station> Catalog::stations() const {
  std::vector<Station> out;
  out.reserve(size_);
  for (uint32_t i = 0; i < base_size(); ++i) {
    if (!hidden_ || !hidden_->has(i)) out.push_back(base_->station(i).to_station());
  }
  if (changes_) {
    for (uint32_t i = 0; i < changes_->size(); ++i)
      out.push_back(changes_->station(i).to_station());
    std::sort(out.begin(), out.end(),
              [](const Station& a, const Station& b) { return a.id < b.id; });
  }
  return out;
}

Catalog Catalog::merged() const {
  if (!layered()) return *this;
  // Straight from the two sorted layers: the new base, and no copy of every station between.
  Catalog next;
  next.base_ = std::make_shared<const CatalogLayer>(*base_, hidden_.get(), *changes_);
  next.finish();
  return next;
}

uint32_t Catalog::slot_count() const {
  return base_size() + (changes_ ? static_cast<uint32_t>(changes_->size()) : 0);
}

bool Catalog::live(uint32_t slot) const {
  if (slot >= base_size()) return slot < slot_count();
  return !hidden_ || !hidden_->has(slot);
}

size_t Catalog::pending_changes() const {
  return (changes_ ? changes_->size() : 0) + (hidden_ ? hidden_->list.size() : 0);
}

StationView Catalog::station(uint32_t slot) const {
  return slot < base_size() ? base_->station(slot) : changes_->station(slot - base_size());
}

const OpeningHours* Catalog::hours(uint32_t slot) const {
  return slot < base_size() ? base_->hours(slot) : changes_->hours(slot - base_size());
}

std::optional<uint32_t> Catalog::find(std::string_view id) const {
  if (changes_) {
    if (const auto i = changes_->find(id)) return base_size() + *i;
  }
  const auto i = base_->find(id);
  if (i && hidden_ && hidden_->has(*i)) return std::nullopt;
  return i;
}

size_t Catalog::unparsed_hours_count() const {
  if (!layered()) return base_->unparsed_hours_count();
  size_t n = base_->unparsed_hours_count() + changes_->unparsed_hours_count();
  if (hidden_) {
    for (uint32_t i : hidden_->list) {
      n -= (base_->hours(i) == nullptr && !base_->station(i).opening_hours.empty()) ? 1 : 0;
    }
  }
  return n;
}

size_t Catalog::stations_in_district(std::string_view name) const {
  size_t n = base_->stations_in_district(name);
  if (!layered() || name.empty()) return n;
  n += changes_->stations_in_district(name);
  if (hidden_) {
    for (uint32_t i : hidden_->list) n -= base_->station(i).district == name ? 1 : 0;
  }
  return n;
}

bool Catalog::accepts(uint32_t slot, const StationFilter& filter) const {
  if (slot >= base_size()) return changes_->accepts(slot - base_size(), filter);
  return live(slot) && base_->accepts(slot, filter);
}

template <typename Query, typename Before>
Page Catalog::both(size_t offset, size_t limit, Query query, Before before) const {
  if (!layered()) return query(*base_, offset, limit, nullptr);
  // Each layer's first offset + limit, merged: the merged page is among them.
  const size_t want = offset + limit < offset ? SIZE_MAX : offset + limit;
  Page a = query(*base_, 0, want, hidden_.get());
  Page b = query(*changes_, 0, want, nullptr);
  for (Hit& h : b.hits) h.index += base_size();
  std::vector<Hit> all;
  all.reserve(a.hits.size() + b.hits.size());
  std::merge(a.hits.begin(), a.hits.end(), b.hits.begin(), b.hits.end(), std::back_inserter(all),
             before);
  Page page;
  page.total = a.total + b.total;
  if (offset < all.size()) {
    const size_t end = std::min(all.size(), want);
    page.hits.assign(all.begin() + static_cast<long>(offset), all.begin() + static_cast<long>(end));
  }
  return page;
}

namespace {
// The orders the layers' pages are merged in (each layer returns its page in that order).
auto by_id(const Catalog& catalog) {
  return [&catalog](const Hit& a, const Hit& b) {
    return catalog.station(a.index).id < catalog.station(b.index).id;
  };
}
auto by_distance(const Catalog& catalog) {
  return [&catalog](const Hit& a, const Hit& b) {
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return catalog.station(a.index).id < catalog.station(b.index).id;
  };
}
}  // namespace

Page Catalog::after_id(std::optional<std::string_view> after, const std::optional<BBox>& box,
                       const StationFilter& filter, size_t limit) const {
  if (!layered()) return base_->after_id(after, box, filter, limit);
  Page a = base_->after_id(after, box, filter, limit, hidden_.get());
  Page b = changes_->after_id(after, box, filter, limit);
  for (Hit& h : b.hits) h.index += base_size();
  Page page;
  page.total = a.total + b.total;
  std::merge(a.hits.begin(), a.hits.end(), b.hits.begin(), b.hits.end(),
             std::back_inserter(page.hits), by_id(*this));
  if (page.hits.size() > limit) page.hits.resize(limit);
  return page;
}

Page Catalog::nearest(const NearestQuery& q) const {
  return both(
      q.offset, q.k,
      [&q](const CatalogLayer& layer, size_t offset, size_t limit, const HiddenSet* h) {
        NearestQuery part = q;
        part.offset = offset;
        part.k = limit;
        return layer.nearest(part, h);
      },
      by_distance(*this));
}

Page Catalog::within_radius(LonLat center, double radius_m, const StationFilter& filter,
                            size_t offset, size_t limit) const {
  return both(
      offset, limit,
      [&](const CatalogLayer& layer, size_t o, size_t l, const HiddenSet* h) {
        return layer.within_radius(center, radius_m, filter, o, l, h);
      },
      by_distance(*this));
}

Page Catalog::in_bbox(const BBox& box, const StationFilter& filter, size_t offset,
                      size_t limit) const {
  return both(
      offset, limit,
      [&](const CatalogLayer& layer, size_t o, size_t l, const HiddenSet* h) {
        return layer.in_bbox(box, filter, o, l, h);
      },
      by_id(*this));
}

Page Catalog::in_region(const Region& region, const StationFilter& filter, size_t offset,
                        size_t limit) const {
  return both(
      offset, limit,
      [&](const CatalogLayer& layer, size_t o, size_t l, const HiddenSet* h) {
        return layer.in_region(region, filter, o, l, h);
      },
      by_id(*this));
}

Page Catalog::matching(const StationFilter& filter, size_t offset, size_t limit) const {
  return both(
      offset, limit,
      [&](const CatalogLayer& layer, size_t o, size_t l, const HiddenSet* h) {
        return layer.matching(filter, o, l, h);
      },
      by_id(*this));
}

Page Catalog::along_route(const std::vector<LonLat>& line, double buffer_m,
                          const StationFilter& filter, size_t offset, size_t limit) const {
  auto by_offset = [this](const Hit& a, const Hit& b) {
    if (a.route_offset_m != b.route_offset_m) return a.route_offset_m < b.route_offset_m;
    if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
    return station(a.index).id < station(b.index).id;
  };
  return both(
      offset, limit,
      [&](const CatalogLayer& layer, size_t o, size_t l, const HiddenSet* h) {
        return layer.along_route(line, buffer_m, filter, o, l, h);
      },
      by_offset);
}

}  // namespace sf
