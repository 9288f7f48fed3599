// CQL2 filters as a client sends them in filter=: the first byte picks the encoding (even:
// cql2-text, odd: cql2-json), the rest is the filter. A filter that parses is evaluated on a
// full station and on one with every optional field empty (three-valued logic, LIKE's
// backtracking, the spatial and temporal literals).
#include <cstdint>
#include <string>

#include "core/cql2.hpp"
#include "core/station_queryables.hpp"
#include "fuzz_support.hpp"
#include "service/cql2_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool json = data[0] % 2 == 1;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  sf::fuzz::refusals_are_fine([&] {
    const sf::cql2::Filter f = json ? sf::parse_cql2_json(text, sf::station_queryables())
                                    : sf::cql2::parse_text(text, sf::station_queryables());
    sf::StationView full;
    full.id = "bj-110101-00001";
    full.name = "7-Eleven（交道口店）暖心驿站";
    full.position = {116.424486, 39.967043};
    full.amenities = 0x3f;
    full.address = "北京市东城区交道口街244号";
    full.district = "东城区";
    full.updated_at = "2023-09-13T10:07:00+08:00";
    sf::StationView empty;
    empty.id = "x";
    for (const sf::StationView* v : {&full, &empty}) {
      (void)f.matches([v](uint32_t p) { return sf::station_value(*v, p); });
    }
  });
  return 0;
}
