#include "newsflow/processors/url.hpp"

#include <gtest/gtest.h>

namespace newsflow::processors {
namespace {

TEST(UrlTest, NormalisesTheVariantsOfOneArticle) {
  const std::string expected = "https://example.com/news/story";
  for (const char* url : {"https://example.com/news/story", "http://www.example.com/news/story/",
                          "HTTPS://WWW.Example.com:443/news/story#comments", "http://example.com:80/news/story",
                          "https://example.com/news/story?utm_source=tw&utm_medium=social",
                          "https://example.com/news/story?fbclid=abc&gclid=def"})
    EXPECT_EQ(canonicalize_url(url), expected) << url;
}

TEST(UrlTest, KeepsMeaningfulQueryParametersSorted) {
  EXPECT_EQ(canonicalize_url("https://example.com/article?p=2&id=7&utm_campaign=x"),
            "https://example.com/article?id=7&p=2");
}

TEST(UrlTest, LeavesNonHttpAlone) { EXPECT_EQ(canonicalize_url("  urn:isbn:123 "), "urn:isbn:123"); }

TEST(UrlTest, DerivedIdIsStable) {
  EXPECT_EQ(id_from_url("https://example.com/a"), id_from_url("https://example.com/a"));
  EXPECT_NE(id_from_url("https://example.com/a"), id_from_url("https://example.com/b"));
}

}  // namespace
}  // namespace newsflow::processors
