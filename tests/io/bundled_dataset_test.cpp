// The bundled synthetic Beijing dataset: what the server serves with no --data.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "io/dataset.hpp"
#include "service/walk_network.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

class BundledDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    DatasetOptions o;
    o.data = std::string(SF_SOURCE_DIR) + "/geodata/beijing.gpkg";
    dataset_ = new Dataset(load_dataset(o));
  }
  static void TearDownTestSuite() { delete dataset_; }
  static Dataset* dataset_;
};
Dataset* BundledDataset::dataset_ = nullptr;

TEST_F(BundledDataset, HasNineThousandPlusCleanStations) {
  EXPECT_GE(dataset_->stations.size(), 9000u);
  EXPECT_TRUE(dataset_->report.rejected.empty());
  EXPECT_TRUE(dataset_->report.warnings.empty());
  const Catalog c(dataset_->stations, dataset_->districts);
  EXPECT_EQ(c.unparsed_hours_count(), 0u);
  for (const Station& s : dataset_->stations) {
    ASSERT_FALSE(s.id.empty());
    ASSERT_FALSE(s.name.empty());
    ASSERT_FALSE(s.address.empty());
    ASSERT_FALSE(s.phone.empty());
    ASSERT_FALSE(s.updated_at.empty());
    ASSERT_FALSE(s.district.empty()) << s.id;
    ASSERT_FALSE(s.district_en.empty()) << s.id;
    ASSERT_NE(s.amenities, 0) << s.id;
    ASSERT_TRUE(s.position.lon > 115.4 && s.position.lon < 117.6) << s.id;
    ASSERT_TRUE(s.position.lat > 39.4 && s.position.lat < 41.1) << s.id;
  }
}

TEST_F(BundledDataset, SixteenDistrictsNamedLikeBeijings) {
  ASSERT_EQ(dataset_->districts.size(), 16u);
  std::set<std::string> names;
  for (const District& d : dataset_->districts) {
    names.insert(d.name);
    EXPECT_FALSE(d.name_en.empty());
    EXPECT_FALSE(d.region.empty());
  }
  for (const char* n :
       {"东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区",
        "通州区", "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

TEST_F(BundledDataset, DenseInTheCoreSparseOutside) {
  std::map<std::string, size_t> per_district;
  std::map<std::string, double> area;
  for (const Station& s : dataset_->stations) ++per_district[s.district_en];
  const std::set<std::string> core = {"Dongcheng", "Xicheng", "Chaoyang",
                                      "Haidian",   "Fengtai", "Shijingshan"};
  size_t in_core = 0;
  for (const auto& [d, n] : per_district) in_core += core.count(d) ? n : 0;
  EXPECT_GT(in_core, dataset_->stations.size() / 2);
  EXPECT_GT(per_district["Dongcheng"], 5 * per_district["Mentougou"]);
  EXPECT_GT(per_district["Chaoyang"], 5 * per_district["Yanqing"]);
}

TEST_F(BundledDataset, RealisticHostsAndHours) {
  std::map<HostType, size_t> hosts;
  size_t always = 0;
  for (const Station& s : dataset_->stations) {
    ++hosts[s.host_type];
    always += s.opening_hours == "24/7";
  }
  EXPECT_EQ(hosts.size(), static_cast<size_t>(kHostTypeCount));
  for (const auto& [h, n] : hosts) EXPECT_GT(n, dataset_->stations.size() / 30);
  EXPECT_GT(always, dataset_->stations.size() / 10);
  EXPECT_LT(always, dataset_->stations.size() / 2);
}

}  // namespace
}  // namespace sf::io

namespace sf {
namespace {

// The bundled synthetic walking network (scripts/generate_streets.py): one connected city in
// which every station lies beside a street, and where walks are longer than straight lines the
// way a city's are (barriers: ring roads, rivers, railways, walled compounds).
TEST(BundledNetwork, EveryStationWalksAndWalksAreCityLike) {
  const auto network = WalkNetwork::load({io::bundled_network_path(), {}, 300.0});
  const WalkGraph& g = network->graph();
  EXPECT_GT(g.node_count(), 50'000u);
  EXPECT_GT(network->largest_part_share(), 0.99);
  EXPECT_LE(g.bytes(), 48 * g.directed_edge_count());
  io::Dataset ds = io::load_dataset({});
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  const auto placed = WalkStations::place(network, catalog, nullptr);
  EXPECT_EQ(placed->unreachable(), 0u) << "every station lies beside a street";
  // Walks between stations 200-1000 m apart in the centre: longer than the line, by about
  // the median the issue measured on real OSM (1.47) and no more than twice on the whole.
  WalkSearch search(g);
  std::vector<double> ratios;
  for (uint32_t a = 0; a < catalog.slot_count() && ratios.size() < 3000; a += 7) {
    const LonLat pa = catalog.station(a).position;
    if (distance_m(pa, {116.397, 39.908}) > 8000) continue;
    const auto& sa = placed->on_network().snap(a);
    search.run(*sa, 3000);
    for (uint32_t b = 0; b < catalog.slot_count(); b += 13) {
      const LonLat pb = catalog.station(b).position;
      const double straight = distance_m(pa, pb);
      if (straight < 200 || straight > 1000) continue;
      const auto& sb = placed->on_network().snap(b);
      const double walk = sa->snap_m + search.to_snap(*sb) + sb->snap_m;
      if (std::isfinite(walk)) ratios.push_back(walk / straight);
    }
  }
  ASSERT_GT(ratios.size(), 500u);
  std::sort(ratios.begin(), ratios.end());
  const double median = ratios[ratios.size() / 2];
  EXPECT_GT(median, 1.15);
  EXPECT_LT(median, 1.8);
  EXPECT_GE(ratios.front(), 1.0 - 1e-9);
  std::printf("bundled network: walk/straight median %.3f, 90th percentile %.3f over %zu pairs\n",
              median, ratios[ratios.size() * 9 / 10], ratios.size());
}

}  // namespace
}  // namespace sf
