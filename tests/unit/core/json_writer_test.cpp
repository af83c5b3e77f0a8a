#include "newsflow/core/json_writer.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>

namespace newsflow {
namespace {

TEST(JsonWriterTest, EscapesControlCharactersAndKeepsUnicode) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01 “NATO’s” – é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 “NATO’s” – é\"");
}

// The byte-by-byte rule the writer's scans must agree with.
std::string expected_literal(std::string_view s) {
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
}

// The writer scans sixteen bytes at a time; every byte value at every offset
// of a long string must still come out as the byte-by-byte rule says.
TEST(JsonWriterTest, EscapesEveryByteValueAtEveryOffset) {
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
      ASSERT_EQ(out, "prefix" + expected_literal(s)) << "byte " << c << " at " << at;
    }
}

// Strings under sixteen bytes are read a word at a time, with loads that
// overlap: every byte value at every offset of every short length, a second
// escape after it, and the strings' ends.
TEST(JsonWriterTest, EscapesShortStringsAtEveryOffset) {
  // Fillers just above each flagged range (' ', '#', ']') and a byte from
  // 0x80, which a word test's borrow or sign could misread.
  for (const char fill : {'y', ' ', '#', ']', '\xE2'})
    for (size_t n = 1; n <= 20; ++n)
      for (int c = 0; c < 256; ++c)
        for (size_t at = 0; at < n; ++at) {
          std::string s(n, fill);
          s[at] = static_cast<char>(c);
          if (at + 2 < n) s[at + 2] = '"';
          std::string out = "{";
          append_json_string(out, s);
          ASSERT_EQ(out, "{" + expected_literal(s)) << "fill " << int{fill} << " length " << n << " byte " << c << " at " << at;
        }
  std::string empty = "[";
  append_json_string(empty, "");
  EXPECT_EQ(empty, "[\"\"");
}

TEST(JsonWriterTest, WritesNestedStructures) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").value(int64_t{1}).key("b").begin_array().value("x").value(true).null().end_array();
  w.key("c").begin_object().end_object().key("d").raw("[1,2]").key("e").value(0.123456).end_object();
  EXPECT_EQ(w.finish(), R"({"a":1,"b":["x",true,null],"c":{},"d":[1,2],"e":0.1235})");
}

// The writer keeps room past what it wrote; `out` is exact after finish() and
// once the writer is gone, keeps what was there before, and keeps what the
// caller appends after finish().
TEST(JsonWriterTest, OutputIsExactAfterFinishAndAtTheEnd) {
  std::string out = "prefix:";
  {
    JsonWriter w(out, 10'000);
    w.begin_array().value("a");
    EXPECT_EQ(w.finish(), "prefix:[\"a\"");
    w.value(uint64_t{7}).end_array();
  }
  EXPECT_EQ(out, "prefix:[\"a\",7]");
  std::string line;
  {
    JsonWriter w(line);
    w.begin_object().key("k").value(std::string(1000, 'z')).end_object().finish().push_back('\n');
  }
  EXPECT_EQ(line, "{\"k\":\"" + std::string(1000, 'z') + "\"}\n");
}

// A reused record buffer is written from its start, its old bytes room:
// longer and shorter than the new record, and empty.
TEST(JsonWriterTest, OverwritingStartsAtTheBufferStart) {
  for (const std::string& old : {std::string(5000, '#'), std::string("{\"x\""), std::string()}) {
    std::string out = old;
    {
      JsonWriter w = JsonWriter::overwriting(out, 8);
      w.begin_object().key("k").value("v").key("n").value(int64_t{-3}).end_object();
      EXPECT_EQ(w.finish(), R"({"k":"v","n":-3})") << old.size();
      w.key("late");  // after finish() the writer may go on; the end cuts again
    }
    EXPECT_EQ(out, R"({"k":"v","n":-3},"late":)") << old.size();
  }
}

// What the writer wrote before it formatted ten-thousandths itself.
std::string to_chars_rounded(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 10000.0) / 10000.0);
  return std::string(buf, r.ptr);
}

std::string written(double v) {
  std::string out;
  JsonWriter(out).value(v);
  return out;
}

TEST(JsonWriterTest, DoublesAreWrittenAsToCharsWritesThemRounded) {
  // Every ten-thousandth up to 300 either way, and their neighbours.
  for (int64_t k = -3'000'000; k <= 3'000'000; ++k) {
    const double v = static_cast<double>(k) / 10000.0;
    ASSERT_EQ(written(v), to_chars_rounded(v)) << k;
    ASSERT_EQ(written(std::nextafter(v, 1e9)), to_chars_rounded(std::nextafter(v, 1e9))) << k;
    ASSERT_EQ(written(v + 0.00005), to_chars_rounded(v + 0.00005)) << k;
  }
  // Every magnitude, where the shortest form turns scientific (1e-04,
  // 1e+05) or the integer part grows past four digits.
  std::mt19937_64 rng(12);
  for (int i = 0; i < 400'000; ++i) {
    const double v = std::ldexp(std::uniform_real_distribution<double>(-1.0, 1.0)(rng),
                                std::uniform_int_distribution<int>(-40, 60)(rng));
    ASSERT_EQ(written(v), to_chars_rounded(v)) << v;
  }
  for (double v : {0.0, -0.0, 0.00004, -0.00004, 0.00005, 0.0001, 0.0009, 0.00095, 0.001, 0.0015, 9999.99994,
                   9999.99995, 10000.0, 99999.9999, 100000.0, 1e15, -1e15, 1e300,
                   std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN()})
    EXPECT_EQ(written(v), to_chars_rounded(v)) << v;
  EXPECT_EQ(written(0.5), "0.5");
  EXPECT_EQ(written(0.00012), "1e-04");
  EXPECT_EQ(written(-0.25), "-0.25");
}

// A finite double too large to scale by 10^4 (above ~1.8e304) is still a
// number: "inf", which rounding it would write, is not JSON.
TEST(JsonWriterTest, HugeFiniteDoublesStayJsonNumbers) {
  const double largest = std::numeric_limits<double>::max();
  for (double v : {largest, -largest, 1e305, -2.5e306}) {
    const std::string out = written(v);
    EXPECT_EQ(out.find("inf"), std::string::npos) << out;
    EXPECT_EQ(std::stod(out), v) << out;
  }
}

}  // namespace
}  // namespace newsflow
