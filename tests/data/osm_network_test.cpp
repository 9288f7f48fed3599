// The walking network of the real OpenStreetMap extract ../shared/data/beijing-osm-haidian/
// map.osm (ODbL, © OpenStreetMap contributors): what libosmium's reader keeps, checked against
// GDAL's own OSM driver reading the same file, and walks on it checked against a Dijkstra
// written here. Skipped with a message where the folder is absent, a failure in CI.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <regex>

#include <ogrsf_frmts.h>

#include "core/walk_nearest.hpp"
#include "core/walk_profile.hpp"
#include "io/network_reader.hpp"
#include "test_support.hpp"
#include "walk_reference.hpp"

namespace sf::io {
namespace {

constexpr const char* kHaidian = "beijing-osm-haidian/map.osm";

// GDAL's OSM driver: the walkable lines' total length, by the same profile over its columns
// (highway) and its other_tags ("key"=>"value",...).
double gdal_walkable_metres(const std::string& path) {
  GDALAllRegister();
  GDALDataset* ds = GDALDataset::FromHandle(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  EXPECT_NE(ds, nullptr);
  if (ds == nullptr) return 0;
  OGRLayer* lines = ds->GetLayerByName("lines");
  const std::regex pair(R"re("([^"]*)"=>"([^"]*)")re");
  double total = 0;
  for (auto& f : *lines) {
    std::map<std::string, std::string, std::less<>> tags;
    if (f->IsFieldSetAndNotNull(f->GetFieldIndex("highway")))
      tags["highway"] = f->GetFieldAsString("highway");
    const std::string other = f->IsFieldSetAndNotNull(f->GetFieldIndex("other_tags"))
                                  ? f->GetFieldAsString("other_tags")
                                  : "";
    for (auto it = std::sregex_iterator(other.begin(), other.end(), pair);
         it != std::sregex_iterator(); ++it) {
      tags[(*it)[1].str()] = (*it)[2].str();
    }
    const bool ok = walkable([&](std::string_view key) -> std::string_view {
      const auto t = tags.find(key);
      return t == tags.end() ? std::string_view{} : std::string_view{t->second};
    });
    const OGRGeometry* g = f->GetGeometryRef();
    if (!ok || g == nullptr || wkbFlatten(g->getGeometryType()) != wkbLineString) continue;
    const OGRLineString& line = *g->toLineString();
    for (int i = 0; i + 1 < line.getNumPoints(); ++i) {
      total += distance_m({line.getX(i), line.getY(i)}, {line.getX(i + 1), line.getY(i + 1)});
    }
  }
  GDALClose(ds);
  return total;
}

TEST(OsmNetwork, HaidianAsLibosmiumAndGdalReadIt) {
  SF_SHARED_FILE_OR_SKIP(path, kHaidian);
  const NetworkLines lines = read_network_lines(path, {});
  double total = 0;
  for (const auto& [a, b] : lines.segments) total += distance_m(lines.nodes[a], lines.nodes[b]);
  EXPECT_NEAR(total, gdal_walkable_metres(path), 1.0) << "the same walkable ways, the same km";
  EXPECT_EQ(lines.report.vertices_missing, 0u) << "the API's map call includes every way node";
  const Network net = read_network(path, {});
  const WalkGraph& g = net.graph;
  // Regression anchors for this file (counted by this reader; the km agree with GDAL above).
  EXPECT_EQ(g.node_count(), 1409u);
  EXPECT_EQ(g.segment_count(), 1584u);
  EXPECT_NEAR(g.total_km(), 64.4, 0.05);
  ASSERT_EQ(g.part_sizes().size(), 13u);
  EXPECT_EQ(g.part_sizes()[0], 1124u);
  EXPECT_LT(g.part_sizes()[1], 500u) << "one part large enough to snap to";
  EXPECT_LE(g.bytes(), 48 * g.directed_edge_count()) << "the issue's memory aim";
}

TEST(OsmNetwork, NearestByWalkEqualsAFullDijkstraAndBeatsNoStraightLine) {
  SF_SHARED_FILE_OR_SKIP(path, kHaidian);
  const Network net = read_network(path, {});
  const WalkGraph& g = net.graph;
  std::mt19937_64 rng(test::seed());
  std::uniform_real_distribution<double> lon(116.3440, 116.3597), lat(39.9977, 40.0089);
  std::vector<LonLat> stations(60);
  for (LonLat& s : stations) s = {lon(rng), lat(rng)};
  const StationsOnNetwork on(g, stations, 300);
  WalkSearch search(g);
  size_t reordered = 0, queries = 0;
  std::vector<double> ratios;
  for (int q = 0; q < 200; ++q) {
    const LonLat p{lon(rng), lat(rng)};
    const auto from = g.snap(p, 300);
    if (!from) continue;
    ++queries;
    const std::vector<double> d = test::dijkstra(g, *from);
    std::vector<std::pair<double, uint32_t>> all;
    for (uint32_t s = 0; s < stations.size(); ++s) {
      if (!on.snap(s)) continue;
      const double w = test::walk_m(g, d, *from, *on.snap(s));
      if (std::isfinite(w)) all.emplace_back(w, s);
    }
    std::sort(all.begin(), all.end());
    const auto hits = nearest_by_walk(search, g, on, *from, 5, 1e9, [](uint32_t) { return true; });
    ASSERT_EQ(hits.size(), std::min<size_t>(5, all.size()));
    for (size_t i = 0; i < hits.size(); ++i) {
      EXPECT_NEAR(hits[i].walk_m, all[i].first, 1e-6) << "query " << q << " rank " << i;
      EXPECT_GE(hits[i].walk_m + 1e-6, distance_m(p, stations[hits[i].station]))
          << "a walk is never shorter than the straight line";
      if (hits[i].station != all[i].second) {
        EXPECT_NEAR(test::walk_m(g, d, *from, *on.snap(hits[i].station)), all[i].first, 1e-6)
            << "a tie";
      }
    }
    // The straight-line nearest is not always the nearest on foot.
    uint32_t straight = 0;
    for (uint32_t s = 1; s < stations.size(); ++s) {
      if (distance_m(p, stations[s]) < distance_m(p, stations[straight])) straight = s;
    }
    if (!hits.empty() && hits[0].station != straight) ++reordered;
    for (const auto& [w, s] : all) {
      const double straight_m = distance_m(p, stations[s]);
      if (straight_m >= 200 && straight_m <= 1000) ratios.push_back(w / straight_m);
    }
  }
  EXPECT_GT(queries, 150u);
  EXPECT_GT(reordered, 0u) << "some nearest station by walk is not the straight-line nearest";
  ASSERT_FALSE(ratios.empty());
  std::nth_element(ratios.begin(), ratios.begin() + ratios.size() / 2, ratios.end());
  const double median = ratios[ratios.size() / 2];
  EXPECT_GT(median, 1.1) << "streets are longer than straight lines";
  EXPECT_LT(median, 2.0);
  std::printf(
      "walk/straight median %.3f over %zu pairs 200-1000 m apart; %zu of %zu queries' "
      "nearest by walk is not the straight-line nearest\n",
      median, ratios.size(), reordered, queries);
}

}  // namespace
}  // namespace sf::io
