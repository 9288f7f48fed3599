// Writes a walking graph for other tools: an OGR line layer "network" (one feature per segment
// with its node ids, so pgRouting takes it as it is: id, source, target, cost, reverse_cost in
// metres; and the connected part) chosen by extension like every vector output, or
// OpenStreetMap (.osm, .osm.pbf, .osm.bz2, …, through libosmium: one node per graph node, one
// way per segment), which every OSM tool reads back. Both keep each piece's class (as highway;
// footway for a piece without one, so it reads back walkable) and name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/street_labels.hpp"
#include "core/walk_graph.hpp"

namespace sf::io {

// Throws Error(unknown_format) for an extension it cannot write, data_source_unreadable when
// the file cannot be written. An existing file is replaced.
// `segment_labels` (one per segment, into `labels`) may be empty: no names, every class footway.
void write_network(const std::string& path, const WalkGraph& graph, const StreetLabels& labels,
                   const std::vector<uint32_t>& segment_labels);

}  // namespace sf::io
