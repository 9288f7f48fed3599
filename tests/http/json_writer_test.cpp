#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/json_writer.hpp"

namespace sf::http {
namespace {

TEST(JsonWriter, WritesValidJsonWithEscapes) {
  JsonWriter w;
  w.begin_object();
  w.field("text", "quote \" backslash \\ newline \n tab \t ctrl \x01 中文");
  w.key("numbers").begin_array().number(1.5, 3).number(2.0, 3).number(-0.0001, 3).number(1.0 / 0.0, 3);
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

}  // namespace
}  // namespace sf::http
