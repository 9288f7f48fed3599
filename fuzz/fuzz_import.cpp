// Station files as the importer and the bulk upload read them, through GDAL's in-memory
// files: the first byte picks CSV or GeoJSON, the rest is the file. Every station that comes
// out is clean: valid coordinates, clean UTF-8 text, a non-empty id.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <cpl_conv.h>

#include "core/text.hpp"
#include "fuzz_support.hpp"
#include "io/gdal_handles.hpp"
#include "io/station_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = [] {
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    CPLSetErrorHandler(CPLQuietErrorHandler);
    return true;
  }();
  (void)quiet;
  if (size == 0) return 0;
  const bool csv = (data[0] & 1) != 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string path = csv ? "/vsimem/fuzz-import.csv" : "/vsimem/fuzz-import.geojson";
  sf::io::VsiMemFile file(path, bytes);
  sf::fuzz::refusals_are_fine([&] {
    const auto result = sf::io::read_stations(path, {});
    for (const sf::Station& s : result.stations) {
      if (!std::isfinite(s.position.lon) || std::abs(s.position.lon) > 180 ||
          !std::isfinite(s.position.lat) || std::abs(s.position.lat) > 90)
        std::abort();
      if (s.id.empty() || !sf::is_clean_text(s.id) || !sf::is_clean_text(s.name) ||
          !sf::is_clean_text(s.address))
        std::abort();
    }
  });
  return 0;
}
