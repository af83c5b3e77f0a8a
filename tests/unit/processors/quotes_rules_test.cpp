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

// A slot keeps a word's first eight bytes and its length up to eight: words
// that share those eight bytes, or differ only past them, stay apart.
TEST(QuoteRulesTable, WordsSharingTheirFirstEightBytesStayApart) {
  QuoteRules r;
  r.add("campaign", kOrgNoun);     // exactly eight bytes
  r.add("campaigner", kTitle);     // the same eight, then more
  r.add("campaigns", kGroup);
  EXPECT_EQ(r.classes("Campaign"), kOrgNoun);
  EXPECT_EQ(r.classes("CAMPAIGNER"), kTitle);
  EXPECT_EQ(r.classes("campaigns"), kGroup);
  EXPECT_EQ(r.classes("campaigned"), 0u);
  EXPECT_EQ(r.classes("campaig"), 0u);
  const std::string with_nul("camp\0", 5);  // zero bytes look like a shorter word's padding
  EXPECT_EQ(r.classes(with_nul), 0u);
  r.add("camp", kSkip);
  EXPECT_EQ(r.classes("camp"), kSkip);
  EXPECT_EQ(r.classes(with_nul), 0u);
}

// A short word's classes merged before the table grows survive the rehash.
TEST(QuoteRulesTable, MergedClassesSurviveGrowth) {
  QuoteRules r;
  r.add("told", kCue);
  r.add("Told", kObjectCue);
  r.add("spokesperson", kTitle);
  r.add("SPOKESPERSON", kGendered);
  for (int i = 0; i < 500; ++i) r.add("filler" + std::to_string(i), kSkip);
  EXPECT_EQ(r.size(), 502u);
  EXPECT_EQ(r.classes("told"), kCue | kObjectCue);
  EXPECT_EQ(r.classes("Spokesperson"), kTitle | kGendered);
  EXPECT_EQ(r.classes("filler499"), kSkip);
  EXPECT_EQ(r.classes("filler500"), 0u);
  r.add("told", kPartialCue);
  for (int i = 500; i < 1100; ++i) r.add("filler" + std::to_string(i), kSkip);
  EXPECT_EQ(r.classes("TOLD"), kCue | kObjectCue | kPartialCue);
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
