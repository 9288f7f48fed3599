#include "cli/network_flags.hpp"

#include <cstdio>
#include <filesystem>
#include <ostream>

#include "core/errors.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "io/dataset.hpp"

namespace sf::cli {

std::vector<Flag> network_flags(bool with_file, bool with_env) {
  std::vector<Flag> flags;
  if (with_file) {
    flags.push_back({"network", "", "FILE",
                     "the walking network: an OpenStreetMap .osm/.osm.pbf or any OGR line layer; "
                     "enables distance=walk (default with the bundled data: its synthetic "
                     "network, geodata/beijing_streets.osm.pbf)",
                     with_env ? "STATIONFINDER_NETWORK" : ""});
  }
  flags.push_back({"network-crs", "", "CRS",
                   "CRS of an OGR network layer when it does not say (gcj02, bd09, EPSG:n)", ""});
  flags.push_back({"network-layer", "", "NAME",
                   "the layer of an OGR network source (default: 'network', else the first)", ""});
  flags.push_back({"max-snap-m", "", "M",
                   "farthest a point or station may be from a walkable street to walk (default " +
                       number_text(kDefaultLimits.max_snap_m) + ")",
                   with_env ? "STATIONFINDER_MAX_SNAP_M" : ""});
  flags.push_back({"min-part-nodes", "", "N",
                   "connected parts of the network with fewer nodes are never snapped to "
                   "(default 500)",
                   ""});
  return flags;
}

Flag walk_speed_flag(bool with_env) {
  const Limits& l = kDefaultLimits;
  return {"walk-speed-kmh", "", "KMH",
          "walking speed: walk_minutes become metres at it and walk_m becomes walk_minutes "
          "(default " +
              number_text(l.walk_speed_kmh) + ", " + number_text(l.walk_speed_min_kmh) + " to " +
              number_text(l.walk_speed_max_kmh) + ")",
          with_env ? "STATIONFINDER_WALK_SPEED_KMH" : ""};
}

Limits walking_limits(const Args& args) {
  Limits limits = kDefaultLimits;
  limits.walk_speed_kmh = args.number("walk-speed-kmh", kDefaultLimits.walk_speed_kmh);
  if (!(limits.walk_speed_kmh >= limits.walk_speed_min_kmh &&
        limits.walk_speed_kmh <= limits.walk_speed_max_kmh)) {
    throw Error(ErrorCode::parameter_invalid, "--walk-speed-kmh",
                "must be from " + number_text(limits.walk_speed_min_kmh) + " to " +
                    number_text(limits.walk_speed_max_kmh) + " km/h");
  }
  return limits;
}

std::optional<NetworkOptions> network_options(const Args& args, std::optional<std::string> path,
                                              bool bundled_data) {
  if (!path) path = args.get("network");
  if (!path && bundled_data && std::filesystem::exists(io::bundled_network_path())) {
    path = io::bundled_network_path();
  }
  if (!path) {
    for (const char* flag : {"network-crs", "network-layer", "max-snap-m", "min-part-nodes"}) {
      if (args.has(flag)) {
        throw Error(ErrorCode::parameter_invalid, std::string("--") + flag,
                    "applies to a street network: give --network FILE");
      }
    }
    return std::nullopt;
  }
  NetworkOptions o;
  o.path = *path;
  o.read.crs = args.get("network-crs");
  o.read.layer = args.get_or("network-layer", "");
  o.max_snap_m = args.number("max-snap-m", kDefaultLimits.max_snap_m);
  if (!(o.max_snap_m > 0) || o.max_snap_m > 10'000) {
    throw Error(ErrorCode::parameter_invalid, "--max-snap-m",
                "must be greater than 0 and at most 10000 metres");
  }
  const long min_part = args.integer("min-part-nodes", 500);
  if (min_part < 1 || min_part > 1'000'000) {
    throw Error(ErrorCode::parameter_invalid, "--min-part-nodes", "must be 1 to 1000000");
  }
  o.read.min_part_nodes = static_cast<size_t>(min_part);
  return o;
}

std::shared_ptr<const WalkNetwork> load_network(const NetworkOptions& options, std::ostream& out) {
  auto network = WalkNetwork::load(options);
  print_network_summary(*network, out);
  return network;
}

void print_network_summary(const WalkNetwork& network, std::ostream& out) {
  const WalkGraph& g = network.graph();
  const io::NetworkReadReport& r = network.report();
  const auto& parts = g.part_sizes();
  size_t snappable = 0, small_nodes = 0;
  for (uint32_t p = 0; p < parts.size(); ++p) {
    if (parts[p] >= r.min_part_nodes) {
      ++snappable;
    } else {
      small_nodes += parts[p];
    }
  }
  char line[512];
  std::snprintf(line, sizeof line,
                "network %s (%s, %s): %zu nodes, %zu segments (%zu directed edges), %.1f km of "
                "walkable streets\n",
                r.source.c_str(), r.format.c_str(), r.crs.c_str(), g.node_count(),
                g.segment_count(), g.directed_edge_count(), g.total_km());
  out << line;
  std::snprintf(line, sizeof line,
                "  %zu of %zu lines walkable by %s; %zu way nodes without a location\n",
                r.lines_walkable, r.lines_read, r.walkable_rule.c_str(), r.vertices_missing);
  out << line;
  std::snprintf(line, sizeof line,
                "  %zu connected parts: the largest holds %.1f %% of the nodes; %zu part(s) of at "
                "least %zu nodes are snapped to, %zu smaller ones (%zu nodes) are not\n",
                parts.size(), 100 * network.largest_part_share(), snappable, r.min_part_nodes,
                parts.size() - snappable, small_nodes);
  out << line;
  std::snprintf(
      line, sizeof line,
      "  built in %.2f s, %.1f MB (%.1f bytes a directed edge), max snap %s m, "
      "version %s\n",
      network.load_seconds(), static_cast<double>(g.bytes()) / 1e6,
      g.directed_edge_count() ? static_cast<double>(g.bytes()) / g.directed_edge_count() : 0.0,
      number_text(network.max_snap_m()).c_str(), network.version().c_str());
  out << line;
}

}  // namespace sf::cli
