// A catalog with a change layer must answer every query exactly as a catalog packed from the
// same stations: same stations, distances, order, totals and version.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/catalog.hpp"
#include "core/catalog_diff.hpp"

namespace sf {
namespace {

const char* const kHours[] = {"24/7", "Mo-Fr 09:00-18:00", "Sa-Su 10:00-16:00", "", "nonsense"};
const char* const kDistricts[] = {"东城区", "西城区", ""};

Station random_station(std::mt19937& rng, const std::string& id) {
  std::uniform_real_distribution<double> lon(116.0, 116.2), lat(39.8, 40.0);
  std::uniform_int_distribution<int> pick(0, 1 << 20);
  Station s;
  s.id = id;
  s.name = "Station " + id + (pick(rng) % 3 == 0 ? " bank" : "");
  // Some stations share a position, so distance ties are broken by id across layers.
  s.position = pick(rng) % 10 == 0 ? LonLat{116.1, 39.9} : LonLat{lon(rng), lat(rng)};
  s.host_type = static_cast<HostType>(pick(rng) % 5);
  s.amenities = static_cast<AmenitySet>(pick(rng) & 0xff);
  s.opening_hours = kHours[pick(rng) % 5];
  s.district = kDistricts[pick(rng) % 3];
  s.address = "Road " + std::to_string(pick(rng) % 50);
  char when[32];
  std::snprintf(when, sizeof when, "2025-%02d-%02dT%02d:30:00+08:00", pick(rng) % 12 + 1,
                pick(rng) % 28 + 1, pick(rng) % 24);
  s.updated_at = pick(rng) % 17 == 0 ? "" : when;  // some never say
  return s;
}

std::vector<std::pair<std::string, double>> listed(const Catalog& c, const Page& p) {
  std::vector<std::pair<std::string, double>> out;
  for (const Hit& h : p.hits) {
    out.emplace_back(std::string(c.station(h.index).id), h.distance_m + h.route_offset_m * 1e-3);
  }
  return out;
}

void expect_same(const Catalog& layered, const Catalog& packed, const Page& a, const Page& b,
                 const std::string& what) {
  EXPECT_EQ(a.total, b.total) << what;
  const auto la = listed(layered, a), lb = listed(packed, b);
  ASSERT_EQ(la.size(), lb.size()) << what;
  for (size_t i = 0; i < la.size(); ++i) {
    EXPECT_EQ(la[i].first, lb[i].first) << what << " #" << i;
    EXPECT_NEAR(la[i].second, lb[i].second, 1e-6) << what << " #" << i;
  }
}

std::vector<StationFilter> filters() {
  std::vector<StationFilter> out(8);
  out[1].amenities = 0x3;
  out[2].host_types = 0x2 | 0x4;
  out[3].district = "西城区";
  out[4].open_at_minute_of_week = 2 * 1440 + 10 * 60;  // Wednesday 10:00
  out[5].text = "bank";
  out[6].updated_from = *parse_iso8601("2025-03-01T00:00:00+08:00");
  out[6].updated_to = *parse_iso8601("2025-08-15T12:30:00+08:00");  // an end is inside
  out[7].updated_to = *parse_iso8601("2025-02-01T00:00:00Z");
  out[7].amenities = 0x1;
  return out;
}

// Pages of 13 after a cursor, from the first to the last: each equal in both catalogs, and all
// of them together the stations of one listing in id order, none twice.
void expect_cursor_pages(const Catalog& layered, const Catalog& packed,
                         const std::optional<BBox>& box, const StationFilter& f) {
  const Page whole = box ? packed.in_bbox(*box, f, 0, packed.size() + 1)
                         : packed.matching(f, 0, packed.size() + 1);
  std::vector<std::string> walked;
  std::optional<std::string> after;
  for (int page = 0; page < 1000; ++page) {
    const Page a = layered.after_id(after, box, f, 13);
    const Page b = packed.after_id(after, box, f, 13);
    expect_same(layered, packed, a, b, "after " + after.value_or("(none)"));
    EXPECT_EQ(a.total, whole.total);
    for (const Hit& h : b.hits) walked.emplace_back(packed.station(h.index).id);
    if (b.hits.size() < 13) break;
    after = walked.back();
  }
  ASSERT_EQ(walked.size(), whole.hits.size());
  for (size_t i = 0; i < walked.size(); ++i) {
    EXPECT_EQ(walked[i], packed.station(whole.hits[i].index).id) << i;
  }
}

void compare_everything(const Catalog& layered, const Catalog& packed, std::mt19937& rng) {
  ASSERT_EQ(layered.size(), packed.size());
  EXPECT_EQ(layered.version(), packed.version());
  EXPECT_EQ(layered.unparsed_hours_count(), packed.unparsed_hours_count());
  for (const char* d : kDistricts) {
    EXPECT_EQ(layered.stations_in_district(d), packed.stations_in_district(d)) << d;
  }
  size_t live = 0;
  for (uint32_t i = 0; i < layered.slot_count(); ++i) live += layered.live(i) ? 1 : 0;
  EXPECT_EQ(live, layered.size());
  const auto all = layered.stations(), all_packed = packed.stations();
  ASSERT_EQ(all.size(), all_packed.size());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].id, all_packed[i].id);
    EXPECT_EQ(all[i].name, all_packed[i].name);
  }
  std::uniform_real_distribution<double> lon(115.98, 116.22), lat(39.78, 40.02);
  for (const StationFilter& f : filters()) {
    for (int q = 0; q < 5; ++q) {
      NearestQuery nq;
      nq.point = {lon(rng), lat(rng)};
      nq.k = 7;
      nq.offset = q % 2 == 0 ? 0 : 3;
      nq.filter = f;
      if (q == 4) nq.max_distance_m = 3000;
      expect_same(layered, packed, layered.nearest(nq), packed.nearest(nq), "nearest");
      expect_same(layered, packed, layered.within_radius(nq.point, 4000, f, 2, 20),
                  packed.within_radius(nq.point, 4000, f, 2, 20), "radius");
    }
    const BBox box{116.05, 39.85, 116.15, 39.95};
    expect_same(layered, packed, layered.in_bbox(box, f, 5, 30), packed.in_bbox(box, f, 5, 30),
                "bbox");
    const Region region({{{{116.0, 39.8}, {116.1, 39.8}, {116.1, 39.9}, {116.0, 39.8}}}});
    expect_same(layered, packed, layered.in_region(region, f, 0, 25),
                packed.in_region(region, f, 0, 25), "region");
    expect_same(layered, packed, layered.matching(f, 10, 40), packed.matching(f, 10, 40),
                "matching");
    expect_cursor_pages(layered, packed, std::nullopt, f);
    expect_cursor_pages(layered, packed, box, f);
    const std::vector<LonLat> route{{116.0, 39.85}, {116.1, 39.9}, {116.2, 39.95}};
    expect_same(layered, packed, layered.along_route(route, 800, f, 1, 15),
                packed.along_route(route, 800, f, 1, 15), "route");
  }
  for (uint32_t i = 0; i < packed.slot_count(); ++i) {
    const std::string id(packed.station(i).id);
    const auto slot = layered.find(id);
    ASSERT_TRUE(slot) << id;
    EXPECT_EQ(layered.station(*slot).position.lon, packed.station(i).position.lon);
    for (const StationFilter& f : filters()) {
      EXPECT_EQ(layered.accepts(*slot, f), packed.accepts(i, f)) << id;
    }
  }
}

