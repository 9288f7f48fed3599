#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "render/json_writer.hpp"

namespace sf {
namespace {

TEST(JsonWriter, WritesValidJsonWithEscapes) {
  JsonWriter w;
  w.begin_object();
  w.field("text", "quote \" backslash \\ newline \n tab \t ctrl \x01 中文");
  w.key("numbers")
      .begin_array()
      .number(1.5, 3)
      .number(2.0, 3)
      .number(-0.0001, 3)
      .number(1.0 / 0.0, 3);
  w.value(int64_t{-7}).value(uint64_t{42}).end_array();
  w.field("flag", true);
  w.key("nothing").null();
  w.key("nested").begin_object().key("empty").begin_array().end_array().end_object();
  w.end_object();
  const auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["text"], "quote \" backslash \\ newline \n tab \t ctrl \x01 中文");
  EXPECT_EQ(parsed["numbers"][0], 1.5);
  EXPECT_EQ(parsed["numbers"][1], 2);
  EXPECT_EQ(parsed["numbers"][2], 0);
  EXPECT_EQ(parsed["numbers"][3], nullptr);
  EXPECT_EQ(parsed["numbers"][4], -7);
  EXPECT_EQ(parsed["numbers"][5], 42);
  EXPECT_EQ(parsed["flag"], true);
  EXPECT_TRUE(parsed["nested"]["empty"].empty());
  EXPECT_EQ(w.str().find("2.000"), std::string::npos);  // trailing zeros trimmed
}

// Whatever bytes reach the writer, its output is valid JSON: a byte that does not start a
// well-formed UTF-8 sequence becomes U+FFFD; well-formed text passes unchanged.
TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  const std::string inputs[] = {"ok \xff end",          "\xc0\xaf",         "\xed\xa0\x80",
                                "cut \xe4\xb8",         "\xf4\x90\x80\x80", "中文 \xf0\x9f\x98\x80",
                                std::string("n\0ul", 4)};
  for (const std::string& in : inputs) {
    JsonWriter w;
    w.begin_object().field(in, in).end_object();
    const nlohmann::json parsed = nlohmann::json::parse(w.str());  // throws if invalid
    EXPECT_EQ(parsed.size(), 1u);
  }
  JsonWriter w;
  w.value(
      "a\xff"
      "b");
  EXPECT_EQ(nlohmann::json::parse(w.str()),
            "a\xef\xbf\xbd"
            "b");
  JsonWriter fine;
  fine.value("中文 \xf0\x9f\x98\x80");
  EXPECT_EQ(nlohmann::json::parse(fine.str()), "中文 \xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace sf

namespace sf {
namespace {

std::string num(double v, int decimals) {
  JsonWriter w;
  w.number(v, decimals);
  return w.str();
}

TEST(JsonWriter, NumbersAreRoundedAndTrimmed) {
  EXPECT_EQ(num(116.39700001, 7), "116.397");
  EXPECT_EQ(num(39.90845, 7), "39.90845");
  EXPECT_EQ(num(-73.9851234, 7), "-73.9851234");
  EXPECT_EQ(num(108.9005, 3), "108.901");  // 108.9005 is stored just above, rounds up
  EXPECT_EQ(num(0.0004, 3), "0");
  EXPECT_EQ(num(-0.0004, 3), "0");
  EXPECT_EQ(num(359.96, 1), "360");
  EXPECT_EQ(num(12, 0), "12");
  EXPECT_EQ(num(2e20, 3), "200000000000000000000");  // beyond the fast path
  EXPECT_EQ(num(-1.5, 1), "-1.5");
  EXPECT_EQ(num(0.1, 1), "0.1");
  EXPECT_EQ(num(1234567.25, 2), "1234567.25");
}

}  // namespace
}  // namespace sf
