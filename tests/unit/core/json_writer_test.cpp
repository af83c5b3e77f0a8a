#include "newsflow/core/json_writer.hpp"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(JsonWriterTest, EscapesControlCharactersAndKeepsUnicode) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01 “NATO’s” – é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 “NATO’s” – é\"");
}

TEST(JsonWriterTest, WritesNestedStructures) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").value(int64_t{1}).key("b").begin_array().value("x").value(true).null().end_array();
  w.key("c").begin_object().end_object().key("d").raw("[1,2]").key("e").value(0.123456).end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",true,null],"c":{},"d":[1,2],"e":0.1235})");
}

}  // namespace
}  // namespace newsflow
