// stationfinder export: what a server over the same data serves, written back out (the twin of
// GET /v1/export): stations and districts, in any of the writer's formats.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "core/errors.hpp"
#include "io/station_export.hpp"

namespace sf::cli {

int cmd_export(int argc, char** argv) {
  std::vector<Flag> flags = data_flags(true);
  flags.push_back({"out", "o", "FILE",
                   "where to write (.gpkg with a districts layer, .geojson, .csv, .fgb)", ""});
  Args args("export",
            "Write the served data (--data, or the bundled dataset) to a file, as a server "
            "over it would answer GET /v1/export.",
            flags);
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  const auto out = args.get("out");
  if (!out) throw Error(ErrorCode::parameter_missing, "--out", "is required");
  const io::Dataset ds = io::load_dataset(dataset_options(args));
  io::write_stations(*out, ds.stations, ds.districts);
  std::cout << "wrote " << ds.stations.size() << " stations and " << ds.districts.size()
            << " districts from " << ds.source << " to " << *out << "\n";
  return 0;
}

}  // namespace sf::cli
