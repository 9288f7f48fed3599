#include "io/network_reader.hpp"

#include <array>

#include "core/errors.hpp"

namespace sf::io {

bool is_osm_file(const std::string& path) {
  constexpr std::array<std::string_view, 6> kSuffixes = {".osm",     ".osm.pbf", ".pbf",
                                                         ".osm.bz2", ".osm.gz",  ".osm.opl"};
  for (std::string_view suffix : kSuffixes) {
    if (path.size() > suffix.size() && path.ends_with(suffix)) return true;
  }
  return false;
}

NetworkLines read_network_lines(const std::string& path, const NetworkReadOptions& options) {
  if (is_osm_file(path) && options.crs && *options.crs != "wgs84" && *options.crs != "EPSG:4326") {
    throw Error(ErrorCode::parameter_invalid, "network_crs",
                "an OpenStreetMap file is always WGS84; --network-crs applies to OGR layers");
  }
  NetworkLines lines = is_osm_file(path) ? read_osm_lines(path) : read_ogr_lines(path, options);
  if (lines.segments.empty()) {
    throw Error(ErrorCode::data_invalid, path,
                "it holds no walkable street (" + std::to_string(lines.report.lines_read) +
                    " lines read, walkable by " + lines.report.walkable_rule + ")");
  }
  return lines;
}

Network read_network(const std::string& path, const NetworkReadOptions& options) {
  NetworkLines lines = read_network_lines(path, options);
  lines.report.min_part_nodes = options.min_part_nodes;
  Network network{WalkGraph(std::move(lines.nodes), lines.segments, options.min_part_nodes),
                  std::move(lines.report),
                  std::move(lines.labels),
                  {}};
  // The graph keeps each street piece once, in its own order: labels follow by the two nodes
  // (the first line to draw a repeated piece names it).
  if (lines.segment_labels.size() == lines.segments.size()) {
    network.segment_labels.assign(network.graph.segment_count(), 0);
    std::vector<bool> named(network.graph.segment_count(), false);
    for (size_t i = 0; i < lines.segments.size(); ++i) {
      const auto s = network.graph.find_segment(lines.segments[i].first, lines.segments[i].second);
      if (!s || named[*s]) continue;
      named[*s] = true;
      network.segment_labels[*s] = lines.segment_labels[i];
    }
  }
  return network;
}

}  // namespace sf::io