TEST(CatalogChangeLayer, AnswersAsTheRebuiltCatalogThroughManyChanges) {
  std::mt19937 rng(7);
  std::map<std::string, Station> truth;
  std::vector<Station> initial;
  for (int i = 0; i < 600; ++i) {
    Station s = random_station(rng, "s" + std::to_string(i));
    truth[s.id] = s;
    initial.push_back(s);
  }
  Catalog layered(initial, {});
  std::uniform_int_distribution<int> pick(0, 1 << 20);
  int next_id = 600;
  for (int round = 0; round < 12; ++round) {
    std::vector<Station> upserts;
    std::vector<std::string> deletes;
    for (int c = 0; c < 15; ++c) {
      const int kind = pick(rng) % 3;
      auto existing = truth.begin();
      std::advance(existing, pick(rng) % static_cast<int>(truth.size()));
      if (kind == 0) {  // a new station
        upserts.push_back(random_station(rng, "n" + std::to_string(next_id++)));
      } else if (kind == 1) {  // a changed one (moved, renamed, new hours)
        upserts.push_back(random_station(rng, existing->first));
      } else {
        deletes.push_back(existing->first);
      }
    }
    deletes.push_back("no-such-station");  // ignored
    for (const std::string& id : deletes) truth.erase(id);
    for (const Station& s : upserts) truth[s.id] = s;
    // Deleting and putting the same id in one change: the put wins (it is applied last here).
    for (const Station& s : upserts) {
      std::erase(deletes, s.id);
    }
    layered = layered.with_changes(upserts, deletes);
    std::vector<Station> now;
    for (const auto& [id, s] : truth) now.push_back(s);
    const Catalog packed(now, {});
    SCOPED_TRACE("round " + std::to_string(round));
    EXPECT_GT(layered.pending_changes(), 0u);
    compare_everything(layered, packed, rng);
    if (round == 6) {  // fold the changes into a new base half way
      layered = layered.merged();
      EXPECT_EQ(layered.pending_changes(), 0u);
      compare_everything(layered, packed, rng);
    }
  }
}

