#include "text/tokenizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
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

// The rules byte by byte, as tokenize implemented them before it read
// sixteen bytes at a time: the reference the fast scan must agree with.
std::vector<Token> reference_tokens(std::string_view text) {
  auto byte_hash = [](std::string_view w) {
    uint64_t h = (w.size() + 1) * 0x9e3779b97f4a7c15ull;
    size_t i = 0;
    auto chunk = [&](size_t from, size_t count) {
      uint64_t v = 0;
      for (size_t k = 0; k < count; ++k) v |= uint64_t{fold_ascii(static_cast<unsigned char>(w[from + k]))} << (8 * k);
      return v;
    };
    for (; i + 8 <= w.size(); i += 8) h = fold_hash_step(h, chunk(i, 8));
    return fold_hash_finish(h, chunk(i, w.size() - i));
  };
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!word_char_at(text, i)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && word_char_at(text, i)) {
      auto c = static_cast<unsigned char>(text[i]);
      i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    }
    out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), byte_hash(text.substr(start, i - start))});
  }
  return out;
}

TEST(Tokenizer, AgreesWithTheByteRulesOnRandomText) {
  // Pieces that meet at every offset of the sixteen-byte blocks: letters of
  // both cases (the case fold's edges '@' '[' '`' '{'), digits, blanks,
  // punctuation, multi-byte letters and punctuation, stray continuation
  // bytes and lead bytes with what follows them malformed.
  const std::vector<std::string> pieces = {
      "a", "Z", "q", "M", "0", "9", "@", "[", "`", "{", " ", " ", "\n", ".", "-", "'", ",",
      "é", "É", "ß", "東京", "’", "—", "“", "\xc2\xa0", "\x80", "\xbf", "\xc3", "\xe2\x80", "\xf0\x9f\x98\x80",
      "\xc3 ", "\xe2\xc3\xa9", "word", "Longerword", "abcdefghijklmnopqrstuvwxyz0123456789"};
  std::mt19937 rng(12);
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    // Every fourth text long (hundreds of bytes), so runs of words and gaps
    // cross many sixteen-byte blocks, not only the first few.
    const size_t count = round % 4 == 0 ? rng() % 400 : rng() % 60;
    for (size_t k = 0; k < count; ++k) s += pieces[rng() % pieces.size()];
    std::vector<Token> got;
    tokenize(s, got);
    const std::vector<Token> want = reference_tokens(s);
    ASSERT_EQ(got.size(), want.size()) << s;
    for (size_t k = 0; k < got.size(); ++k) {
      ASSERT_EQ(got[k].start, want[k].start) << s;
      ASSERT_EQ(got[k].end, want[k].end) << s;
      ASSERT_EQ(got[k].hash, want[k].hash) << s;
      ASSERT_EQ(got[k].hash, fold_hash(std::string_view(s).substr(got[k].start, got[k].end - got[k].start))) << s;
    }
  }
}

TEST(Tokenizer, SwarFoldEqualsTheByteFoldForEveryByte) {
  for (int c = 0; c < 256; ++c) {
    const uint64_t v = uint64_t{static_cast<unsigned char>(c)} * 0x0101010101010101ull ^ 0x00ff000000008000ull;
    uint64_t want = 0;
    for (int k = 0; k < 8; ++k) want |= uint64_t{fold_ascii(static_cast<unsigned char>(v >> (8 * k)))} << (8 * k);
    ASSERT_EQ(fold8_swar(v), want) << c;
  }
}

TEST(Tokenizer, LoadHeadIsTheFirstBytesWhereverTheTextEnds) {
  const std::string buffer = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (size_t end = 0; end <= buffer.size(); ++end)
    for (size_t at = 0; at < end; ++at)
      for (size_t n = 0; at + std::min<size_t>(n, 8) <= end && n <= 12; ++n) {
        uint64_t want = 0;
        for (size_t k = 0; k < std::min<size_t>(n, 8); ++k)
          want |= uint64_t{static_cast<unsigned char>(buffer[at + k])} << (8 * k);
        ASSERT_EQ(load_head(buffer.data() + at, n, buffer.data() + end), want) << at << " " << n << " " << end;
      }
}

}  // namespace
}  // namespace newsflow::processors::text
