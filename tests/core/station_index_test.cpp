// The catalog's queries against brute force on the sphere: random data, fixed overridable seed.
#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "core/time.hpp"
#include "test_support.hpp"

namespace sf {
namespace {

std::vector<Station> random_stations(std::mt19937_64& rng, size_t n, double lon0, double lon1,
                                     double lat0, double lat1) {
  std::uniform_real_distribution<double> lon(lon0, lon1), lat(lat0, lat1), u(0, 1);
  static const char* kHours[] = {
      "24/7", "Mo-Fr 09:00-17:00", "Mo-Su 08:00-22:00", "Mo-Su 22:00-06:00", "", "whenever"};
  std::vector<Station> out;
  for (size_t i = 0; i < n; ++i) {
    Station s;
    char id[32];
    std::snprintf(id, sizeof id, "s%06zu", (i * 7919) % 1000003);  // ids not in position order
    s.id = id;
    s.name = (i % 10 == 0) ? "Bank of Tests" : "Shop";
    s.position = {lon(rng), lat(rng)};
    if (s.position.lon > 180) s.position.lon -= 360;
    s.host_type = static_cast<HostType>(rng() % kHostTypeCount);
    s.amenities = static_cast<AmenitySet>(rng() & 0x3ff);
    s.opening_hours = kHours[rng() % 6];
    s.district = (i % 3 == 0) ? "A" : "B";
    out.push_back(s);
  }
  return out;
}

// Great-circle metres the way the catalog reports them: from the chord between unit vectors
// (equal to the haversine distance to about a nanometre; see geodesy_test).
double sphere_distance(LonLat a, LonLat b) {
  return distance_for_chord(chord_between(unit_vector(a), unit_vector(b)));
}

// Brute force: every station, great-circle metres, ties by id.
std::vector<std::pair<double, std::string>> brute(const Catalog& c, const NearestQuery& q) {
  std::vector<std::pair<double, std::string>> all;
  for (uint32_t i = 0; i < c.size(); ++i) {
    const double d = sphere_distance(q.point, c.station(i).position);
    if (d <= q.max_distance_m && c.accepts(i, q.filter)) all.emplace_back(d, c.station(i).id);
  }
  std::sort(all.begin(), all.end());
  std::vector<std::pair<double, std::string>> out;
  for (size_t i = q.offset; i < std::min(all.size(), q.offset + q.k); ++i) out.push_back(all[i]);
  return out;
}

void expect_same(const Catalog& c, const NearestQuery& q, const std::string& what) {
  const Page page = c.nearest(q);
  const auto expected = brute(c, q);
  ASSERT_EQ(page.hits.size(), expected.size()) << what;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(c.station(page.hits[i].index).id, expected[i].second) << what << " rank " << i;
    EXPECT_DOUBLE_EQ(page.hits[i].distance_m, expected[i].first) << what << " rank " << i;
  }
}

TEST(StationIndex, NearestMatchesBruteForceOnRandomData) {
  std::mt19937_64 rng(test::seed());
  const Catalog c(random_stations(rng, 5000, 115.4, 117.5, 39.4, 41.1), {});
  std::uniform_real_distribution<double> lon(115.0, 118.0), lat(39.0, 41.5);
  for (int i = 0; i < 2000; ++i) {
    NearestQuery q;
    q.point = {lon(rng), lat(rng)};
    q.k = 1 + rng() % 20;
    q.offset = (i % 5 == 0) ? rng() % 30 : 0;
    expect_same(c, q, "query " + std::to_string(i));
  }
}

TEST(StationIndex, FiltersRunInsideTheTraversal) {
  std::mt19937_64 rng(test::seed() + 1);
  const Catalog c(random_stations(rng, 5000, 116.0, 117.0, 39.6, 40.4), {});
  std::uniform_real_distribution<double> lon(116.0, 117.0), lat(39.6, 40.4);
  const int week_minute = shanghai_minute_of_week(*parse_iso8601("2026-11-25T23:30"));
  for (int i = 0; i < 1500; ++i) {
    NearestQuery q;
    q.point = {lon(rng), lat(rng)};
    q.k = 5;
    switch (i % 6) {
      case 0:
        q.filter.amenities = amenity_bit(Amenity::toilet) | amenity_bit(Amenity::water);
        break;
      case 1:
        q.filter.host_types = host_type_bit(HostType::bank);
        break;
      case 2:
        q.filter.open_at_minute_of_week = week_minute;
        break;
      case 3:
        q.filter.text = "bank of";
        break;
      case 4:
        q.filter.district = "A";
        q.max_distance_m = 8000;
        break;
      default:  // a selective mix: about 1 station in 100 matches
        q.filter.amenities = 0x3f;
        q.filter.host_types = host_type_bit(HostType::gas_station) | host_type_bit(HostType::bank);
    }
    expect_same(c, q, "filtered query " + std::to_string(i));
    // 5 results whenever 5 exist, however many closer ones the filter refused.
    size_t matching = 0;
    for (uint32_t s = 0; s < c.size(); ++s) {
      if (sphere_distance(q.point, c.station(s).position) <= q.max_distance_m &&
          c.accepts(s, q.filter))
        ++matching;
    }
    EXPECT_EQ(c.nearest(q).hits.size(), std::min<size_t>(5, matching));
    EXPECT_EQ(c.nearest(q).total, matching);
  }
}

TEST(StationIndex, AntimeridianAndPoles) {
  std::mt19937_64 rng(test::seed() + 2);
  auto stations = random_stations(rng, 1500, 170.0, 190.0, -10, 10);  // wraps past 180
  auto polar = random_stations(rng, 1500, -180, 180, 85, 90);
  for (size_t i = 0; i < polar.size(); ++i) polar[i].id = "p" + polar[i].id;
  stations.insert(stations.end(), polar.begin(), polar.end());
  const Catalog c(std::move(stations), {});
  for (LonLat p : {LonLat{180, 0}, LonLat{-180, 0}, LonLat{179.999, 1}, LonLat{-179.999, -1},
                   LonLat{0, 90}, LonLat{123, 89.9}, LonLat{-60, 86}, LonLat{0, -90}}) {
    for (size_t k : {1, 7, 50}) {
      NearestQuery q;
      q.point = p;
      q.k = k;
      expect_same(c, q, "point " + std::to_string(p.lon) + "," + std::to_string(p.lat));
    }
  }
  // The nearest to a point just east of the antimeridian can lie just west of it.
  NearestQuery q;
  q.point = {-179.9999, 0.0};
  q.k = 1;
  const Page page = c.nearest(q);
  ASSERT_EQ(page.hits.size(), 1u);
  EXPECT_LT(page.hits[0].distance_m, 200'000);
}

TEST(StationIndex, KLargerThanMatchesAndEdgeSizes) {
  for (size_t n : {0, 1, 2, 16, 17, 300}) {
    std::mt19937_64 rng(test::seed() + n);
    const Catalog c(random_stations(rng, n, 116, 117, 39, 40), {});
    NearestQuery q;
    q.point = {116.5, 39.5};
    q.k = 100;
    expect_same(c, q, "n=" + std::to_string(n));
    EXPECT_EQ(c.nearest(q).hits.size(), std::min<size_t>(n, 100));
  }
}

TEST(StationIndex, TiesAreBrokenById) {
  std::vector<Station> stations;
  for (const char* id : {"z", "m", "a", "q", "b"}) {
    Station s;
    s.id = id;
    s.position = {116.4, 39.9};  // all at one spot
    stations.push_back(s);
  }
  Station far;
  far.id = "0far";
  far.position = {116.41, 39.9};
  stations.push_back(far);
  const Catalog c(std::move(stations), {});
  NearestQuery q;
  q.point = {116.3, 39.9};
  q.k = 3;
  const Page page = c.nearest(q);
  ASSERT_EQ(page.hits.size(), 3u);
  EXPECT_EQ(c.station(page.hits[0].index).id, "a");
  EXPECT_EQ(c.station(page.hits[1].index).id, "b");
  EXPECT_EQ(c.station(page.hits[2].index).id, "m");
  q.offset = 3;
  const Page next = c.nearest(q);
  ASSERT_EQ(next.hits.size(), 3u);
  EXPECT_EQ(c.station(next.hits[0].index).id, "q");
  EXPECT_EQ(c.station(next.hits[1].index).id, "z");
  EXPECT_EQ(c.station(next.hits[2].index).id, "0far");
}

TEST(StationIndex, WithinRadiusAndBboxMatchBruteForce) {
  std::mt19937_64 rng(test::seed() + 3);
  const Catalog c(random_stations(rng, 4000, 116.0, 117.0, 39.5, 40.5), {});
  std::uniform_real_distribution<double> lon(116.0, 117.0), lat(39.5, 40.5), r(100, 20000);
  for (int i = 0; i < 300; ++i) {
    const LonLat center{lon(rng), lat(rng)};
    const double radius = r(rng);
    StationFilter f;
    if (i % 2) f.amenities = amenity_bit(Amenity::charging);
    const Page page = c.within_radius(center, radius, f, 0, 100000);
    std::vector<std::pair<double, std::string>> want;
    for (uint32_t s = 0; s < c.size(); ++s) {
      const double d = sphere_distance(center, c.station(s).position);
      if (d <= radius && c.accepts(s, f)) want.emplace_back(d, c.station(s).id);
    }
    std::sort(want.begin(), want.end());
    ASSERT_EQ(page.total, want.size());
    for (size_t j = 0; j < want.size(); ++j)
      EXPECT_EQ(c.station(page.hits[j].index).id, want[j].second);

    BBox box{lon(rng), lat(rng), 0, 0};
    box.east = box.west + 0.2;
    box.north = box.south + 0.15;
    const Page in_box = c.in_bbox(box, f, 0, 100000);
    std::vector<std::string> ids;
    for (uint32_t s = 0; s < c.size(); ++s) {
      if (box.contains(c.station(s).position) && c.accepts(s, f)) ids.emplace_back(c.station(s).id);
    }
    std::sort(ids.begin(), ids.end());
    ASSERT_EQ(in_box.total, ids.size());
    for (size_t j = 0; j < ids.size(); ++j) EXPECT_EQ(c.station(in_box.hits[j].index).id, ids[j]);
  }
}

TEST(StationIndex, BboxAcrossTheAntimeridian) {
  std::mt19937_64 rng(test::seed() + 4);
  const Catalog c(random_stations(rng, 2000, 170.0, 190.0, -5, 5), {});
  const BBox box{178.0, -2.0, -178.0, 2.0};  // west > east: crosses 180
  const Page page = c.in_bbox(box, {}, 0, 100000);
  size_t want = 0;
  for (uint32_t s = 0; s < c.size(); ++s) {
    const LonLat p = c.station(s).position;
    if (p.lat >= -2 && p.lat <= 2 && (p.lon >= 178 || p.lon <= -178)) ++want;
  }
  EXPECT_GT(want, 0u);
  EXPECT_EQ(page.total, want);
}

TEST(StationIndex, AlongRouteOrdersByOffset) {
  std::vector<Station> stations;
  auto add = [&](const char* id, double lon, double lat) {
    Station s;
    s.id = id;
    s.position = {lon, lat};
    stations.push_back(s);
  };
  // A route due east along latitude 39.9 from 116.30 to 116.40 (about 8.5 km).
  add("near-start", 116.301, 39.901);  // ~140 m north of the route
  add("near-end", 116.399, 39.8995);   // ~55 m south
  add("middle", 116.35, 39.9);         // on it
  add("far", 116.35, 39.95);           // 5.5 km away
  add("beyond-end", 116.4025, 39.9);   // 210 m past the end
  const Catalog c(std::move(stations), {});
  const Page page = c.along_route({{116.30, 39.9}, {116.40, 39.9}}, 300, {}, 0, 100);
  ASSERT_EQ(page.hits.size(), 4u);
  EXPECT_EQ(c.station(page.hits[0].index).id, "near-start");
  EXPECT_EQ(c.station(page.hits[1].index).id, "middle");
  EXPECT_EQ(c.station(page.hits[2].index).id, "near-end");
  EXPECT_EQ(c.station(page.hits[3].index).id, "beyond-end");
  EXPECT_NEAR(page.hits[1].route_offset_m, distance_m({116.30, 39.9}, {116.35, 39.9}), 1.0);
  EXPECT_NEAR(page.hits[1].distance_m, 0,
              2.0);  // the great circle bulges ~1.2 m north of the parallel
  EXPECT_NEAR(page.hits[0].distance_m, distance_m({116.301, 39.9}, {116.301, 39.901}), 1.0);
  EXPECT_NEAR(page.hits[3].distance_m, distance_m({116.40, 39.9}, {116.4025, 39.9}), 0.5);
  EXPECT_NEAR(page.hits[3].route_offset_m, distance_m({116.30, 39.9}, {116.40, 39.9}), 0.5);
}

}  // namespace
}  // namespace sf
