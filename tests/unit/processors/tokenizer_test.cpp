#include "text/tokenizer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsflow::processors::text {
namespace {

std::vector<std::string> words(std::string_view s) {
  std::vector<Token> tokens;
  tokenize(s, tokens);
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    EXPECT_EQ(t.hash, fold_hash(s.substr(t.start, t.end - t.start)));
    out.emplace_back(s.substr(t.start, t.end - t.start));
  }
  return out;
}

TEST(Tokenizer, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_EQ(words("NATO’s U.S.-led covid-19 plan, 2024!"),
            (std::vector<std::string>{"NATO", "s", "U", "S", "led", "covid", "19", "plan", "2024"}));
  EXPECT_EQ(words("Zürich — São Paulo 東京\xc2\xa0x"), (std::vector<std::string>{"Zürich", "São", "Paulo", "東京", "x"}));
  EXPECT_TRUE(words("").empty());
  EXPECT_TRUE(words(" ,.;— ").empty());
}

TEST(Tokenizer, HashFoldsAsciiCaseOnly) {
  EXPECT_EQ(fold_hash("Hospital"), fold_hash("hOSPITAL"));
  EXPECT_NE(fold_hash("hospital"), fold_hash("hospitals"));
  EXPECT_NE(fold_hash("Éa"), fold_hash("éa"));  // Hyperscan's caseless is ASCII-only too
  EXPECT_NE(fold_hash("a"), 0u);
}

TEST(Tokenizer, MalformedBytesAreNotWords) {
  EXPECT_EQ(words("ab\x80" "cd \xe2\x80"), (std::vector<std::string>{"ab", "cd"}));  // stray continuation bytes
  EXPECT_EQ(words("ab\xc3"), (std::vector<std::string>{"ab"}));  // truncated sequence at the end
}

TEST(Tokenizer, WordBoundariesAgreeWithTokens) {
  std::string s = "Le café, NATO’s “plan” — 東京 ok";
  std::vector<Token> tokens;
  tokenize(s, tokens);
  for (const auto& t : tokens) {
    EXPECT_FALSE(word_char_before(s, t.start));
    EXPECT_TRUE(word_char_at(s, t.start));
    EXPECT_FALSE(word_char_at(s, t.end));
  }
}

}  // namespace
}  // namespace newsflow::processors::text
