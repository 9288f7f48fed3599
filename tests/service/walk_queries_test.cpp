// The walking queries over a catalog and its stations placed on a network: writes place only
// the change layer again (the base layer's snaps are shared), and what they return follows
// the writes; a merged catalog places everything anew and answers the same.
#include "service/walk_queries.hpp"

#include <gtest/gtest.h>

#include "core/street_grid.hpp"

namespace sf {
namespace {

Station at(const std::string& id, LonLat p) {
  Station s;
  s.id = id;
  s.name = id;
  s.position = p;
  return s;
}

std::shared_ptr<const WalkNetwork> grid_network() {
  io::NetworkReadReport report;
  report.source = "grid";
  return std::make_shared<const WalkNetwork>(
      io::Network{test::street_grid(5, 20, 0.1), report, {}, {}}, 300.0, 0.0);
}

std::vector<std::string> ids(const Catalog& catalog, const Page& page) {
  std::vector<std::string> out;
  for (const Hit& h : page.hits) out.emplace_back(catalog.station(h.index).id);
  return out;
}

NearestQuery from(LonLat p, size_t k) {
  NearestQuery q;
  q.point = p;
  q.k = k;
  q.max_distance_m = 10'000;
  return q;
}

TEST(WalkStations, WritesPlaceOnlyTheChangeLayer) {
  const auto network = grid_network();
  const LonLat query{116.361, 39.891};
  const Catalog base({at("a", {116.365, 39.895}), at("b", {116.37, 39.9}), at("c", {116.38, 39.91}),
                      at("off", {116.6, 40.2})},
                     {});
  const auto placed = WalkStations::place(network, base, nullptr);
  EXPECT_EQ(placed->unreachable(), 1u);
  EXPECT_EQ(placed->unreachable_ids(), std::vector<std::string>{"off"});
  EXPECT_EQ(ids(base, nearest_by_walk(base, *placed, from(query, 3), false)),
            (std::vector<std::string>{"a", "b", "c"}));

  // A new station right at the query point, "a" deleted, "off" moved onto the streets.
  const Catalog written =
      base.with_changes({at("new", {116.3611, 39.8911}), at("off", {116.375, 39.905})}, {"a"});
  const auto again = WalkStations::place(network, written, placed.get());
  EXPECT_TRUE(again->shares_base_snaps(*placed)) << "the base layer was not snapped again";
  EXPECT_EQ(again->unreachable(), 0u);
  const Page page = nearest_by_walk(written, *again, from(query, 4), true);
  EXPECT_EQ(ids(written, page), (std::vector<std::string>{"new", "b", "off", "c"}));
  ASSERT_EQ(page.paths.size(), 4u);
  EXPECT_TRUE(page.total_known) << "every reachable station found: fewer than k + 1";
  EXPECT_EQ(page.total, 4u);
  EXPECT_FALSE(nearest_by_walk(written, *again, from(query, 2), false).total_known)
      << "stopped at k + 1";

  // Packed into a new base: placed anew, the same answer.
  const Catalog merged = written.merged();
  const auto fresh = WalkStations::place(network, merged, again.get());
  EXPECT_FALSE(fresh->shares_base_snaps(*again));
  const Page same = nearest_by_walk(merged, *fresh, from(query, 4), false);
  EXPECT_EQ(ids(merged, same), ids(written, page));
  for (size_t i = 0; i < same.hits.size(); ++i)
    EXPECT_DOUBLE_EQ(same.hits[i].walk_m, page.hits[i].walk_m);
}

TEST(WalkStations, WithinByWalkIsExactAndPaged) {
  const auto network = grid_network();
  std::vector<Station> stations;
  for (int i = 0; i < 30; ++i)
    stations.push_back(
        at(std::to_string(100 + i), {116.352 + (i % 6) * 0.006, 39.882 + (i / 6) * 0.006}));
  const Catalog catalog(stations, {});
  const auto placed = WalkStations::place(network, catalog, nullptr);
  const LonLat center{116.37, 39.895};
  const Page all = within_walk(catalog, *placed, center, 1500, {}, 0, 100, false);
  ASSERT_TRUE(all.total_known);
  ASSERT_GT(all.total, 3u);
  EXPECT_EQ(all.hits.size(), all.total);
  for (size_t i = 1; i < all.hits.size(); ++i)
    EXPECT_GE(all.hits[i].walk_m, all.hits[i - 1].walk_m);
  for (const Hit& h : all.hits) {
    EXPECT_LE(h.walk_m, 1500);
    EXPECT_GE(h.walk_m, h.distance_m);
  }
  const Page second = within_walk(catalog, *placed, center, 1500, {}, 2, 2, false);
  EXPECT_EQ(second.total, all.total);
  ASSERT_EQ(second.hits.size(), 2u);
  EXPECT_EQ(second.hits[0].index, all.hits[2].index);
  // The nearest agree with within on the first ones.
  const Page near = nearest_by_walk(catalog, *placed, from(center, 3), false);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(near.hits[i].index, all.hits[i].index);
}

}  // namespace
}  // namespace sf
