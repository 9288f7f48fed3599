// The network readers on files the tests write: OpenStreetMap XML through libosmium (the
// walking profile, junctions by node id, a cut extract) and OGR line layers (junctions at
// shared vertices, the walkable column, the profile's columns, a datum), and their errors.
#include "io/network_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/datum.hpp"
#include "core/errors.hpp"
#include "io/network_writer.hpp"
#include "test_support.hpp"

namespace sf::io {
namespace {

NetworkReadOptions min_part(size_t nodes) {
  NetworkReadOptions o;
  o.min_part_nodes = nodes;
  return o;
}

NetworkReadOptions with_crs(const std::string& crs) {
  NetworkReadOptions o;
  o.crs = crs;
  return o;
}

std::string osm_node(long id, double lon, double lat) {
  char buf[160];
  std::snprintf(buf, sizeof buf, R"(<node id="%ld" lat="%.7f" lon="%.7f"/>)", id, lat, lon);
  return buf;
}

std::string osm_way(long id, std::initializer_list<long> nodes,
                    std::initializer_list<std::pair<const char*, const char*>> tags) {
  std::string s = "<way id=\"" + std::to_string(id) + "\">";
  for (long n : nodes) s += "<nd ref=\"" + std::to_string(n) + "\"/>";
  for (const auto& [k, v] : tags) s += std::string("<tag k=\"") + k + "\" v=\"" + v + "\"/>";
  return s + "</way>";
}

// Five nodes on a line 0.001° apart (node 6 is referenced, never located), and ways over them.
std::string small_osm() {
  std::string s = R"(<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">)";
  for (long i = 1; i <= 5; ++i) s += osm_node(i, 116.3 + 0.001 * i, 40.0);
  s += osm_node(7, 116.301, 40.001);
  s += osm_way(10, {1, 2, 3},
               {{"highway", "residential"}, {"oneway", "yes"}, {"name", "东四北大街"}});
  s += osm_way(11, {3, 4}, {{"highway", "footway"}});
  s += osm_way(12, {4, 5}, {{"highway", "motorway"}, {"foot", "yes"}});  // never walkable
  s += osm_way(13, {4, 6, 5}, {{"highway", "path"}});                    // 6 is not in the file
  s += osm_way(14, {1, 7}, {{"highway", "service"}, {"access", "private"}});
  s += osm_way(15, {2, 7}, {{"building", "yes"}});
  return s + "</osm>";
}

TEST(NetworkReader, OsmWaysByTheWalkingProfile) {
  const auto dir = test::temp_dir("network_osm");
  const std::string path = (dir / "small.osm").string();
  test::write_file(path, small_osm());
  const NetworkLines lines = read_network_lines(path, {});
  EXPECT_EQ(lines.report.format, "osm");
  EXPECT_EQ(lines.report.lines_read, 6u);
  EXPECT_EQ(lines.report.lines_walkable, 2u);  // 10 and 11; 13 has no located pair
  EXPECT_EQ(lines.report.vertices_missing, 1u);
  ASSERT_EQ(lines.nodes.size(), 5u);  // 1-5: node 6 has no location, 7 is on no walkable way
  ASSERT_EQ(lines.segments.size(), 3u);
  double total = 0;
  for (const auto& [a, b] : lines.segments) total += distance_m(lines.nodes[a], lines.nodes[b]);
  EXPECT_NEAR(total, distance_m({116.301, 40.0}, {116.304, 40.0}), 1e-6);
  const Network net = read_network(path, min_part(1));
  EXPECT_EQ(net.graph.segment_count(), 3u);
  EXPECT_EQ(net.graph.part_sizes().size(), 2u);  // 1-2-3-4 and node 5 alone
  EXPECT_EQ(net.graph.part_sizes()[0], 4u);
}

TEST(NetworkReader, OsmErrorsNameTheFile) {
  const auto dir = test::temp_dir("network_osm_errors");
  const std::string cut = (dir / "cut.osm").string();
  const std::string whole = small_osm();
  test::write_file(cut, whole.substr(0, whole.size() / 2));
  try {
    read_network_lines(cut, {});
    FAIL() << "a truncated file was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::data_invalid);
    EXPECT_EQ(e.parameter(), cut);
    EXPECT_NE(std::string(e.what()).find("OpenStreetMap"), std::string::npos) << e.what();
  }
  const std::string none = (dir / "none.osm").string();
  test::write_file(none, R"(<osm version="0.6">)" + osm_node(1, 116, 40) + osm_node(2, 116.1, 40) +
                             osm_way(3, {1, 2}, {{"railway", "rail"}}) + "</osm>");
  try {
    read_network_lines(none, {});
    FAIL() << "a file without streets was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::data_invalid);
    EXPECT_NE(std::string(e.what()).find("no walkable street"), std::string::npos) << e.what();
  }
  try {
    read_network_lines((dir / "absent.osm.pbf").string(), {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::data_source_unreadable);
  }
  const std::string ok = (dir / "ok.osm").string();
  test::write_file(ok, small_osm());
  try {
    read_network_lines(ok, with_crs("gcj02"));
    FAIL() << "an OSM file cannot be GCJ-02";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parameter_invalid);
    EXPECT_EQ(e.parameter(), "network_crs");
  }
}

// libosmium multiplies an int64 by ten once per exponent digit: "1e308" overflowed it (undefined
// behaviour that UBSan stops on; fuzz_network found it). Built with -fwrapv it wraps instead, so
// the file reads as some coordinate and every node that comes out is a valid WGS84 point.
TEST(NetworkReader, AnOverflowingCoordinateIsDefinedBehaviour) {
  const auto dir = test::temp_dir("network_osm_overflow");
  const std::string path = (dir / "exponent.osm").string();
  test::write_file(path, R"(<osm version="0.6"><node id="1" lat="40" lon="1e308"/>)" +
                             osm_node(2, 116.1, 40) + osm_node(3, 116.2, 40) +
                             osm_way(4, {1, 2, 3}, {{"highway", "footway"}}) + "</osm>");
  const NetworkLines lines = read_network_lines(path, {});
  EXPECT_EQ(lines.report.lines_walkable, 1u);
  for (const LonLat& p : lines.nodes) EXPECT_TRUE(is_valid_lonlat(p.lon, p.lat));
  EXPECT_GE(lines.segments.size(), 1u);
}

// Each piece keeps its way's class and name, through the graph's own order and through the
// writer (GeoPackage and PBF) and back.
TEST(NetworkReader, ClassesAndNamesFollowTheStreets) {
  const auto dir = test::temp_dir("network_labels");
  const std::string path = (dir / "small.osm").string();
  test::write_file(path, small_osm());
  const Network net = read_network(path, min_part(1));
  ASSERT_EQ(net.segment_labels.size(), net.graph.segment_count());
  auto label = [](const Network& n, LonLat a, LonLat b) -> StreetLabel {
    for (uint32_t s = 0; s < n.graph.segment_count(); ++s) {
      const auto [x, y] = n.graph.segment_nodes(s);
      const LonLat p = n.graph.node(x), q = n.graph.node(y);
      auto same = [](LonLat u, LonLat v) {
        return std::abs(u.lon - v.lon) + std::abs(u.lat - v.lat) < 1e-7;
      };
      if ((same(p, a) && same(q, b)) || (same(p, b) && same(q, a)))
        return n.labels.label(n.segment_labels[s]);
    }
    return {"missing", "missing"};
  };
  const LonLat n1{116.301, 40.0}, n2{116.302, 40.0}, n3{116.303, 40.0}, n4{116.304, 40.0};
  EXPECT_EQ(label(net, n1, n2).street_class, "residential");
  EXPECT_EQ(label(net, n1, n2).name, "东四北大街");
  EXPECT_EQ(label(net, n3, n4).street_class, "footway");
  EXPECT_EQ(label(net, n3, n4).name, "");
  for (const char* out : {"labels.gpkg", "labels.osm.pbf"}) {
    const std::string file = (dir / out).string();
    write_network(file, net.graph, net.labels, net.segment_labels);
    const Network back = read_network(file, min_part(1));
    EXPECT_EQ(back.graph.segment_count(), net.graph.segment_count()) << out;
    EXPECT_EQ(label(back, n1, n2).street_class, "residential") << out;
    EXPECT_EQ(label(back, n1, n2).name, "东四北大街") << out;
    EXPECT_EQ(label(back, n3, n4).street_class, "footway") << out;
  }
  // A layer without classes is written as footways, and reads back walkable.
  const std::string bare = (dir / "bare.gpkg").string();
  write_network(bare, net.graph, StreetLabels(), {});
  EXPECT_EQ(read_network(bare, min_part(1)).graph.segment_count(), net.graph.segment_count());
}

std::string feature(const std::string& properties, const std::string& coordinates,
                    const char* type = "LineString") {
  return R"({"type":"Feature","properties":)" + properties + R"(,"geometry":{"type":")" + type +
         R"(","coordinates":)" + coordinates + "}}";
}

