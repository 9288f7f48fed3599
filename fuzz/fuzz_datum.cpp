// Datum input: the crs names, and coordinates in and out of GCJ-02 and BD-09 (the inverses
// iterate: they must end, and stay finite, for any position on the Earth).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "core/datum.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16) {
    (void)sf::parse_datum(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
  }
  double lon = 0, lat = 0;
  std::memcpy(&lon, data, 8);
  std::memcpy(&lat, data + 8, 8);
  (void)sf::parse_datum(std::string_view(reinterpret_cast<const char*>(data) + 16, size - 16));
  if (!std::isfinite(lon) || !std::isfinite(lat)) return 0;
  lon = std::fmod(lon, 180.0);
  lat = std::fmod(lat, 90.0);
  for (sf::Datum d : {sf::Datum::wgs84, sf::Datum::gcj02, sf::Datum::bd09}) {
    const sf::LonLat in = sf::to_wgs84({lon, lat}, d);
    const sf::LonLat out = sf::from_wgs84({lon, lat}, d);
    if (!std::isfinite(in.lon) || !std::isfinite(in.lat) || !std::isfinite(out.lon) ||
        !std::isfinite(out.lat))
      std::abort();
  }
  return 0;
}
