// stationfinder: the nearest rest station for outdoor workers, and where stations are missing.
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

#include "cli/commands.hpp"
#include "core/errors.hpp"

namespace {

constexpr const char* kUsage = R"(usage: stationfinder <command> [flags]

commands:
  serve     serve the HTTP API (default data: the bundled Beijing dataset)
  import    read any station file, report bad rows, write a GeoPackage/GeoJSON/CSV
  export    write the served data (stations and districts) back to a file
  nearest   the k nearest stations to a point, as a table (--distance walk: by walk)
  info      what a dataset holds: counts, extent, version, hosts, districts
  gaps      the uncovered areas of a district, box or polygon, and the summary
  districts coverage per district: area, stations, density, covered %, demand
  profile   covered % of a district for each hour of a weekday
  suggest   where the next stations should go (greedy maximal covering / set cover)
  network   a street network's summary (nodes, km, parts, memory); --out writes it
  isochrone the area reachable on foot within each walk from a point or a station

Run 'stationfinder <command> --help' for each command's flags.
)";

// The CLI's name for a parameter of the shared request parsers: HTTP's radius_m is --radius-m.
std::string as_flag(const std::string& parameter) {
  if (parameter.empty() ||
      parameter.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
    return parameter;
  std::string flag = "--" + parameter;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "stationfinder " << SF_VERSION << "\n";
    return 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "serve") return sf::cli::cmd_serve(argc, argv);
    if (command == "import") return sf::cli::cmd_import(argc, argv);
    if (command == "export") return sf::cli::cmd_export(argc, argv);
    if (command == "nearest") return sf::cli::cmd_nearest(argc, argv);
    if (command == "info") return sf::cli::cmd_info(argc, argv);
    if (command == "gaps") return sf::cli::cmd_gaps(argc, argv);
    if (command == "districts") return sf::cli::cmd_districts(argc, argv);
    if (command == "profile") return sf::cli::cmd_profile(argc, argv);
    if (command == "suggest") return sf::cli::cmd_suggest(argc, argv);
    if (command == "network") return sf::cli::cmd_network(argc, argv);
    if (command == "isochrone") return sf::cli::cmd_isochrone(argc, argv);
    std::cerr << "stationfinder: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const sf::Error& e) {
    // As HTTP says it: the code, the parameter (spelt as a flag) and the rule. A request
    // error (4xx over HTTP) exits 2, anything else 1.
    const sf::ErrorInfo& info = sf::error_info(e.code());
    std::cerr << "stationfinder " << command << ": " << info.name;
    if (!e.parameter().empty()) std::cerr << " (" << as_flag(e.parameter()) << ")";
    if (!e.rule().empty()) std::cerr << ": " << e.rule();
    std::cerr << "\n";
    return info.http_status < 500 ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "stationfinder " << command << ": " << e.what() << "\n";
    return 1;
  }
}
