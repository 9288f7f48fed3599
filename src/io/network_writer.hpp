// Writes a walking graph for other tools: an OGR line layer "network" (one feature per segment
// with its node ids, so pgRouting takes it as it is: id, source, target, cost, reverse_cost in
// metres; and the connected part) chosen by extension like every vector output, or
// OpenStreetMap (.osm, .osm.pbf, .osm.bz2, …, through libosmium: one node per graph node, one
// way per segment tagged highway=footway), which every OSM tool reads back.
#pragma once

#include <string>

#include "core/walk_graph.hpp"

namespace sf::io {

// Throws Error(unknown_format) for an extension it cannot write, data_source_unreadable when
// the file cannot be written. An existing file is replaced.
void write_network(const std::string& path, const WalkGraph& graph);

}  // namespace sf::io
