#include "newsflow/core/json_writer.hpp"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(JsonWriterTest, EscapesControlCharactersAndKeepsUnicode) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01 “NATO’s” – é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 “NATO’s” – é\"");
}

// The writer skips eight bytes at a time; every byte value at every offset of
// a long string must still come out as the byte-by-byte rule says.
TEST(JsonWriterTest, EscapesEveryByteValueAtEveryOffset) {
  auto expected = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c == '\b') out += "\\b";
      else if (c == '\f') out += "\\f";
      else if (c < 0x20) out += "\\u00" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 0xF];
      else out += static_cast<char>(c);
    }
    return out + "\"";
  };
  for (int c = 0; c < 256; ++c)
    for (size_t at = 0; at < 37; ++at) {
      // Neighbours just above the flagged ranges (0x20, '#', ']') catch a
      // word test that flags the wrong byte.
      // 37 bytes: two 16-byte blocks and a tail.
      std::string s(37, 'x');
      s[at] = static_cast<char>(c);
      if (at + 1 < s.size()) s[at + 1] = at % 2 ? ' ' : '#';
      if (at > 0) s[at - 1] = ']';
      std::string out = "prefix";
      append_json_string(out, s);
      ASSERT_EQ(out, "prefix" + expected(s)) << "byte " << c << " at " << at;
    }
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
