#include "core/time.hpp"

#include <chrono>

namespace sf {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::optional<UnixSeconds> parse_iso8601(std::string_view s) {
  int year, month, day, hour, minute, second = 0;
  if (!digits(s, 0, 4, year) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute)) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  int offset_minutes = kShanghaiOffsetMinutes;
  if (pos < s.size()) {
    const char c = s[pos];
    if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) {
      offset_minutes = 0;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      const std::string_view rest = s.substr(pos + 1);
      if (rest.size() == 2 && digits(rest, 0, 2, oh)) {
      } else if (rest.size() == 4 && digits(rest, 0, 2, oh) && digits(rest, 2, 2, om)) {
      } else if (rest.size() == 5 && digits(rest, 0, 2, oh) && rest[2] == ':' &&
                 digits(rest, 3, 2, om)) {
      } else {
        return std::nullopt;
      }
      if (oh > 14 || om > 59) return std::nullopt;
      offset_minutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                           std::chrono::day{unsigned(day)}};
  if (!ymd.ok() || hour > 24 || minute > 59 || second > 60) return std::nullopt;
  if (hour == 24 && (minute != 0 || second != 0)) return std::nullopt;
  if (second == 60) second = 59;  // a leap second reads as the last second of the minute
  const int64_t days = sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second - int64_t{offset_minutes} * 60;
}

std::string format_shanghai(UnixSeconds t) {
  using namespace std::chrono;
  const int64_t local = t + int64_t{kShanghaiOffsetMinutes} * 60;
  const int64_t days = floor_div(local, 86400);
  const int64_t secs = local - days * 86400;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  // Hand-written digits: this runs for every result on the hot path.
  char buf[] = "0000-00-00T00:00:00+08:00";
  auto put = [&buf](int pos, int width, int64_t value) {
    for (int i = pos + width - 1; i >= pos; --i, value /= 10)
      buf[i] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, int(ymd.year()));
  put(5, 2, unsigned(ymd.month()));
  put(8, 2, unsigned(ymd.day()));
  put(11, 2, secs / 3600);
  put(14, 2, secs / 60 % 60);
  put(17, 2, secs % 60);
  return std::string(buf, sizeof buf - 1);
}

int shanghai_minute_of_week(UnixSeconds t) {
  const int64_t local_minutes = floor_div(t + int64_t{kShanghaiOffsetMinutes} * 60, 60);
  // 1970-01-01 was a Thursday: Monday-based day index 3.
  const int64_t minutes_since_monday = local_minutes + 3 * kMinutesPerDay;
  int64_t m = minutes_since_monday % kMinutesPerWeek;
  if (m < 0) m += kMinutesPerWeek;
  return static_cast<int>(m);
}

UnixSeconds now_unix() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace sf
