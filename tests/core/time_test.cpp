#include <gtest/gtest.h>

#include "core/time.hpp"

namespace sf {
namespace {

TEST(Time, ParsesIso8601WithAndWithoutOffsets) {
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(parse_iso8601("1970-01-01T08:00"), 0);  // no offset: Asia/Shanghai
  EXPECT_EQ(parse_iso8601("1970-01-01 08:00:00"), 0);
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00.250Z"), 0);
  EXPECT_EQ(parse_iso8601("1970-01-01T01:00:00+0100"), 0);
  EXPECT_EQ(parse_iso8601("1969-12-31T19:00:00-05"), 0);
  EXPECT_EQ(parse_iso8601("2026-11-25T14:30:00+08:00"), 1795588200);
  EXPECT_EQ(parse_iso8601("2024-02-29T12:00:00Z"), 1709208000);
}

TEST(Time, RejectsMalformedAndImpossibleDates) {
  for (const char* text :
       {"", "2026-11-25", "2026-13-01T00:00", "2026-02-30T00:00", "2026-11-25T25:00",
        "2026-11-25T12:60", "2026-11-25T12:00+8", "2026-11-25T12:00Zjunk", "tomorrow",
        "2026/11/25 12:00", "2026-11-25T12:00+15:00", "2026-11-25T24:30"}) {
    EXPECT_FALSE(parse_iso8601(text)) << text;
  }
}

TEST(Time, FormatsInShanghai) {
  EXPECT_EQ(format_shanghai(0), "1970-01-01T08:00:00+08:00");
  EXPECT_EQ(format_shanghai(1795588200), "2026-11-25T14:30:00+08:00");
}

TEST(Time, MinuteOfWeekStartsMonday) {
  // 2026-11-23 is a Monday.
  EXPECT_EQ(shanghai_minute_of_week(*parse_iso8601("2026-11-23T00:00")), 0);
  EXPECT_EQ(shanghai_minute_of_week(*parse_iso8601("2026-11-25T14:30")), 2 * 1440 + 14 * 60 + 30);
  EXPECT_EQ(shanghai_minute_of_week(*parse_iso8601("2026-11-29T23:59")), kMinutesPerWeek - 1);
  EXPECT_EQ(shanghai_minute_of_week(*parse_iso8601("1960-01-04T00:00")), 0);  // before 1970
}

}  // namespace
}  // namespace sf
