// ISO 8601 date-times (the `at` parameter): what parses formats back and parses to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto t = sf::parse_iso8601(text);
  if (!t) return 0;
  const auto again = sf::parse_iso8601(sf::format_shanghai(*t));
  if (!again || *again != *t) std::abort();
  (void)sf::shanghai_minute_of_week(*t);
  return 0;
}
