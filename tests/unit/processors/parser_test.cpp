#include "newsflow/processors/parser.hpp"

#include <gtest/gtest.h>

namespace newsflow::processors {
namespace {

class ParserTest : public ::testing::Test {
 protected:
  std::optional<Rejection> parse(std::string value) {
    RawRecord r;
    r.value = std::move(value);
    return parser.parse(r, article);
  }
  ParserOptions options() {
    ParserOptions o;
    o.max_body_bytes = 1000;
    o.max_record_bytes = 4000;
    return o;
  }
  ArticleParser parser{options()};
  Article article;
};

TEST_F(ParserTest, ReadsMappedFieldsAndKeepsRawOnes) {
  ASSERT_FALSE(parse(R"({"id":"a1","url":"https://www.example.com/x/?utm_source=t","title":"T “q”",
    "body":"Body – é","published_at":"2024-07-09T08:30:00Z","extra":{"k":[1, 2]},"n":42})"));
  EXPECT_EQ(article.id, "a1");
  EXPECT_EQ(article.title, "T “q”");
  EXPECT_EQ(article.body, "Body – é");
  EXPECT_EQ(article.canonical_url, "https://example.com/x");
  EXPECT_EQ(article.published_at_ms, 1720513800000);
  ASSERT_EQ(article.raw_fields.size(), 7u);
  EXPECT_EQ(article.raw_fields[5].second, R"({"k":[1, 2]})");
  EXPECT_EQ(article.raw_fields[6].second, "42");
}

TEST_F(ParserTest, AcceptsBodyAliasesAndDerivesIdFromUrl) {
  ASSERT_FALSE(parse(R"({"url":"http://example.com/a#frag","text":"Hello"})"));
  EXPECT_EQ(article.body, "Hello");
  EXPECT_TRUE(article.id_derived);
  EXPECT_EQ(article.id.size(), 17u);
  Article first = article;
  ASSERT_FALSE(parse(R"({"url":"https://www.example.com/a/?fbclid=1","content":"Hello"})"));
  EXPECT_EQ(article.id, first.id) << "the same canonical URL must give the same id";
}

TEST_F(ParserTest, NumericIdIsKeptAsText) {
  ASSERT_FALSE(parse(R"({"id":12345,"body":"x"})"));
  EXPECT_EQ(article.id, "12345");
}

struct BadCase {
  const char* name;
  std::string input;
  RecordError expected;
};

class ParserRejectTest : public ParserTest, public ::testing::WithParamInterface<BadCase> {};

TEST_P(ParserRejectTest, RejectsWithTypedReason) {
  auto rejection = parse(GetParam().input);
  ASSERT_TRUE(rejection) << GetParam().name;
  EXPECT_EQ(rejection->error, GetParam().expected) << rejection->message;
  EXPECT_FALSE(rejection->message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, ParserRejectTest,
    ::testing::Values(BadCase{"not_json", "this is not json", RecordError::not_json},
                      BadCase{"truncated", R"({"id":"a","body":"x")", RecordError::not_json},
                      BadCase{"trailing", R"({"id":"a","body":"x"} {})", RecordError::not_json},
                      BadCase{"array", R"([{"id":"a"}])", RecordError::not_object},
                      BadCase{"string", R"("just a string")", RecordError::not_object},
                      BadCase{"invalid_utf8", "{\"id\":\"a\",\"body\":\"\xff\xfe\"}", RecordError::invalid_utf8},
                      BadCase{"missing_body", R"({"id":"a","title":"t"})", RecordError::missing_field},
                      BadCase{"missing_id_and_url", R"({"body":"x"})", RecordError::missing_field},
                      BadCase{"empty_body", R"({"id":"a","body":"  \n "})", RecordError::empty_body},
                      BadCase{"body_number", R"({"id":"a","body":7})", RecordError::wrong_type},
                      BadCase{"title_object", R"({"id":"a","body":"x","title":{}})", RecordError::wrong_type},
                      BadCase{"bad_date", R"({"id":"a","body":"x","published_at":"last Tuesday"})",
                              RecordError::bad_value},
                      BadCase{"body_too_large", R"({"id":"a","body":")" + std::string(1500, 'x') + "\"}",
                              RecordError::body_too_large},
                      BadCase{"record_too_large", R"({"id":"a","pad":")" + std::string(5000, 'x') + "\"}",
                              RecordError::body_too_large}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ParserTest, ReusesParserAcrossRecords) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_FALSE(parse(R"({"id":"a)" + std::to_string(i) + R"(","body":"text"})"));
    ASSERT_TRUE(parse("nope"));
  }
}

}  // namespace
}  // namespace newsflow::processors
