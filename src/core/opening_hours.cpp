#include "core/opening_hours.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/time.hpp"

namespace sf {

namespace {

struct DayRange {
  int start;  // minutes from the day's midnight
  int end;    // exclusive, may exceed 1440 for spans past midnight
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  return parts;
}

std::optional<int> parse_day(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kDays = {"Mo", "Tu", "We", "Th",
                                                            "Fr", "Sa", "Su"};
  for (int i = 0; i < 7; ++i) {
    if (s == kDays[static_cast<size_t>(i)]) return i;
  }
  return std::nullopt;
}

// "Mo-Fr,Su" → a mask of days.
std::optional<std::array<bool, 7>> parse_weekdays(std::string_view s) {
  std::array<bool, 7> days{};
  for (std::string_view part : split(s, ',')) {
    const size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      auto d = parse_day(part);
      if (!d) return std::nullopt;
      days[static_cast<size_t>(*d)] = true;
    } else {
      auto a = parse_day(trim(part.substr(0, dash))), b = parse_day(trim(part.substr(dash + 1)));
      if (!a || !b) return std::nullopt;
      for (int d = *a;; d = (d + 1) % 7) {  // wraps: Fr-Mo is Fr,Sa,Su,Mo
        days[static_cast<size_t>(d)] = true;
        if (d == *b) break;
      }
    }
  }
  return days;
}

std::optional<int> parse_clock(std::string_view s, int max_hour) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto dig = [](char c) { return c >= '0' && c <= '9'; };
  if (!dig(s[0]) || !dig(s[1]) || !dig(s[3]) || !dig(s[4])) return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > max_hour || (h == max_hour && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::vector<DayRange>> parse_times(std::string_view s) {
  std::vector<DayRange> ranges;
  for (std::string_view part : split(s, ',')) {
    const size_t dash = part.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto a = parse_clock(trim(part.substr(0, dash)), 24);
    auto b = parse_clock(trim(part.substr(dash + 1)), 48);
    if (!a || !b || *a == kMinutesPerDay) return std::nullopt;
    int end = *b;
    if (end <= *a) end += kMinutesPerDay;  // 22:00-06:00 runs past midnight
    if (end - *a > kMinutesPerDay) return std::nullopt;
    ranges.push_back({*a, end});
  }
  return ranges;
}

bool looks_like_weekdays(std::string_view token) {
  return token.size() >= 2 && parse_day(token.substr(0, 2)).has_value();
}

}  // namespace

std::optional<OpeningHours> OpeningHours::parse(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::array<std::optional<std::vector<DayRange>>, 7> per_day;  // nullopt: no rule yet
  for (std::string_view rule : split(text, ';')) {
    if (rule.empty()) continue;
    std::array<bool, 7> days;
    days.fill(true);
    std::string_view times = rule;
    const size_t space = rule.find(' ');
    const std::string_view head = rule.substr(0, space);
    if (looks_like_weekdays(head) && head != "24/7") {
      auto parsed = parse_weekdays(head);
      if (!parsed) return std::nullopt;
      days = *parsed;
      times = space == std::string_view::npos ? std::string_view{} : trim(rule.substr(space));
    }
    std::vector<DayRange> ranges;
    if (times.empty() || times == "24/7") {
      ranges.push_back({0, kMinutesPerDay});
    } else if (times == "off" || times == "closed") {
      // stays empty
    } else {
      auto parsed = parse_times(times);
      if (!parsed) return std::nullopt;
      ranges = std::move(*parsed);
    }
    for (size_t d = 0; d < 7; ++d) {
      if (days[d]) per_day[d] = ranges;
    }
  }
  std::vector<Interval> raw;
  for (int d = 0; d < 7; ++d) {
    if (!per_day[static_cast<size_t>(d)]) continue;
    for (const DayRange& r : *per_day[static_cast<size_t>(d)]) {
      const int s = d * kMinutesPerDay + r.start, e = d * kMinutesPerDay + r.end;
      if (e <= kMinutesPerWeek) {
        raw.push_back({s, e});
      } else {  // Sunday night into Monday morning wraps around the week
        raw.push_back({s, kMinutesPerWeek});
        raw.push_back({0, e - kMinutesPerWeek});
      }
    }
  }
  std::sort(raw.begin(), raw.end(), [](auto& a, auto& b) { return a.start < b.start; });
  OpeningHours hours;
  for (const Interval& iv : raw) {
    if (!hours.intervals_.empty() && iv.start <= hours.intervals_.back().end) {
      hours.intervals_.back().end = std::max(hours.intervals_.back().end, iv.end);
    } else {
      hours.intervals_.push_back(iv);
    }
  }
  return hours;
}

bool OpeningHours::always_open() const {
  return intervals_.size() == 1 && intervals_[0].start == 0 && intervals_[0].end == kMinutesPerWeek;
}

bool OpeningHours::open_at(int m) const {
  auto it = std::upper_bound(intervals_.begin(), intervals_.end(), m,
                             [](int v, const Interval& iv) { return v < iv.start; });
  return it != intervals_.begin() && m < std::prev(it)->end;
}

OpeningHours::Status OpeningHours::status_at(int m) const {
  if (intervals_.empty()) return {false, std::nullopt};
  if (always_open()) return {true, std::nullopt};
  auto it = std::upper_bound(intervals_.begin(), intervals_.end(), m,
                             [](int v, const Interval& iv) { return v < iv.start; });
  if (it != intervals_.begin() && m < std::prev(it)->end) {
    const Interval& cur = *std::prev(it);
    int until = cur.end - m;
    // Open through Sunday midnight into a Monday interval: closes at that one's end.
    if (cur.end == kMinutesPerWeek && intervals_.front().start == 0) {
      until += intervals_.front().end;
    }
    return {true, until};
  }
  if (it != intervals_.end()) return {false, it->start - m};
  return {false, kMinutesPerWeek - m + intervals_.front().start};
}

}  // namespace sf
