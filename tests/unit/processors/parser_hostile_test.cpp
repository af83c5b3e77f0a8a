// Records that are valid enough for On-Demand but would break a downstream
// reader (Python's json, Jackson's defaults, simdjson): the parser refuses
// them with a typed reason instead of relaying them.
#include <gtest/gtest.h>

#include "newsflow/processors/parser.hpp"

namespace newsflow::processors {
namespace {

std::string nested(size_t depth, std::string_view open = "[", std::string_view close = "]") {
  std::string s;
  for (size_t i = 0; i < depth; ++i) s += open;
  s += "1";
  for (size_t i = 0; i < depth; ++i) s += close;
  return s;
}

class HostileParserTest : public ::testing::Test {
 protected:
  std::optional<Rejection> parse(std::string value) {
    RawRecord r;
    r.value = std::move(value);
    return parser.parse(r, article);
  }
  std::string with_extra(const std::string& extra_json) {
    return R"({"id":"a","body":"text","extra":)" + extra_json + "}";
  }
  ArticleParser parser{ParserOptions{}};
  Article article;
};

TEST_F(HostileParserTest, DepthIsBoundedWhereverTheNestingIs) {
  // The root object is level 1, so "extra" may nest 63 more levels.
  ASSERT_FALSE(parse(with_extra(nested(63)))) << "63 + the root = 64 is allowed";
  EXPECT_EQ(article.raw_fields.back().second, nested(63)) << "pass-through stays byte-exact";
  auto r = parse(with_extra(nested(64)));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::too_deep) << r->message;
  EXPECT_NE(r->message.find("input.max_depth (64)"), std::string::npos) << r->message;
  // The case from the issue: 10,000 levels, and objects as well as arrays.
  r = parse(with_extra(nested(10'000)));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::too_deep);
  r = parse(with_extra(nested(5'000, R"({"k":)", "}")));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::too_deep);
}

TEST_F(HostileParserTest, DepthLimitIsConfigurable) {
  ParserOptions o;
  o.max_depth = 3;
  ArticleParser shallow(o);
  RawRecord r;
  r.value = with_extra(nested(2));
  EXPECT_FALSE(shallow.parse(r, article));
  r.value = with_extra(nested(3));
  auto rejection = shallow.parse(r, article);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->error, RecordError::too_deep);
}

TEST_F(HostileParserTest, BrokenPassThroughValuesAreNotRelayed) {
  // On-Demand skips over these without looking; each would be copied out.
  for (const char* bad : {"[tru, 1]", "[1,]", "[01]", "-", R"("\u00")", R"({"a" 1})", "[1 2]", "nul"}) {
    auto r = parse(with_extra(bad));
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->error, RecordError::not_json) << bad << ": " << r->message;
  }
}

TEST_F(HostileParserTest, NumbersReadersCannotHoldAreBadValues) {
  for (const char* bad : {"1e400", "-1e400", "[1, 2e999]", "123456789012345678901234567890"}) {
    auto r = parse(with_extra(bad));
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->error, RecordError::bad_value) << bad << ": " << r->message;
    EXPECT_NE(r->message.find("range"), std::string::npos) << r->message;
  }
  auto r = parse(R"({"id":1e400,"body":"x"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::bad_value);
  for (const char* fine : {"1e308", "-9223372036854775808", "18446744073709551615", "1e-400", "0.5"}) {
    EXPECT_FALSE(parse(with_extra(fine))) << fine;
    EXPECT_EQ(article.raw_fields.back().second, fine);
  }
}

TEST_F(HostileParserTest, RepeatedTopLevelKeysAreRefused) {
  auto r = parse(R"({"id":"a","body":"first","body":"second"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::bad_value);
  EXPECT_EQ(r->message, "duplicate key 'body'");
  // Equal once unescaped is the same key to every reader.
  r = parse(R"({"id":"a","body":"x","k":1,"\u006b":2})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->message, "duplicate key 'k'");
}

TEST_F(HostileParserTest, RepeatedKeysInsidePassThroughValuesAreRefused) {
  // Python and Jackson would keep 2, simdjson iterates both: one record, two meanings.
  for (const char* bad : {R"({"k":1,"k":2})", R"([{"a":1},{"k":1,"k":2}])", R"({"x":{"y":{"k":1,"k":1}}})"}) {
    auto r = parse(with_extra(bad));
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->error, RecordError::bad_value) << bad;
    EXPECT_EQ(r->message, "duplicate key 'k' inside 'extra'") << bad;
  }
  // The same key in sibling objects is no repeat.
  ASSERT_FALSE(parse(with_extra(R"([{"k":1},{"k":2}])")));
  EXPECT_EQ(article.raw_fields.back().second, R"([{"k":1},{"k":2}])");
}

// Jackson's default StreamReadConstraints, measured with jackson-databind
// 2.19: 1,000 digits (integer, fraction and exponent digits, sign not counted)
// and 50,000 bytes of decoded key are read; one more is refused.
TEST_F(HostileParserTest, NumbersLongerThanJacksonReadsAreBadValues) {
  // (An integer of that length is already outside 64 bits; these are doubles.)
  const std::string d999(999, '7'), d1000(1000, '7');
  const std::string half = "0." + d999;  // 1,000 digits
  for (const std::string& fine : {half, "-" + half, "1." + std::string(997, '1') + "e+12",
                                  "[" + half + "," + half + "]"}) {
    ASSERT_FALSE(parse(with_extra(fine))) << fine.size();
    EXPECT_EQ(article.raw_fields.back().second, fine);
  }
  for (const std::string& bad : {"0." + d1000, "-0." + d1000, "1." + std::string(998, '1') + "E12",
                                 "1.5e" + std::string(998, '0') + "1", R"({"a":[1.)" + d999 + "1]}"}) {
    auto r = parse(with_extra(bad));
    ASSERT_TRUE(r) << bad.size();
    EXPECT_EQ(r->error, RecordError::bad_value) << r->message;
    EXPECT_NE(r->message.find("1001 digits"), std::string::npos) << r->message;
  }
  // Digits inside strings are text, however many.
  EXPECT_FALSE(parse(R"({"id":"a","body":")" + std::string(5000, '9') + R"("})"));
}

TEST_F(HostileParserTest, KeysLongerThanJacksonReadsAreBadValues) {
  ParserOptions o;
  o.max_record_bytes = 1 << 20;
  ArticleParser big(o);
  RawRecord r;
  auto with_key = [](const std::string& key) { return R"({"id":"a","body":"x",")" + key + R"(":1})"; };
  r.value = with_key(std::string(50'000, 'k'));
  EXPECT_FALSE(big.parse(r, article));
  r.value = R"({"id":"a","body":"x","extra":{")" + std::string(50'001, 'k') + R"(":1}})";
  auto rejection = big.parse(r, article);
  ASSERT_TRUE(rejection);
  EXPECT_EQ(rejection->error, RecordError::bad_value);
  EXPECT_NE(rejection->message.find("key of 50001 bytes"), std::string::npos) << rejection->message;
  // Jackson counts the decoded UTF-8 bytes: 25,001 two-byte letters are too many,
  // 10,000 escaped letters (60,000 bytes as written) are not.
  std::string e_acute;
  for (int i = 0; i < 25'001; ++i) e_acute += "\xC3\xA9";
  r.value = with_key(e_acute);
  EXPECT_TRUE(big.parse(r, article));
  std::string escaped;
  for (int i = 0; i < 10'000; ++i) escaped += "\\u0041";
  r.value = with_key(escaped);
  EXPECT_FALSE(big.parse(r, article));
}

TEST_F(HostileParserTest, ManyFieldsStayCheap) {
  // Duplicate detection must not be quadratic: 200,000 keys in well under the
  // time 4e10 comparisons would take.
  std::string s = R"({"id":"a","body":"x")";
  for (int i = 0; i < 200'000; ++i) s += ",\"k" + std::to_string(i) + "\":0";
  s += "}";
  ParserOptions o;
  o.max_record_bytes = s.size();
  ArticleParser big(o);
  RawRecord r;
  r.value = s;
  EXPECT_FALSE(big.parse(r, article));
  EXPECT_EQ(article.raw_fields.size(), 200'002u);
}

TEST_F(HostileParserTest, ByteOrderMarkIsIgnored) {
  ASSERT_FALSE(parse("\xEF\xBB\xBF" R"({"id":"a","body":"text"})"));
  EXPECT_EQ(article.body, "text");
  // Only one, and only in front.
  EXPECT_TRUE(parse("\xEF\xBB\xBF\xEF\xBB\xBF" R"({"id":"a","body":"text"})"));
  auto r = parse("\xEF\xBB\xBF");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::not_json);
}

TEST_F(HostileParserTest, ControlCharactersInStringsAreNotJson) {
  auto r = parse(with_extra("\"a\x01b\""));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, RecordError::not_json);
}

}  // namespace
}  // namespace newsflow::processors
