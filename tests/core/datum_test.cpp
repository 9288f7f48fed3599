#include <random>

#include <gtest/gtest.h>

#include "core/datum.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

// Reference values published with the widely used coordtransform library (its test/app.js),
// for the input 116.404, 39.915.
TEST(Datum, ForwardTransformsMatchPublishedReference) {
  const LonLat gcj = wgs84_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(gcj.lon, 116.41024449916938, 1e-10);
  EXPECT_NEAR(gcj.lat, 39.91640428150164, 1e-10);
  const LonLat bd = gcj02_to_bd09({116.404, 39.915});
  EXPECT_NEAR(bd.lon, 116.41036949371029, 1e-10);
  EXPECT_NEAR(bd.lat, 39.92133699351021, 1e-10);
}

TEST(Datum, InversesAgreeWithPublishedApproximations) {
  // coordtransform's inverses are one-step approximations (metre-level); ours iterate to the
  // exact inverse, so they agree to about a metre and round-trip far better.
  const LonLat wgs = gcj02_to_wgs84({116.404, 39.915});
  EXPECT_LT(distance_m(wgs, {116.39775550083061, 39.91359571849836}), 1.5);
  const LonLat gcj = bd09_to_gcj02({116.404, 39.915});
  EXPECT_LT(distance_m(gcj, {116.39762729119315, 39.90865673957631}), 1.5);
}

TEST(Datum, RoundTripsInsideChinaBelowHalfAMetre) {
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> lon(73.0, 135.0), lat(18.0, 53.0);
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    const LonLat p{lon(rng), lat(rng)};
    worst = std::max(worst, distance_m(p, gcj02_to_wgs84(wgs84_to_gcj02(p))));
    worst = std::max(worst, distance_m(p, to_wgs84(from_wgs84(p, Datum::bd09), Datum::bd09)));
    worst = std::max(worst, distance_m(p, from_wgs84(to_wgs84(p, Datum::gcj02), Datum::gcj02)));
  }
  EXPECT_LT(worst, 0.5);
  EXPECT_LT(worst, 0.001);  // in fact millimetres
}

TEST(Datum, OffsetsAreTheKnownSizeInBeijing) {
  const LonLat wgs{116.397, 39.908};
  const double gcj_m = distance_m(wgs, wgs84_to_gcj02(wgs));
  EXPECT_GT(gcj_m, 300);
  EXPECT_LT(gcj_m, 700);
  const double bd_m = distance_m(wgs, from_wgs84(wgs, Datum::bd09));
  EXPECT_GT(bd_m, 800);
  EXPECT_LT(bd_m, 1500);
}

TEST(Datum, OutsideChinaGcjEqualsWgs) {
  for (LonLat p : {LonLat{2.35, 48.85}, LonLat{-74.0, 40.7}, LonLat{151.2, -33.9}}) {
    const LonLat g = wgs84_to_gcj02(p);
    EXPECT_EQ(g.lon, p.lon);
    EXPECT_EQ(g.lat, p.lat);
    const LonLat back = gcj02_to_wgs84(p);
    EXPECT_EQ(back.lon, p.lon);
    EXPECT_EQ(back.lat, p.lat);
  }
}

TEST(Datum, ParsesNames) {
  EXPECT_EQ(parse_datum("GCJ02"), Datum::gcj02);
  EXPECT_EQ(parse_datum("gcj-02"), Datum::gcj02);
  EXPECT_EQ(parse_datum("bd09"), Datum::bd09);
  EXPECT_EQ(parse_datum("WGS84"), Datum::wgs84);
  EXPECT_EQ(parse_datum("EPSG:4326"), Datum::wgs84);
  EXPECT_FALSE(parse_datum("mars"));
}

}  // namespace
}  // namespace sf
