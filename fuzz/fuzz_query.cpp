// Query strings as the routes read them: "a=1&b=2" split into parameters (percent-decoding
// is cpp-httplib's, fuzzed in fuzz_http_request), then the shared gate: the UTF-8 check,
// crs, format, at, filters and fields, points, boxes and integers.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "service/query_params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sf::QueryParams::Raw raw;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const size_t eq = pair.find('=');
    raw.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    start = end + 1;
  }
  const sf::QueryParams q(raw);
  sf::fuzz::refusals_are_fine([&] { sf::check_request_text("/v1/x", raw); });
  sf::fuzz::refusals_are_fine([&] { sf::parse_common(q); });
  sf::fuzz::refusals_are_fine([&] { sf::parse_point(q, sf::parse_crs(q)); });
  sf::fuzz::refusals_are_fine([&] {
    if (auto b = q.get("bbox")) sf::parse_bbox(*b, sf::Datum::wgs84);
  });
  sf::fuzz::refusals_are_fine([&] { q.integer("k", 5, 1, 100, sf::ErrorCode::k_out_of_range); });
  sf::fuzz::refusals_are_fine([&] { q.optional_number("radius_m"); });
  sf::fuzz::refusals_are_fine([&] { q.allow_only({"lon", "lat", "k", SF_COMMON_PARAMS}); });
  return 0;
}
