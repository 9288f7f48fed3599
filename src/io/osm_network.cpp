// OpenStreetMap → network lines with libosmium, in two passes over the file: the walkable ways
// and their node ids first, then the locations of just those nodes. Every node of a walkable
// way is a graph node (junctions are the nodes ways share); a way node the file does not
// locate (an extract cut at its edge) drops the two segments beside it.
#include <algorithm>
#include <filesystem>

#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include "core/errors.hpp"
#include "core/walk_profile.hpp"
#include "io/network_reader.hpp"

namespace sf::io {

namespace {

struct WalkableWays {
  std::vector<osmium::object_id_type> refs;  // every walkable way's node ids, one after another
  std::vector<size_t> begins;                // where each way starts in refs, and the end
  std::vector<uint32_t> way_labels;          // each way's highway= and name=, in `labels`
  StreetLabels labels;
  size_t ways_read = 0;
};

WalkableWays read_walkable_ways(const osmium::io::File& file) {
  WalkableWays ways;
  ways.begins.push_back(0);
  osmium::io::Reader reader(file, osmium::osm_entity_bits::way, osmium::io::read_meta::no);
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Way& way : buffer.select<osmium::Way>()) {
      ++ways.ways_read;
      const osmium::TagList& tags = way.tags();
      const auto tag = [&tags](std::string_view key) -> std::string_view {
        for (const osmium::Tag& t : tags) {
          if (key == t.key()) return t.value();
        }
        return {};
      };
      if (way.nodes().size() < 2 || !walkable(tag)) continue;
      for (const osmium::NodeRef& n : way.nodes()) ways.refs.push_back(n.ref());
      ways.begins.push_back(ways.refs.size());
      ways.way_labels.push_back(ways.labels.intern(tag("highway"), tag("name")));
    }
  }
  reader.close();
  return ways;
}

// The positions of the sorted node ids `ids`, and which of them the file locates.
void locate_nodes(const osmium::io::File& file, const std::vector<osmium::object_id_type>& ids,
                  std::vector<LonLat>& positions, std::vector<bool>& located) {
  positions.assign(ids.size(), LonLat{});
  located.assign(ids.size(), false);
  osmium::io::Reader reader(file, osmium::osm_entity_bits::node, osmium::io::read_meta::no);
  while (osmium::memory::Buffer buffer = reader.read()) {
    for (const osmium::Node& node : buffer.select<osmium::Node>()) {
      const auto it = std::lower_bound(ids.begin(), ids.end(), node.id());
      if (it == ids.end() || *it != node.id()) continue;
      const osmium::Location loc = node.location();
      if (!loc.valid()) continue;
      const LonLat p{loc.lon(), loc.lat()};
      if (!is_valid_lonlat(p.lon, p.lat)) continue;
      const auto i = static_cast<size_t>(it - ids.begin());
      positions[i] = p;
      located[i] = true;
    }
  }
  reader.close();
}

NetworkLines lines_of(WalkableWays& ways, const std::vector<osmium::object_id_type>& ids,
                      const std::vector<LonLat>& positions, const std::vector<bool>& located) {
  NetworkLines lines;
  std::vector<uint32_t> node_of(ids.size(), UINT32_MAX);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!located[i]) continue;
    node_of[i] = static_cast<uint32_t>(lines.nodes.size());
    lines.nodes.push_back(positions[i]);
  }
  const auto node = [&](osmium::object_id_type id) {
    return node_of[static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin())];
  };
  for (size_t w = 0; w + 1 < ways.begins.size(); ++w) {
    const size_t before = lines.segments.size();
    for (size_t r = ways.begins[w]; r < ways.begins[w + 1]; ++r) {
      const uint32_t n = node(ways.refs[r]);
      if (n == UINT32_MAX) ++lines.report.vertices_missing;
      if (r + 1 == ways.begins[w + 1]) break;
      const uint32_t next = node(ways.refs[r + 1]);
      if (n != UINT32_MAX && next != UINT32_MAX && n != next) {
        lines.segments.emplace_back(n, next);
        lines.segment_labels.push_back(ways.way_labels[w]);
      }
    }
    if (lines.segments.size() > before) ++lines.report.lines_walkable;
  }
  lines.labels = std::move(ways.labels);
  return lines;
}

NetworkLines read_osm(const osmium::io::File& file, const std::string& source) {
  try {
    WalkableWays ways = read_walkable_ways(file);
    std::vector<osmium::object_id_type> ids = ways.refs;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<LonLat> positions;
    std::vector<bool> located;
    locate_nodes(file, ids, positions, located);
    NetworkLines lines = lines_of(ways, ids, positions, located);
    lines.report.source = source;
    lines.report.format = "osm";
    lines.report.crs = "WGS84";
    lines.report.walkable_rule = "the walking profile (highway, foot, access, sidewalk tags)";
    lines.report.lines_read = ways.ways_read;
    return lines;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::data_invalid, source,
                std::string("it cannot be read as OpenStreetMap: ") + e.what());
  }
}

}  // namespace

NetworkLines read_osm_lines(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw Error(ErrorCode::data_source_unreadable, path, "no such file");
  }
  return read_osm(osmium::io::File(path), path);
}

NetworkLines read_osm_bytes(std::string_view bytes, const std::string& format) {
  try {
    return read_osm(osmium::io::File(bytes.data(), bytes.size(), format), "(" + format + " bytes)");
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {  // an unknown format
    throw Error(ErrorCode::data_invalid, format, e.what());
  }
}

}  // namespace sf::io
