#include "core/walk_profile.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace sf {
namespace {

bool walkable_tags(const std::map<std::string, std::string, std::less<>>& tags) {
  return walkable([&](std::string_view key) -> std::string_view {
    const auto it = tags.find(key);
    return it == tags.end() ? std::string_view{} : std::string_view{it->second};
  });
}

TEST(WalkProfile, TheWalkableClasses) {
  for (const char* c :
       {"primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
        "unclassified", "residential", "living_street", "service", "pedestrian", "footway", "path",
        "steps", "track", "cycleway", "road", "bridleway", "corridor"}) {
    EXPECT_TRUE(walkable_tags({{"highway", c}})) << c;
    EXPECT_TRUE(walkable_tags({{"highway", c}, {"oneway", "yes"}})) << c << ": oneway is ignored";
  }
  for (const char* c :
       {"bus_guideway", "raceway", "platform", "elevator", "abandoned", "Residential", "", "yes"}) {
    EXPECT_FALSE(walkable_tags({{"highway", c}})) << c;
  }
  EXPECT_FALSE(walkable_tags({})) << "no highway tag";
  EXPECT_FALSE(walkable_tags({{"railway", "rail"}, {"foot", "yes"}})) << "not a highway";
}

TEST(WalkProfile, TrunksOnlyWithASidewalk) {
  for (const char* c : {"trunk", "trunk_link"}) {
    EXPECT_FALSE(walkable_tags({{"highway", c}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"sidewalk", "no"}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"sidewalk", "none"}})) << c;
    EXPECT_TRUE(walkable_tags({{"highway", c}, {"sidewalk", "both"}})) << c;
    EXPECT_TRUE(walkable_tags({{"highway", c}, {"sidewalk", "left"}})) << c;
    EXPECT_TRUE(walkable_tags({{"highway", c}, {"sidewalk", "separate"}})) << c;
    EXPECT_TRUE(walkable_tags({{"highway", c}, {"sidewalk:right", "yes"}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"sidewalk:both", "no"}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"sidewalk", "both"}, {"foot", "no"}})) << c;
  }
}

TEST(WalkProfile, MotorwaysNever) {
  for (const char* c : {"motorway", "motorway_link"}) {
    EXPECT_FALSE(walkable_tags({{"highway", c}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"foot", "yes"}})) << c;
    EXPECT_FALSE(walkable_tags({{"highway", c}, {"sidewalk", "both"}})) << c;
  }
}

TEST(WalkProfile, FootPermissionOpensAnyHighway) {
  for (const char* foot : {"yes", "designated", "permissive"}) {
    EXPECT_TRUE(walkable_tags({{"highway", "trunk"}, {"foot", foot}})) << foot;
    EXPECT_TRUE(walkable_tags({{"highway", "raceway"}, {"foot", foot}})) << foot;
    EXPECT_TRUE(walkable_tags({{"highway", "service"}, {"access", "private"}, {"foot", foot}}))
        << foot << " wins over access";
    EXPECT_FALSE(walkable_tags({{"highway", "construction"}, {"foot", foot}})) << foot;
    EXPECT_FALSE(walkable_tags({{"highway", "proposed"}, {"foot", foot}})) << foot;
  }
  EXPECT_FALSE(walkable_tags({{"highway", "construction"}}));
  EXPECT_FALSE(walkable_tags({{"highway", "proposed"}}));
}

TEST(WalkProfile, FootNoOrClosedAccessExcludes) {
  EXPECT_FALSE(walkable_tags({{"highway", "residential"}, {"foot", "no"}}));
  EXPECT_FALSE(walkable_tags({{"highway", "footway"}, {"access", "no"}}));
  EXPECT_FALSE(walkable_tags({{"highway", "service"}, {"access", "private"}}));
  EXPECT_TRUE(walkable_tags({{"highway", "service"}, {"access", "destination"}}));
  EXPECT_TRUE(walkable_tags({{"highway", "service"}, {"access", "customers"}}));
  EXPECT_TRUE(walkable_tags({{"highway", "residential"}, {"foot", "use_sidepath"}}))
      << "only foot=no excludes";
}

}  // namespace
}  // namespace sf