std::string collection(std::initializer_list<std::string> features) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  for (const std::string& f : features) {
    if (!first) s += ",";
    s += f;
    first = false;
  }
  return s + "]}";
}

TEST(NetworkReader, LinesMeetAtSharedVertices) {
  const auto dir = test::temp_dir("network_lines");
  const std::string path = (dir / "lines.geojson").string();
  // An L of two lines sharing (116.31,40), a third line crossing the first without a shared
  // vertex (no junction: a bridge), and a point feature (not a street).
  test::write_file(path,
                   collection({
                       feature("{}", "[[116.30,40.0],[116.305,40.0],[116.31,40.0]]"),
                       feature("{}", "[[116.31,40.0],[116.31,40.01]]"),
                       feature("{}", "[[116.305,39.99],[116.305,40.01]]"),
                       feature("{}", "[116.3,40.0]", "Point"),
                       feature("{}", "[[[116.4,40.0],[116.41,40.0]],[[116.41,40.0],[116.41,40.1]]]",
                               "MultiLineString"),
                   }));
  const NetworkLines lines = read_network_lines(path, {});
  EXPECT_EQ(lines.report.format, "GeoJSON");
  EXPECT_EQ(lines.report.lines_read, 5u);
  EXPECT_EQ(lines.report.lines_walkable, 4u);
  EXPECT_NE(lines.report.walkable_rule.find("every line"), std::string::npos);
  EXPECT_EQ(lines.nodes.size(), 3u + 1u + 2u + 3u);
  EXPECT_EQ(lines.segments.size(), 2u + 1u + 1u + 2u);
  const Network net = read_network(path, min_part(1));
  ASSERT_EQ(net.graph.part_sizes().size(), 3u);
  EXPECT_EQ(net.graph.part_sizes()[0], 4u);  // the L; the crossing line is a part of its own
}

