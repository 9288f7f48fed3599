#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/geodesy.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

TEST(Geodesy, KnownDistances) {
  // A quarter of a great circle on the mean-radius sphere.
  EXPECT_NEAR(distance_m({0, 0}, {90, 0}), kPi / 2 * kEarthRadiusM, 1e-6);
  EXPECT_NEAR(distance_m({0, 0}, {0, 90}), kPi / 2 * kEarthRadiusM, 1e-6);
  EXPECT_NEAR(distance_m({0, 0}, {180, 0}), kPi * kEarthRadiusM, 1e-6);
  // One degree of latitude.
  EXPECT_NEAR(distance_m({116, 39}, {116, 40}), kEarthRadiusM * kPi / 180, 1e-6);
  // Across the antimeridian: 0.2 degrees of longitude at the equator.
  EXPECT_NEAR(distance_m({179.9, 0}, {-179.9, 0}), 0.2 * kEarthRadiusM * kPi / 180, 1e-6);
  EXPECT_EQ(distance_m({116.4, 39.9}, {116.4, 39.9}), 0.0);
}

TEST(Geodesy, ChordRanksLikeDistance) {
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> lon(-180, 180), lat(-90, 90);
  for (int i = 0; i < 10000; ++i) {
    const LonLat a{lon(rng), lat(rng)}, b{lon(rng), lat(rng)};
    const Vec3 va = unit_vector(a), vb = unit_vector(b);
    const double chord = norm({va.x - vb.x, va.y - vb.y, va.z - vb.z});
    EXPECT_NEAR(distance_for_chord(chord), distance_m(a, b), 1e-5 + distance_m(a, b) * 1e-9);
    EXPECT_NEAR(chord_for_distance(distance_m(a, b)), chord, 1e-12);
  }
}

TEST(Geodesy, Bearings) {
  EXPECT_NEAR(bearing_deg({116, 39}, {116, 40}), 0, 1e-9);
  EXPECT_NEAR(bearing_deg({116, 39}, {117, 39}), 90, 0.5);
  EXPECT_NEAR(bearing_deg({116, 40}, {116, 39}), 180, 1e-9);
  EXPECT_NEAR(bearing_deg({116, 39}, {115, 39}), 270, 0.5);
  EXPECT_NEAR(bearing_deg({179.9, 0}, {-179.9, 0}), 90, 1e-6);
  const double b = bearing_deg({0, 0}, {-0.0001, 0.0001});
  EXPECT_GE(b, 0);
  EXPECT_LT(b, 360);
  EXPECT_NEAR(b, 315, 0.01);
}

TEST(Geodesy, ProjectOnArc) {
  const LonLat a{116.0, 0.0}, b{117.0, 0.0};  // along the equator
  const ArcProjection mid = project_on_arc({116.5, 0.01}, a, b);
  EXPECT_NEAR(mid.distance_m, distance_m({116.5, 0}, {116.5, 0.01}), 1e-3);
  EXPECT_NEAR(mid.along_m, distance_m(a, {116.5, 0}), 1e-3);
  const ArcProjection before = project_on_arc({115.9, 0.0}, a, b);
  EXPECT_NEAR(before.distance_m, distance_m({115.9, 0}, a), 1e-6);
  EXPECT_EQ(before.along_m, 0);
  const ArcProjection after = project_on_arc({117.2, 0.0}, a, b);
  EXPECT_NEAR(after.along_m, distance_m(a, b), 1e-6);
}

TEST(Geodesy, ValidLonLat) {
  EXPECT_TRUE(is_valid_lonlat(180, 90));
  EXPECT_TRUE(is_valid_lonlat(-180, -90));
  EXPECT_FALSE(is_valid_lonlat(180.0001, 0));
  EXPECT_FALSE(is_valid_lonlat(0, -90.5));
  EXPECT_FALSE(is_valid_lonlat(NAN, 0));
  EXPECT_FALSE(is_valid_lonlat(0, INFINITY));
}

}  // namespace
}  // namespace sf
