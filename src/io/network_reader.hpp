// A walking network from a file: an OpenStreetMap extract (.osm, .osm.pbf, .osm.bz2, .osm.gz;
// read with libosmium: walkable ways by the walking profile, junctions by node id) or any OGR
// line layer (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, …: junctions where lines share a
// vertex exactly, after the conversion to WGS84). Each vertex pair of a way or line is one
// segment, so snapping to it is exact.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/geodesy.hpp"
#include "core/street_labels.hpp"
#include "core/walk_graph.hpp"

namespace sf::io {

struct NetworkReadOptions {
  std::string layer;               // OGR sources: empty picks "network", else the first layer
  std::optional<std::string> crs;  // OGR sources: overrides the layer's CRS (gcj02, EPSG:…)
  size_t min_part_nodes = 500;     // smaller connected parts are never snapped to
};

// Where the network came from and what was kept of it.
struct NetworkReadReport {
  std::string source;
  std::string format;           // "osm" (libosmium) or the OGR driver's name
  std::string crs;              // how coordinates were read
  std::string walkable_rule;    // which rule chose the walkable lines (profile, column, all)
  size_t lines_read = 0;        // ways or features read
  size_t lines_walkable = 0;    // of those, walkable with at least two located vertices
  size_t vertices_missing = 0;  // way nodes without a location in the file (a cut extract)
  size_t min_part_nodes = 0;    // parts under it are never snapped to
};

// Nodes and segments (by node index) as read, before the graph drops loops and repeats.
struct NetworkLines {
  std::vector<LonLat> nodes;
  std::vector<std::pair<uint32_t, uint32_t>> segments;
  std::vector<uint32_t> segment_labels;  // beside segments: each one's label in `labels`
  StreetLabels labels;
  NetworkReadReport report;
};

// Whether `path` names an OpenStreetMap file (by its suffix) rather than an OGR source.
bool is_osm_file(const std::string& path);

// Throws Error(data_source_unreadable) for a source that cannot be opened and
// Error(data_invalid) naming the source for one that cannot be parsed, an unknown layer or
// CRS, a `walkable` value that is not 0/1/yes/no/true/false, or no walkable street at all.
NetworkLines read_network_lines(const std::string& path, const NetworkReadOptions& options);

// The two readers behind it (osm_network.cpp, line_network.cpp).
NetworkLines read_osm_lines(const std::string& path);
// OpenStreetMap bytes in memory, in libosmium's format names ("osm", "pbf", "osm.bz2", …).
NetworkLines read_osm_bytes(std::string_view bytes, const std::string& format);
NetworkLines read_ogr_lines(const std::string& path, const NetworkReadOptions& options);

struct Network {
  WalkGraph graph;
  NetworkReadReport report;
  StreetLabels labels;
  std::vector<uint32_t> segment_labels;  // per graph segment (empty: every label 0)
};
Network read_network(const std::string& path, const NetworkReadOptions& options);

}  // namespace sf::io
