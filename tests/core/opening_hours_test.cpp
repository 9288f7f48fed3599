#include <gtest/gtest.h>

#include "core/opening_hours.hpp"
#include "core/time.hpp"

namespace sf {
namespace {

// Minute of the week for a weekday (0 = Monday) and a clock time.
int at(int day, int hour, int minute = 0) {
  return day * 1440 + hour * 60 + minute;
}

TEST(OpeningHours, TwentyFourSeven) {
  auto h = OpeningHours::parse("24/7");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->always_open());
  EXPECT_TRUE(h->open_at(at(6, 23, 59)));
  const auto st = h->status_at(at(2, 3));
  EXPECT_TRUE(st.open);
  EXPECT_FALSE(st.minutes_to_change);
}

TEST(OpeningHours, WeekdayRangesAndRuleOverride) {
  auto h = OpeningHours::parse("Mo-Fr 09:00-18:00; Sa-Su 10:00-16:00");
  ASSERT_TRUE(h);
  EXPECT_FALSE(h->open_at(at(0, 8, 59)));
  EXPECT_TRUE(h->open_at(at(0, 9, 0)));
  EXPECT_TRUE(h->open_at(at(4, 17, 59)));
  EXPECT_FALSE(h->open_at(at(4, 18, 0)));
  EXPECT_FALSE(h->open_at(at(5, 9, 30)));
  EXPECT_TRUE(h->open_at(at(6, 15, 0)));
  // A later rule replaces earlier ones for its days.
  auto o = OpeningHours::parse("Mo-Su 08:00-20:00; We off");
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->open_at(at(1, 12)));
  EXPECT_FALSE(o->open_at(at(2, 12)));
  EXPECT_TRUE(o->open_at(at(3, 12)));
}

TEST(OpeningHours, SeveralRangesADay) {
  auto h = OpeningHours::parse("Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->open_at(at(1, 11, 59)));
  EXPECT_FALSE(h->open_at(at(1, 12, 30)));
  EXPECT_TRUE(h->open_at(at(1, 13, 30)));
  EXPECT_TRUE(h->open_at(at(5, 10)));
  EXPECT_FALSE(h->open_at(at(6, 10)));
  const auto lunch = h->status_at(at(1, 12, 0));
  EXPECT_FALSE(lunch.open);
  EXPECT_EQ(lunch.minutes_to_change, 90);
}

TEST(OpeningHours, SpansPastMidnight) {
  auto h = OpeningHours::parse("Mo-Su 22:00-06:00");
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->open_at(at(2, 23)));
  EXPECT_TRUE(h->open_at(at(3, 5, 59)));
  EXPECT_FALSE(h->open_at(at(3, 6)));
  EXPECT_FALSE(h->open_at(at(3, 12)));
  // Sunday night runs into Monday morning, across the week boundary.
  EXPECT_TRUE(h->open_at(at(0, 2)));
  const auto st = h->status_at(at(6, 23));
  EXPECT_TRUE(st.open);
  EXPECT_EQ(st.minutes_to_change, 60 + 6 * 60);  // closes Monday 06:00
  auto f = OpeningHours::parse("Fr 18:00-02:00");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->open_at(at(5, 1)));
  EXPECT_FALSE(f->open_at(at(5, 3)));
  auto e = OpeningHours::parse("Mo-Su 06:00-26:00");  // extended hours notation
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->open_at(at(1, 1)));
}

TEST(OpeningHours, ClosesAndOpensNext) {
  auto h = OpeningHours::parse("Mo-Fr 09:00-17:00");
  ASSERT_TRUE(h);
  const auto friday_evening = h->status_at(at(4, 20));
  EXPECT_FALSE(friday_evening.open);
  EXPECT_EQ(friday_evening.minutes_to_change, 4 * 60 + 2 * 1440 + 9 * 60);  // Monday 09:00
  const auto monday = h->status_at(at(0, 10));
  EXPECT_TRUE(monday.open);
  EXPECT_EQ(monday.minutes_to_change, 7 * 60);
  auto never = OpeningHours::parse("off");
  ASSERT_TRUE(never);
  EXPECT_FALSE(never->status_at(0).open);
  EXPECT_FALSE(never->status_at(0).minutes_to_change);
}

TEST(OpeningHours, WrappingWeekdayRangesAndLists) {
  auto h = OpeningHours::parse("Fr-Mo 10:00-14:00");
  ASSERT_TRUE(h);
  for (int d : {4, 5, 6, 0}) EXPECT_TRUE(h->open_at(at(d, 12))) << d;
  for (int d : {1, 2, 3}) EXPECT_FALSE(h->open_at(at(d, 12))) << d;
  auto l = OpeningHours::parse("Mo,We,Fr 10:00-12:00");
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->open_at(at(2, 11)));
  EXPECT_FALSE(l->open_at(at(1, 11)));
  auto day_only = OpeningHours::parse("Sa-Su");
  ASSERT_TRUE(day_only);
  EXPECT_TRUE(day_only->open_at(at(5, 3)));
  EXPECT_FALSE(day_only->open_at(at(4, 3)));
}

TEST(OpeningHours, RejectsWhatItDoesNotUnderstand) {
  for (const char* text :
       {"", "  ", "sometimes", "Mo-Fr 9-18", "Mo-Fr 09:00", "Xx 09:00-10:00", "Mo-Fr 25:00-26:00",
        "Mo-Fr 09:60-10:00", "PH off", "Mo-Fr 09:00-18:00 \"by appointment\"",
        "Jan-Mar 09:00-18:00", "Mo-Fr 24:00-02:00"}) {
    EXPECT_FALSE(OpeningHours::parse(text)) << text;
  }
}

TEST(OpeningHours, EvaluatedInShanghaiTime) {
  auto h = OpeningHours::parse("Mo-Fr 09:00-18:00");
  ASSERT_TRUE(h);
  // 2026-11-25 is a Wednesday. 01:30Z is 09:30 in Shanghai.
  EXPECT_TRUE(h->open_at(shanghai_minute_of_week(*parse_iso8601("2026-11-25T01:30:00Z"))));
  EXPECT_FALSE(h->open_at(shanghai_minute_of_week(*parse_iso8601("2026-11-25T00:30:00Z"))));
  EXPECT_TRUE(h->open_at(shanghai_minute_of_week(*parse_iso8601("2026-11-25T09:30"))));
  // Saturday 2026-11-28 in Shanghai, though still Friday in UTC.
  EXPECT_FALSE(h->open_at(shanghai_minute_of_week(*parse_iso8601("2026-11-27T17:00:00Z"))));
}

}  // namespace
}  // namespace sf