TEST(CatalogChangeLayer, DeletingEverythingLeavesAnEmptyCatalog) {
  const Catalog base({random_station(*std::make_unique<std::mt19937>(1), "a")}, {});
  const Catalog empty = base.with_changes({}, {"a"});
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_FALSE(empty.find("a"));
  NearestQuery q;
  q.point = {116.1, 39.9};
  q.k = 3;
  EXPECT_TRUE(empty.nearest(q).hits.empty());
  EXPECT_EQ(empty.nearest(q).total, 0u);
  EXPECT_EQ(empty.version(), Catalog({}, {}).version());
  const Catalog back = empty.with_changes({base.stations().front()}, {});
  EXPECT_EQ(back.version(), base.version());
}

TEST(CatalogDiff, AReloadKeepsOnlyWhatChangedAndSharesTheBase) {
  std::mt19937 rng(11);
  std::vector<Station> served;
  for (int i = 0; i < 5000; ++i) served.push_back(random_station(rng, "s" + std::to_string(i)));
  auto current = std::make_shared<const Catalog>(served, std::vector<District>{});
  // The file now: 40 changed, 30 gone, 25 new, the rest as served; in another order.
  std::vector<Station> file;
  for (int i = 0; i < 5000; ++i) {
    if (i % 100 == 7 && i < 3000) continue;  // 30 removed
    Station s = served[static_cast<size_t>(i)];
    if (i % 125 == 3) s.name += " (moved)";  // 40 changed
    file.push_back(s);
  }
  for (int i = 0; i < 25; ++i) file.push_back(random_station(rng, "new" + std::to_string(i)));
  std::shuffle(file.begin(), file.end(), rng);
  CatalogDiff diff(current);
  for (const Station& s : file) EXPECT_TRUE(diff.add(s));
  EXPECT_FALSE(diff.add(file.front()));  // a duplicate id in the stream
  EXPECT_FALSE(diff.add(random_station(rng, "new3")));
  const Catalog reloaded = diff.result({});
  EXPECT_EQ(diff.added(), 25u);
  EXPECT_EQ(diff.changed(), 40u);
  EXPECT_EQ(diff.removed(), 30u);
  EXPECT_EQ(diff.unchanged(), 5000u - 30 - 40);
  EXPECT_FALSE(diff.repacked());
  EXPECT_EQ(reloaded.base(), current->base());  // the packed base is shared
  const Catalog packed(file, {});
  EXPECT_EQ(reloaded.version(), packed.version());
  compare_everything(reloaded, packed, rng);

  // New districts: every station's district may move, so the catalog is packed anew.
  District d;
  d.name = "西城区";
  d.region = Region({{{{116.0, 39.8}, {116.1, 39.8}, {116.1, 39.9}, {116.0, 39.9}}}});
  CatalogDiff with_districts(current);
  for (const Station& s : file) with_districts.add(s);
  const Catalog repacked = with_districts.result({d});
  EXPECT_TRUE(with_districts.repacked());
  EXPECT_NE(repacked.base(), current->base());
  EXPECT_EQ(repacked.version(), Catalog(file, {d}).version());
}

}  // namespace
}  // namespace sf
