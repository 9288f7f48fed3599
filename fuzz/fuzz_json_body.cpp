// Every JSON request body parser: the first byte picks one (polygon, route, points, coverage
// body, a merge patch over a station), the rest is the body. Run with -max_len=1048576: the
// nesting that once overflowed the stack needs bodies of hundreds of kilobytes.
//
// Structure-aware mutation: besides libFuzzer's byte mutations, a quarter of the mutations wrap
// the body in up to half its length again of "[ … ]", so a valid body stays valid and its
// depth can double in one step. Byte mutations alone leave no trail to follow towards deep
// nesting (no new coverage past a few hundred levels) and did not reach the 20,000 levels
// that overflowed the stack in 30 minutes; with this they do (fuzz/README.md).
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "service/geojson_input.hpp"
#include "service/json_body.hpp"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  std::minstd_rand random(seed);
  if (size < 2 || random() % 4 != 0) return LLVMFuzzerMutate(data, size, max_size);
  const size_t body = size - 1;
  const size_t room = (max_size - size) / 2;
  const size_t levels = std::min<size_t>(room, 1 + random() % (body / 2 + 1));
  if (levels == 0) return LLVMFuzzerMutate(data, size, max_size);
  std::memmove(data + 1 + levels, data + 1, body);
  std::memset(data + 1, '[', levels);
  std::memset(data + 1 + levels + body, ']', levels);
  return size + 2 * levels;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const sf::Datum datum = data[0] & 0x80 ? sf::Datum::gcj02 : sf::Datum::wgs84;
  sf::fuzz::refusals_are_fine([&] {
    switch (data[0] % 6) {
      case 0:
        sf::parse_polygon_body(body, datum, 100'000);
        break;
      case 1:
        sf::parse_linestring_body(body, datum, 10'000);
        break;
      case 2:
        sf::parse_points_body(body, datum, 1'000);
        break;
      case 3:
        sf::parse_coverage_body(body, datum, {100'000, 1'000, 1'000, true});
        break;
      case 4:
        sf::parse_coverage_body(body, datum, {100'000, 1'000, 1'000, false});
        break;
      default: {  // PATCH: a merge patch over a station, as the write route applies it
        nlohmann::json station = nlohmann::json::parse(
            R"({"type":"Feature","geometry":{"type":"Point","coordinates":[116.4,39.9]},)"
            R"("properties":{"name":"站","amenities":["water"],"opening_hours":"24/7"}})");
        const nlohmann::json patch = sf::parse_json_body(body);
        station.merge_patch(patch);
        (void)(station == patch);  // comparison and copy walk the whole tree too
        nlohmann::json copy = station;
        (void)copy.dump();
        break;
      }
    }
  });
  return 0;
}
