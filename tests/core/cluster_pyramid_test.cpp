// The cluster pyramid against clustering each zoom from the stations themselves: the same
// squares, counts, counts by host, first members and (to rounding) centres at every zoom, and a
// window of squares reads exactly those squares.
#include "core/cluster_pyramid.hpp"

#include <random>

#include <gtest/gtest.h>

namespace sf {
namespace {

std::vector<ClusterMember> members(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lon(115.4, 117.5), lat(39.4, 41.1);
  std::normal_distribution<double> near(0, 0.02);
  std::vector<ClusterMember> out;
  for (uint32_t i = 0; i < n; ++i) {
    // Half spread over the city, half crowded around its centre.
    const LonLat p =
        i % 2 ? LonLat{lon(rng), lat(rng)} : LonLat{116.40 + near(rng), 39.91 + near(rng)};
    out.push_back({p, static_cast<HostType>(rng() % kHostTypeCount), (i * 7919) % 100003});
  }
  out.push_back({{-179.99, -80}, HostType::bank, 5});  // one far from the others
  return out;
}

TEST(ClusterPyramid, EveryZoomIsTheClusteringOfItsStations) {
  const auto all = members(20000, 3);
  const ClusterPyramid pyramid(all, 15);
  ASSERT_EQ(pyramid.top(), 15);
  for (int z = 0; z < 15; ++z) {
    const std::vector<MapCluster> want = cluster_for_zoom(all, z, ClusterPyramid::kCellPx);
    const int64_t cells = static_cast<int64_t>(256.0 / ClusterPyramid::kCellPx) << z;
    const std::vector<MapCluster> got = pyramid.in_cells(z, 0, 0, cells - 1, cells - 1);
    ASSERT_EQ(got.size(), want.size()) << "zoom " << z;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got[i].cell_x, want[i].cell_x);
      EXPECT_EQ(got[i].cell_y, want[i].cell_y);
      EXPECT_EQ(got[i].count, want[i].count);
      EXPECT_EQ(got[i].first, want[i].first);
      EXPECT_EQ(got[i].hosts, want[i].hosts);
      EXPECT_NEAR(got[i].centre.lon, want[i].centre.lon, 1e-9);
      EXPECT_NEAR(got[i].centre.lat, want[i].centre.lat, 1e-9);
    }
  }
}

TEST(ClusterPyramid, AWindowReadsOnlyItsSquares) {
  const auto all = members(5000, 8);
  const ClusterPyramid pyramid(all, 12);
  const int z = 10;
  const int64_t x0 = 3366, y0 = 1550, x1 = 3373, y1 = 1556;
  std::vector<MapCluster> want;
  for (const MapCluster& c : cluster_for_zoom(all, z, ClusterPyramid::kCellPx)) {
    if (c.cell_x >= x0 && c.cell_x <= x1 && c.cell_y >= y0 && c.cell_y <= y1) want.push_back(c);
  }
  ASSERT_GT(want.size(), 5u);
  const auto got = pyramid.in_cells(z, x0, y0, x1, y1);
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].cell_x, want[i].cell_x);
    EXPECT_EQ(got[i].cell_y, want[i].cell_y);
    EXPECT_EQ(got[i].count, want[i].count);
  }
  EXPECT_TRUE(pyramid.in_cells(12, 0, 0, 100, 100).empty());  // above the top: none
  EXPECT_TRUE(ClusterPyramid({}, 10).in_cells(3, 0, 0, 31, 31).empty());
}

}  // namespace
}  // namespace sf
