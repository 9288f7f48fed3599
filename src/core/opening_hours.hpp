// The common subset of OSM opening_hours, parsed once and evaluated against a minute of the
// week (Asia/Shanghai). Supported: "24/7"; rules separated by ";"; weekday selectors such as
// "Mo-Fr", "Sa,Su", "Fr-Mo"; several time ranges a day ("09:00-12:00,14:00-18:00"); ranges
// past midnight ("22:00-06:00", "18:00-26:00"); "off"/"closed". A later rule replaces earlier
// ones for the days it names, as in OSM. Anything else does not parse: no guessing.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace sf {

class OpeningHours {
 public:
  // nullopt when the text is outside the supported subset (or empty).
  static std::optional<OpeningHours> parse(std::string_view text);

  struct Status {
    bool open = false;
    // Minutes from the queried minute until the station closes (when open) or next opens
    // (when closed); nullopt when it never changes (open 24/7, or never open).
    std::optional<int> minutes_to_change;
  };

  bool open_at(int minute_of_week) const;
  Status status_at(int minute_of_week) const;
  bool always_open() const;

  struct Interval {
    int start;  // minute of week, inclusive
    int end;    // minute of week, exclusive, <= 10080
  };
  const std::vector<Interval>& intervals() const { return intervals_; }

  friend bool operator==(const OpeningHours&, const OpeningHours&) = default;

 private:
  std::vector<Interval> intervals_;  // sorted, disjoint, non-adjacent
};

inline bool operator==(const OpeningHours::Interval& a, const OpeningHours::Interval& b) {
  return a.start == b.start && a.end == b.end;
}

}  // namespace sf
