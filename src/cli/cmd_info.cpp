// stationfinder info: a dataset described (counts, extent, version, host types, amenities,
// districts) after the import report, without serving it.
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/data_flags.hpp"
#include "core/catalog.hpp"

namespace sf::cli {

int cmd_info(int argc, char** argv) {
  Args args("info",
            "Describe a dataset: counts, extent, version, host types, amenities, districts.",
            data_flags(true));
  if (args.parse_or_show_help(argc, argv, 2)) return 0;
  io::Dataset ds = load_and_report(args, std::cout, 10);
  const Catalog catalog(std::move(ds.stations), std::move(ds.districts));
  std::cout << "stations:  " << catalog.size() << "\nversion:   " << catalog.version() << "\n";
  if (auto b = catalog.bbox()) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.6f,%.6f,%.6f,%.6f", b->west, b->south, b->east, b->north);
    std::cout << "bbox:      " << buf << " (WGS84 lon/lat)\n";
  }
  std::cout << "hours:     " << catalog.unparsed_hours_count() << " stations with unparsed hours\n";
  std::map<std::string_view, size_t> hosts, amenities;
  std::map<std::string, size_t> districts;
  for (uint32_t i = 0; i < catalog.slot_count(); ++i) {
    if (!catalog.live(i)) continue;
    const StationView s = catalog.station(i);
    ++hosts[host_type_name(s.host_type)];
    for (std::string_view a : amenity_names(s.amenities)) ++amenities[a];
    ++districts[s.district.empty() ? "(none)"
                                   : std::string(s.district) + " " + std::string(s.district_en)];
  }
  std::cout << "host types:\n";
  for (const auto& [k, v] : hosts) std::cout << "  " << k << ": " << v << "\n";
  std::cout << "amenities:\n";
  for (const auto& [k, v] : amenities) std::cout << "  " << k << ": " << v << "\n";
  std::cout << "districts:\n";
  for (const auto& [k, v] : districts) std::cout << "  " << k << ": " << v << "\n";
  return 0;
}

}  // namespace sf::cli
