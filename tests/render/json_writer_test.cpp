#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

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

std::string exact(double v) {
  JsonWriter w;
  w.exact(v);
  return w.str();
}

TEST(JsonWriter, ExactNumbersReadBackAndKeepTheirPoint) {
  EXPECT_EQ(exact(116.0), "116.0");
  EXPECT_EQ(exact(116.397), "116.397");
  EXPECT_EQ(exact(-39.9), "-39.9");
  EXPECT_EQ(exact(0.0), "0.0");
  EXPECT_EQ(exact(-0.0), "-0.0");
  EXPECT_EQ(exact(0.0001), "0.0001");
  EXPECT_EQ(exact(0.00001), "1e-05");
  EXPECT_EQ(exact(1e14), "100000000000000.0");
  EXPECT_EQ(exact(1e15), "1e+15");
  EXPECT_EQ(exact(1.5e16), "1.5e+16");
  EXPECT_EQ(exact(1e100), "1e+100");
  EXPECT_EQ(exact(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(exact(std::nan("")), "null");
  // Coordinates as stations store them, then any double: the same value back, in no more
  // digits than the history and bulk answers had when nlohmann wrote them (its Grisu2 is not
  // always the shortest: -7.6977969999999996 for -7.697797), in the same layout
  // (a point or an exponent where it had one).
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 11;
  };
  auto check = [](double v) {
    const std::string text = exact(v), theirs = nlohmann::json(v).dump();
    ASSERT_EQ(std::stod(text), v) << text;
    ASSERT_LE(text.size(), theirs.size()) << text;
    ASSERT_EQ(text.find('e') == std::string::npos, theirs.find('e') == std::string::npos) << text;
  };
  for (int i = 0; i < 20000; ++i) {
    check(static_cast<double>(static_cast<int64_t>(next() % 3600000000) - 1800000000) /
          (i % 2 ? 1e7 : 1e4));
  }
  for (int i = 0; i < 20000; ++i) {
    const double mantissa = static_cast<double>(next()) / 9007199254740992.0;
    check((i % 2 ? -1 : 1) * mantissa * std::pow(10.0, static_cast<int>(next() % 40) - 20));
  }
}

}  // namespace
}  // namespace sf
