// Opening hours texts: parse, then ask every interval edge and a few minutes of the week.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/opening_hours.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto hours = sf::OpeningHours::parse(text);
  if (!hours) return 0;
  int previous_end = -1;
  for (const auto& i : hours->intervals()) {
    // Sorted, disjoint, non-adjacent, inside the week.
    if (i.start < 0 || i.end > 10080 || i.start >= i.end || i.start <= previous_end) std::abort();
    previous_end = i.end;
    if (!hours->open_at(i.start) || (i.end < 10080 && hours->open_at(i.end))) std::abort();
  }
  for (int minute : {0, 1, 719, 1439, 5000, 10079}) {
    const auto status = hours->status_at(minute);
    if (status.open != hours->open_at(minute)) std::abort();
    if (status.minutes_to_change && *status.minutes_to_change <= 0) std::abort();
  }
  return 0;
}
