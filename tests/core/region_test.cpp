#include <gtest/gtest.h>

#include "core/region.hpp"

namespace sf {
namespace {

Ring square(double w, double s, double e, double n) {
  return {{w, s}, {e, s}, {e, n}, {w, n}, {w, s}};
}

TEST(Region, PolygonWithHole) {
  const Region r({{square(0, 0, 10, 10), square(4, 4, 6, 6)}});
  EXPECT_TRUE(r.contains({1, 1}));
  EXPECT_TRUE(r.contains({9.9, 5}));
  EXPECT_FALSE(r.contains({5, 5}));  // in the hole
  EXPECT_FALSE(r.contains({11, 5}));
  EXPECT_EQ(r.bbox().west, 0);
  EXPECT_EQ(r.bbox().north, 10);
  EXPECT_EQ(r.vertex_count(), 10u);
}

TEST(Region, MultiPolygon) {
  const Region r({{square(0, 0, 1, 1)}, {square(5, 5, 6, 6)}});
  EXPECT_TRUE(r.contains({0.5, 0.5}));
  EXPECT_TRUE(r.contains({5.5, 5.5}));
  EXPECT_FALSE(r.contains({3, 3}));
  EXPECT_EQ(r.bbox().east, 6);
}

TEST(Region, ConcavePolygon) {
  // A U shape: the notch is outside.
  const Ring u = {{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}};
  const Region r({{u}});
  EXPECT_TRUE(r.contains({0.5, 2}));
  EXPECT_TRUE(r.contains({2.5, 2}));
  EXPECT_FALSE(r.contains({1.5, 2}));
  EXPECT_TRUE(r.contains({1.5, 0.5}));
}

TEST(BBox, AntimeridianContains) {
  const BBox b{170, -10, -170, 10};
  EXPECT_TRUE(b.crosses_antimeridian());
  EXPECT_TRUE(b.contains({175, 0}));
  EXPECT_TRUE(b.contains({-175, 0}));
  EXPECT_FALSE(b.contains({0, 0}));
  EXPECT_FALSE(b.contains({175, 11}));
}

}  // namespace
}  // namespace sf
