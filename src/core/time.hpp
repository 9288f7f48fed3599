// Instants, ISO 8601 parsing and Asia/Shanghai local time (UTC+8, no daylight saving).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sf {

using UnixSeconds = int64_t;

inline constexpr int kShanghaiOffsetMinutes = 8 * 60;
inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

// Parses an ISO 8601 date-time: YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM|±HH].
// A space may stand for the T. Without an offset the time is Asia/Shanghai local time.
// Returns nullopt on anything else, including impossible dates and times.
std::optional<UnixSeconds> parse_iso8601(std::string_view text);

// "2026-11-25T18:00:00+08:00"
std::string format_shanghai(UnixSeconds t);

// Minutes since Monday 00:00 Asia/Shanghai of the week holding t, in [0, 10080).
int shanghai_minute_of_week(UnixSeconds t);

UnixSeconds now_unix();

}  // namespace sf