TEST(NetworkReader, TheWalkableColumnAndTheProfileColumns) {
  const auto dir = test::temp_dir("network_columns");
  const std::string flagged = (dir / "flagged.geojson").string();
  test::write_file(flagged, collection({
                                feature(R"({"walkable":1})", "[[116.30,40.0],[116.31,40.0]]"),
                                feature(R"({"walkable":"no"})", "[[116.31,40.0],[116.32,40.0]]"),
                                feature(R"({"walkable":null})", "[[116.32,40.0],[116.33,40.0]]"),
                            }));
  NetworkLines lines = read_network_lines(flagged, {});
  EXPECT_EQ(lines.report.walkable_rule, "the walkable column");
  EXPECT_EQ(lines.segments.size(), 2u);  // 1 and null; "no" is left out
  const std::string bad = (dir / "bad.geojson").string();
  test::write_file(bad,
                   collection({feature(R"({"walkable":"maybe"})", "[[116.3,40],[116.31,40]]")}));
  try {
    read_network_lines(bad, {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::data_invalid);
    EXPECT_NE(std::string(e.what()).find("row 1: walkable must be"), std::string::npos) << e.what();
  }
  const std::string tagged = (dir / "tagged.geojson").string();
  test::write_file(
      tagged,
      collection({
          feature(R"({"highway":"residential"})", "[[116.30,40.0],[116.31,40.0]]"),
          feature(R"({"highway":"motorway"})", "[[116.31,40.0],[116.32,40.0]]"),
          feature(R"({"highway":"trunk","sidewalk":"both"})", "[[116.32,40.0],[116.33,40.0]]"),
          feature(R"({"highway":"trunk"})", "[[116.33,40.0],[116.34,40.0]]"),
          feature(R"({"highway":"footway","foot":"no"})", "[[116.34,40.0],[116.35,40.0]]"),
          feature(R"({"highway":null})", "[[116.35,40.0],[116.36,40.0]]"),
      }));
  lines = read_network_lines(tagged, {});
  EXPECT_NE(lines.report.walkable_rule.find("walking profile"), std::string::npos);
  EXPECT_EQ(lines.report.lines_walkable, 2u);  // residential, trunk with a sidewalk
}

TEST(NetworkReader, ALayerInGcj02IsConverted) {
  const auto dir = test::temp_dir("network_gcj02");
  const LonLat a{116.30, 40.0}, b{116.31, 40.0};
  const LonLat ga = wgs84_to_gcj02(a), gb = wgs84_to_gcj02(b);
  char coords[200];
  std::snprintf(coords, sizeof coords, "[[%.9f,%.9f],[%.9f,%.9f]]", ga.lon, ga.lat, gb.lon, gb.lat);
  const std::string path = (dir / "gcj.geojson").string();
  test::write_file(path, collection({feature("{}", coords)}));
  const NetworkLines lines = read_network_lines(path, with_crs("gcj02"));
  ASSERT_EQ(lines.nodes.size(), 2u);
  EXPECT_LT(distance_m(lines.nodes[0], a), 0.5);
  EXPECT_LT(distance_m(lines.nodes[1], b), 0.5);
}

}  // namespace
}  // namespace sf::io
