#include "core/walk_nearest.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/street_grid.hpp"

namespace sf {
namespace {

TEST(WalkNearest, TheKNearestByWalkAsAFullSearchRanksThem) {
  const WalkGraph g = test::street_grid(21, 25, 0.25);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> lon(116.34, 116.40), lat(39.87, 39.93);
  std::vector<LonLat> positions;
  for (int i = 0; i < 300; ++i) positions.push_back({lon(rng), lat(rng)});
  positions.push_back({116.60, 39.90});  // 20 km east: unreachable by walk
  const StationsOnNetwork stations(g, positions, 300);
  size_t off_network = 0;
  for (const LonLat& p : positions) off_network += g.snap(p, 300) ? 0 : 1;
  EXPECT_EQ(stations.unreachable(), off_network);
  EXPECT_FALSE(stations.snap(300));
  EXPECT_LT(off_network, 100u);
  WalkSearch search(g), full(g);
  int full_answers = 0;  // queries that found all k: the comparison is not vacuous
  for (int q = 0; q < 25; ++q) {
    const auto from = g.snap({lon(rng), lat(rng)}, 300);
    if (!from) continue;
    const size_t k = 1 + q % 7;
    const double max_m = q % 3 == 0 ? 1500 : 1e9;
    auto accept = [q](uint32_t s) { return q % 2 == 0 || s % 3 != 0; };  // a filter half the time
    // The reference: every station's walk from a full search, sorted.
    full.run(*from, 1e9);
    std::vector<WalkHit> want;
    for (uint32_t s = 0; s < positions.size(); ++s) {
      const auto& snap = stations.snap(s);
      if (!snap || !accept(s)) continue;
      const double walk = from->snap_m + full.to_snap(*snap) + snap->snap_m;
      if (walk <= max_m) want.push_back({s, walk});
    }
    std::sort(want.begin(), want.end(), [](const WalkHit& a, const WalkHit& b) {
      return a.walk_m != b.walk_m ? a.walk_m < b.walk_m : a.station < b.station;
    });
    if (want.size() > k) want.resize(k);
    const std::vector<WalkHit> got = nearest_by_walk(search, g, stations, *from, k, max_m, accept);
    ASSERT_EQ(got.size(), want.size()) << "query " << q;
    full_answers += got.size() == k ? 1 : 0;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].station, want[i].station) << "query " << q << " rank " << i;
      EXPECT_NEAR(got[i].walk_m, want[i].walk_m, 1e-6);
    }
  }
  EXPECT_GE(full_answers, 10);
}

TEST(WalkNearest, AStationAcrossARiverRanksBehindAFartherReachableOne) {
  // Two streets along a river (y = 0 and y = 2 "blocks"), joined only by a bridge 1 km east:
  // a station just across is far by walk; one 300 m along the near bank is nearer.
  const double d = 0.001;  // ≈ 85 m east-west, 111 m north-south
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  for (int bank = 0; bank < 2; ++bank)
    for (int i = 0; i <= 12; ++i) nodes.push_back({116.40 + i * d, 39.90 + bank * 2 * d});
  for (int bank = 0; bank < 2; ++bank)
    for (uint32_t i = 0; i < 12; ++i) segments.emplace_back(bank * 13 + i, bank * 13 + i + 1);
  segments.emplace_back(12, 25);  // the bridge
  const WalkGraph g(nodes, segments, 1);
  const std::vector<LonLat> positions = {{116.4005, 39.9021},   // across, 230 m straight
                                         {116.4040, 39.9001}};  // near bank, 310 m straight
  const StationsOnNetwork stations(g, positions, 100);
  WalkSearch search(g);
  const auto from = g.snap({116.4005, 39.8999}, 100);
  ASSERT_TRUE(from);
  const auto hits =
      nearest_by_walk(search, g, stations, *from, 2, 1e9, [](uint32_t) { return true; });
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_LT(distance_m({116.4005, 39.8999}, positions[0]),
            distance_m({116.4005, 39.8999}, positions[1]));
  EXPECT_EQ(hits[0].station, 1u);  // the reachable one first
  EXPECT_EQ(hits[1].station, 0u);
  EXPECT_GT(hits[1].walk_m, 1900);  // over the bridge and back
}

}  // namespace
}  // namespace sf
