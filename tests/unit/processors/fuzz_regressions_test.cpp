// Inputs the libFuzzer targets (tests/fuzz/) found, kept as unit tests so
// they stay fixed in the ordinary builds too. docs/fuzzing.md lists them.
#include <gtest/gtest.h>

#include "newsflow/processors/url.hpp"
#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

TEST(FuzzRegressions, CanonicalUrlIsAFixedPoint) {
  // dedup_fuzz: "www.www." lost one "www." per call.
  for (const char* url : {"https://www.www.moldova-invest.example/2024/a", "http://www.m.example.com/a/",
                          "https://amp.www.example.com:443", "https://m.m.example.com:443:80/x?b=1&a=2",
                          "https://user@www.www.example.com:80/"}) {
    const std::string once = canonicalize_url(url);
    EXPECT_EQ(canonicalize_url(once), once) << url;
  }
  EXPECT_EQ(canonicalize_url("https://www.www.moldova-invest.example/2024/a"), "https://moldova-invest.example/2024/a");
  EXPECT_EQ(canonicalize_url("http://www.m.example.com/a/"), "https://example.com/a");
}

TEST(FuzzRegressions, UrlWithWhiteSpaceInsideIsOnlyTrimmed) {
  // dedup_fuzz: the space before '#' became trailing, and the next call trimmed it.
  const std::string url = "http://[::1]:8080/?a?i\x01 customers that their names, #mail";
  EXPECT_EQ(canonicalize_url(url), url);
  EXPECT_EQ(canonicalize_url(" https://www.example.com/a b?z &a \n"), "https://www.example.com/a b?z &a");
  for (const char* u : {"https://x.example/?z &a", "https://x.example/?z\x01&z &a"})
    EXPECT_EQ(canonicalize_url(canonicalize_url(u)), canonicalize_url(u)) << u;
}

TEST(FuzzRegressions, AccordingToAtTheEndOfTheTextNamesNoOne) {
  // quotes_fuzz: "according to" as the text's last two words read the
  // source's first token one past the end.
  for (const char* text : {"\"We will build it,\" the mayor said. It was, according to",
                           "\"We will build it.\" According to", "\"Nous allons le construire\", selon",
                           "\"We will build it,\" according to its"}) {
    const Article a = quotes_test::run(text);
    for (const auto& q : a.quotes) EXPECT_LE(q.end, a.text.size()) << text;
  }
}

}  // namespace
}  // namespace newsflow::processors
