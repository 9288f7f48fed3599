// Street network files as `serve --network` and `stationfinder network` read them: the first
// byte picks OpenStreetMap XML, PBF or OPL (libosmium, from memory) or a GeoJSON line layer
// (GDAL, through an in-memory file); the rest is the file. Whatever comes out is a valid
// graph: WGS84 nodes, segments between distinct existing nodes, and a WalkGraph built from it
// snaps its own nodes.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <cpl_conv.h>

#include "core/walk_graph.hpp"
#include "fuzz_support.hpp"
#include "io/gdal_handles.hpp"
#include "io/network_reader.hpp"

namespace {

void check(const sf::io::NetworkLines& lines) {
  for (const sf::LonLat& p : lines.nodes) {
    if (!sf::is_valid_lonlat(p.lon, p.lat)) std::abort();
  }
  for (const auto& [a, b] : lines.segments) {
    if (a >= lines.nodes.size() || b >= lines.nodes.size() || a == b) std::abort();
  }
  if (lines.segments.empty()) return;
  const sf::WalkGraph graph(lines.nodes, lines.segments, 1);
  const auto [a, b] = lines.segments.front();
  const auto snap = graph.snap(lines.nodes[a], 1);
  if (!snap || !(snap->snap_m < 1)) std::abort();
  (void)b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool quiet = [] {
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    CPLSetErrorHandler(CPLQuietErrorHandler);
    return true;
  }();
  (void)quiet;
  if (size == 0) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  sf::fuzz::refusals_are_fine([&] {
    switch (data[0] & 3) {
      case 0:
        check(sf::io::read_osm_bytes(bytes, "osm"));
        break;
      case 1:
        check(sf::io::read_osm_bytes(bytes, "pbf"));
        break;
      case 2:
        check(sf::io::read_osm_bytes(bytes, "opl"));
        break;
      default: {
        const std::string path = "/vsimem/fuzz-network.geojson";
        const sf::io::VsiMemFile file(path, bytes);
        check(sf::io::read_ogr_lines(path, {}));
      }
    }
  });
  return 0;
}
