#include "newsflow/processors/url.hpp"

#include <gtest/gtest.h>

namespace newsflow::processors {
namespace {

TEST(UrlTest, NormalisesWhatDedupNeeds) {
  const std::string canonical = "https://news.example/world/story-1";
  for (const char* variant : {
           "https://news.example/world/story-1",
           "http://news.example/world/story-1",
           "https://www.news.example/world/story-1/",
           "HTTPS://WWW.News.Example:443/world/story-1",
           "http://news.example:80/world/story-1#comments",
           "https://news.example/world/story-1?utm_source=twitter&utm_medium=social",
           "https://news.example/world/story-1/?fbclid=IwAR0&gclid=abc",
       })
    EXPECT_EQ(canonicalize_url(variant), canonical) << variant;
}

TEST(UrlTest, KeepsMeaningfulQueryParametersSorted) {
  EXPECT_EQ(canonicalize_url("https://a.example/view?page=2&id=7&utm_campaign=x"), "https://a.example/view?id=7&page=2");
  EXPECT_NE(canonicalize_url("https://a.example/view?id=7"), canonicalize_url("https://a.example/view?id=8"));
  EXPECT_NE(canonicalize_url("https://a.example/x"), canonicalize_url("https://b.example/x"));
}

TEST(UrlTest, LeavesNonHttpAlone) { EXPECT_EQ(canonicalize_url("  urn:isbn:123 "), "urn:isbn:123"); }

}  // namespace
}  // namespace newsflow::processors
