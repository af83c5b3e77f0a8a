// The quotes processor's word table: every token is looked up in it, so it
// must fold ASCII case itself, find every listed word and nothing else.
#include <gtest/gtest.h>

#include <string>

#include "quotes/quote_rules.hpp"
#include "quotes_test_util.hpp"

namespace newsflow::processors {
namespace {

TEST(QuoteRulesTable, FoldsAsciiCaseAndMergesClasses) {
  QuoteRules r;
  r.add("said", kCue);
  r.add("SAID", kPartialCue);  // a second listing adds to the first
  r.add("spokeswoman", kTitle | kGendered);
  EXPECT_EQ(r.size(), 2u);
  EXPECT_EQ(r.classes("said"), kCue | kPartialCue);
  EXPECT_EQ(r.classes("Said"), kCue | kPartialCue);
  EXPECT_EQ(r.classes("SAID"), kCue | kPartialCue);
  EXPECT_EQ(r.classes("Spokeswoman"), kTitle | kGendered);  // longer than one 8-byte chunk
  EXPECT_EQ(r.classes("sai"), 0u);
  EXPECT_EQ(r.classes("saidx"), 0u);
  EXPECT_EQ(r.classes("spokeswomen"), 0u);
  EXPECT_EQ(r.classes(""), 0u);
  EXPECT_EQ(QuoteRules{}.classes("said"), 0u);
}

// A word inside a longer text is read with a masked load past its end: the
// bytes after it must not change the answer.
TEST(QuoteRulesTable, WordInsideTextIgnoresFollowingBytes) {
  QuoteRules r;
  r.add("told", kCue | kObjectCue);
  const std::string text = "they TOLD reporters";
  const std::string_view word = std::string_view(text).substr(5, 4);
  EXPECT_EQ(r.classes(word, text.data() + text.size()), kCue | kObjectCue);
  EXPECT_EQ(r.classes(std::string_view(text).substr(5, 3), text.data() + text.size()), 0u);
}

// Non-ASCII bytes are compared exactly (only ASCII letters fold), as the
// rule loader stores them.
TEST(QuoteRulesTable, NonAsciiWordsMatchExactly) {
  QuoteRules r;
  r.add("señora", kHonorific);
  EXPECT_EQ(r.classes("Señora"), kHonorific);
  EXPECT_EQ(r.classes("senora"), 0u);
}

// Grows past many rehashes and still finds every word of the shipped lists.
TEST(QuoteRulesTable, ShippedListsLoad) {
  const auto& r = *quotes_test::rules();
  EXPECT_GT(r.size(), 500u);
  EXPECT_TRUE(r.classes("said") & kCue);
  EXPECT_TRUE(r.classes("He") & kMalePronoun);
  EXPECT_TRUE(r.classes("she") & kFemalePronoun);
  EXPECT_EQ(r.classes("zebrafish"), 0u);
}

}  // namespace
}  // namespace newsflow::processors
