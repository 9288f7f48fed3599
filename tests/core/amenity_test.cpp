#include <gtest/gtest.h>

#include "core/amenity.hpp"

namespace sf {
namespace {

TEST(Amenity, NamesAndAliases) {
  EXPECT_EQ(parse_amenity("toilet"), Amenity::toilet);
  EXPECT_EQ(parse_amenity("Microwave"), Amenity::hot_meal);
  EXPECT_EQ(parse_amenity("HOT_MEAL"), Amenity::hot_meal);
  EXPECT_FALSE(parse_amenity("jacuzzi"));
  for (std::string_view n : all_amenity_names()) {
    auto a = parse_amenity(n);
    ASSERT_TRUE(a) << n;
    EXPECT_EQ(amenity_name(*a), n);
  }
  EXPECT_EQ(all_amenity_names().size(), static_cast<size_t>(kAmenityCount));
}

TEST(Amenity, SetsAndLists) {
  const AmenitySet s = amenity_bit(Amenity::water) | amenity_bit(Amenity::wifi);
  const auto names = amenity_names(s);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "water");
  EXPECT_EQ(names[1], "wifi");
  EXPECT_EQ(split_list("water, toilet;charging|wifi"),
            (std::vector<std::string>{"water", "toilet", "charging", "wifi"}));
  EXPECT_EQ(split_list(R"(["water","toilet"])"), (std::vector<std::string>{"water", "toilet"}));
  EXPECT_TRUE(split_list("  ").empty());
}

TEST(HostType, NamesAndAliases) {
  EXPECT_EQ(parse_host_type("bank"), HostType::bank);
  EXPECT_EQ(parse_host_type("Gas_Station"), HostType::gas_station);
  EXPECT_EQ(parse_host_type("real_estate"), HostType::real_estate_agency);
  EXPECT_FALSE(parse_host_type("casino"));
  EXPECT_EQ(all_host_type_names().size(), static_cast<size_t>(kHostTypeCount));
}

}  // namespace
}  // namespace sf
