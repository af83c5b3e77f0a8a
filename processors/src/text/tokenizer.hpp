#pragma once
// Word tokens with byte offsets, found in one pass over a text and kept in a
// per-worker buffer, so every processor that looks words up (topic terms,
// entity names, later quotes) can share one tokenization instead of
// rescanning the text byte by byte.
//
// A word is a maximal run of word characters: ASCII letters and digits and
// every non-ASCII letter (see is_word_code_point). Each token carries a hash
// of its bytes with ASCII letters folded to lower case, so dictionaries can
// be probed with one integer instead of a string.
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsflow::processors::text {

// Decodes the code point starting at pos; returns 0 for malformed input.
inline uint32_t decode_at(std::string_view s, size_t pos) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(pos);
  if (c < 0x80) return c;
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (n < 0 || pos + static_cast<size_t>(n) >= s.size()) return 0;
  uint32_t cp = c & (0x3F >> n);
  for (int i = 1; i <= n; ++i) cp = (cp << 6) | (b(pos + static_cast<size_t>(i)) & 0x3F);
  return cp;
}

// Letters and digits, including every non-ASCII letter; non-ASCII punctuation
// (curly quotes, dashes, NBSP) is not a word character, so "NATO’s" still has
// a boundary after "NATO".
inline bool is_word_code_point(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp < 0xC0) return false;                     // Latin-1 punctuation, NBSP
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: ’ “ — …
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp == 0xFEFF) return false;
  return true;
}

inline bool is_ascii_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// Inline with an ASCII fast path: callers test nearly every byte of a text.
inline bool word_char_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return is_ascii_word_byte(c);
  return is_word_code_point(decode_at(text, pos));
}

inline bool word_char_before(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return false;
  size_t start = pos - 1;
  if (static_cast<unsigned char>(text[start]) < 0x80) return is_ascii_word_byte(static_cast<unsigned char>(text[start]));
  // Step back over at most three continuation bytes to the lead byte.
  for (int i = 0; i < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80; ++i) --start;
  return is_word_code_point(decode_at(text, start));
}

inline unsigned char fold_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c; }

// The top bit of each byte of v that is ASCII and in [lo, hi], eight bytes
// at once. No byte's sum carries into the next (at most 0x7F + 0x7F).
inline uint64_t ascii_range_bits(uint64_t v, unsigned char lo, unsigned char hi) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const uint64_t low7 = v & ~highs;
  return (low7 + ones * (0x80 - lo)) & ~(low7 + ones * (0x7F - hi)) & ~v & highs;
}

// fold_ascii on each byte of a little-endian word at once: 'A'..'Z' gain 0x20.
inline uint64_t fold8_swar(uint64_t v) { return v | (ascii_range_bits(v, 'A', 'Z') >> 2); }

// The fold_hash mixing of one (folded, little-endian, zero-padded) chunk.
inline uint64_t fold_hash_step(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0xff51afd7ed558ccdull;
  return h ^ (h >> 32);
}
inline uint64_t fold_hash_finish(uint64_t h, uint64_t tail) {
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 29;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 32;
  return h == 0 ? 1 : h;
}
inline uint64_t load8(const char* p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
// The n <= 8 bytes at p as a little-endian integer (zero above them), in at
// most three loads and never past p + n: most words are under eight bytes,
// and a byte loop or a call to memcmp costs more than the rest of a lookup.
inline uint64_t load_upto8(const char* p, size_t n) {
  if (n == 8) return load8(p);
  uint64_t v = 0;
  size_t at = 0;
  if (n & 4) {
    uint32_t x;
    __builtin_memcpy(&x, p, 4);
    v = x;
    at = 4;
  }
  if (n & 2) {
    uint16_t x;
    __builtin_memcpy(&x, p + at, 2);
    v |= uint64_t{x} << (8 * at);
    at += 2;
  }
  if (n & 1) v |= uint64_t{static_cast<unsigned char>(p[at])} << (8 * at);
  return v;
}

// The first min(n, 8) bytes at p, zero above them: one load and a mask when
// eight bytes are readable, with no branch on n (branches on a word's length
// mispredict; load_upto8 has three).
inline uint64_t load_head(const char* p, size_t n, const char* readable_end) {
  const size_t k = n < 8 ? n : 8;
  if (readable_end - p < 8) return load_upto8(p, k);
  const uint64_t mask = k == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * k)) - 1;
  return load8(p) & mask;
}

// A hash of the bytes with ASCII letters folded to lower case, eight bytes
// per multiply (news words average five bytes: a byte-serial hash spent more
// time in its multiply chain than the tokenizer in finding the word). Never
// 0 (0 marks an empty slot in hash tables).
// The word may lie in a text readable up to readable_end: its tail then comes
// in one masked load (fold8_swar leaves the zero bytes above it zero).
inline uint64_t fold_hash(std::string_view word, const char* readable_end) {
  uint64_t h = (word.size() + 1) * 0x9e3779b97f4a7c15ull;
  size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) h = fold_hash_step(h, fold8_swar(load8(word.data() + i)));
  return fold_hash_finish(h, fold8_swar(load_head(word.data() + i, word.size() - i, readable_end)));
}
inline uint64_t fold_hash(std::string_view word) { return fold_hash(word, word.data() + word.size()); }

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint64_t hash = 0;  // fold_hash of text[start, end)
};

// Appends the words of text to out (cleared first). Texts over 4 GiB are cut
// at 4 GiB: offsets are 32-bit, like every match offset in the processors.
void tokenize(std::string_view text, std::vector<Token>& out);

}  // namespace newsflow::processors::text
