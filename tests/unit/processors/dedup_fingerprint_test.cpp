// The fingerprint is part of the changelog format: stories stored by an
// earlier version are matched against fingerprints computed by this one, so
// any change to tokens, shingles or MinHash functions must be deliberate.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "newsflow/processors/dedup.hpp"

namespace newsflow::processors {
namespace {

// Words of every class the tokenizer tells apart: ASCII letters in both
// cases, digits, Latin-1 and other multi-byte letters, and separators that
// are not ASCII (no-break space, curly quotes, dashes, CJK and full-width
// punctuation, a byte-order mark).
const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> words = {
      "the",   "Talks",   "resume",  "GENEVA", "2024",  "42nd",    "café",    "Zürich", "мир",
      "новости", "日本語", "東京",    "naïve",  "x",     "über",    "Ελλάδα", "ciudad", "año",
      "said",  "on",      "Tuesday", "after",  "weeks", "leaders", "price",   "rose",   "3.5%"};
  return words;
}
const std::vector<std::string>& separators() {
  static const std::vector<std::string> seps = {" ",       " ",  ", ",     ". ",      "\n\n", " \xC2\xA0",
                                                 " \xE2\x80\x9C", "\xE2\x80\x9D ", " \xE2\x80\x94 ", "\xE3\x80\x82",
                                                 "\xEF\xBC\x8C",  "\xEF\xBB\xBF", "-",     "'s "};
  return seps;
}

std::string text_of(size_t words, uint32_t seed) {
  std::mt19937 rng(seed);  // raw draws: distributions differ between standard libraries
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    out += vocabulary()[rng() % vocabulary().size()];
    out += separators()[rng() % separators().size()];
  }
  return out;
}

uint64_t fold(uint64_t digest, uint64_t v) { return (digest ^ v) * 0x100000001b3ULL + (digest >> 29); }

uint64_t digest_of(const DedupFingerprint& fp) {
  uint64_t d = 0xcbf29ce484222325ULL;
  d = fold(d, fp.url_hash);
  d = fold(d, fp.content_hash);
  d = fold(d, fp.shingles);
  d = fold(d, static_cast<uint64_t>(fp.time_ms));
  for (const uint32_t b : fp.bands) d = fold(d, b);
  for (const uint8_t s : fp.sketch) d = fold(d, s);
  return d;
}

TEST(DedupFingerprintTest, SameFingerprintsAsStoredStoriesHave) {
  // Lengths around every boundary: no words, too short for shingles, the
  // first shingle, the 100-shingle prefix, long texts, and a text cut inside
  // a multi-byte character.
  DedupFingerprinter fingerprinter;
  uint64_t digest = 0;
  size_t texts = 0;
  for (const size_t words : {0, 1, 2, 11, 12, 13, 20, 103, 104, 105, 106, 500, 3000}) {
    for (uint32_t seed = 1; seed <= 4; ++seed) {
      std::string text = text_of(words, seed * 7919 + static_cast<uint32_t>(words));
      const std::string url = seed % 2 ? "https://example.com/a/" + std::to_string(words) : "";
      digest = fold(digest, digest_of(fingerprinter.compute(text, url, 1'700'000'000'000LL + words)));
      if (!text.empty()) text.pop_back();
      digest = fold(digest, digest_of(fingerprinter.compute(text, url, 0)));
      texts += 2;
    }
  }
  ASSERT_EQ(texts, 104u);
  // Captured from the fingerprinter that wrote the v1 changelogs in use.
  EXPECT_EQ(digest, 0x2dd9fe7ca1ca9c2eULL);
}

TEST(DedupFingerprintTest, ScratchFromALongTextDoesNotLeakIntoTheNext) {
  DedupFingerprinter reused;
  reused.compute(text_of(3000, 5), "", 0);
  const std::string shorter = text_of(150, 6);
  DedupFingerprinter fresh;
  EXPECT_EQ(digest_of(reused.compute(shorter, "", 0)), digest_of(fresh.compute(shorter, "", 0)));
}

}  // namespace
}  // namespace newsflow::processors
