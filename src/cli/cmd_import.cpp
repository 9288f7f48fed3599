#include <iostream>

#include "cli/commands.hpp"
#include "cli/dataset.hpp"
#include "io/station_writer.hpp"

namespace sf::cli {

int cmd_import(int argc, char** argv) {
  std::vector<Flag> flags;
  for (Flag& f : data_flags(false)) {
    if (f.name != "data") flags.push_back(std::move(f));
  }
  flags.push_back({"out", "o", "FILE",
                   "write the stations (.gpkg with a districts layer, .geojson, .csv, .fgb)", ""});
  flags.push_back(
      {"max-rows", "", "N", "list at most N rejected rows and warnings (default 50)", ""});
  Args args("import",
            "Read a station file from any OGR source, convert it to WGS84, report every row "
            "that cannot be used (with its number and reason), and write the result.",
            flags, "SRC");
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  if (args.positional().size() != 1) {
    throw std::invalid_argument("give exactly one source (SRC); see stationfinder import --help");
  }
  const auto out = args.get("out");
  if (!out) throw std::invalid_argument("--out FILE is required");
  const long max_rows = args.integer("max-rows", 50);
  if (max_rows < 0) throw std::invalid_argument("--max-rows must not be negative");

  io::DatasetOptions options = dataset_options(args);
  options.data = args.positional()[0];
  io::Dataset ds = io::load_dataset(options);
  print_report(ds, std::cout, static_cast<size_t>(max_rows));
  if (args.has("strict") && !ds.report.rejected.empty()) {
    std::cerr << "stationfinder import: --strict: " << ds.report.rejected.size()
              << " rows rejected; nothing written\n";
    return 2;
  }
  io::write_stations(*out, ds.stations, ds.districts);
  std::cout << "wrote:     " << ds.stations.size() << " stations to " << *out << "\n";
  return 0;
}

}  // namespace sf::cli
