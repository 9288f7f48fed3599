// stationfinder network: a street network read, summarised (nodes, segments, km, connected
// parts, build time, memory) and optionally written out for other tools (a GeoPackage or any
// vector format pgRouting and GIS tools read, or OpenStreetMap PBF/XML); with --data, the
// stations that network leaves unreachable on foot.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "cli/network_flags.hpp"
#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "io/network_writer.hpp"
#include "io/vector_file_writer.hpp"

namespace sf::cli {

namespace {

std::vector<Flag> network_command_flags() {
  std::vector<Flag> flags = network_flags(false, false);
  flags.push_back({"out", "", "FILE",
                   std::string("write the graph: one line per segment with source, target and "
                               "cost (") +
                       io::VectorFileWriter::extensions() + "), or OpenStreetMap (.osm, .osm.pbf)",
                   ""});
  for (Flag& f : data_flags(false)) flags.push_back(std::move(f));
  return flags;
}

void report_unreachable(const Args& args, const std::shared_ptr<const WalkNetwork>& network) {
  io::Dataset ds = load_and_report(args, std::cerr, 5);
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  const auto placed = WalkStations::place(network, catalog, nullptr);
  std::cout << placed->unreachable() << " of " << catalog.size() << " stations are farther than "
            << network->max_snap_m() << " m from a walkable street: unreachable by walk\n";
  for (const std::string& id : placed->unreachable_ids()) std::cout << "  " << id << "\n";
}

}  // namespace

int cmd_network(int argc, char** argv) {
  Args args("network",
            "Read a street network (OpenStreetMap .osm/.osm.pbf or an OGR line layer), print its "
            "summary, and write it out with --out.",
            network_command_flags(), "FILE");
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  if (args.positional().size() != 1) {
    throw Error(ErrorCode::parameter_missing, "FILE", "give exactly one network file");
  }
  const auto options = network_options(args, args.positional()[0]);
  const auto network = load_network(*options, std::cout);
  if (args.has("data")) report_unreachable(args, network);
  if (const auto out = args.get("out")) {
    io::write_network(*out, network->graph(), network->labels(), network->segment_labels());
    std::cout << "wrote " << network->graph().segment_count() << " segments to " << *out << "\n";
  }
  return 0;
}

}  // namespace sf::cli
