// The bundled synthetic Beijing dataset: what the server serves with no --data.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "io/dataset.hpp"
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
