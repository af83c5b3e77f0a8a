#pragma once
// text::tokenize's loop as a template over what is done with each token as
// it is made: tokenize() itself stores the tokens, and topics'
// TokenLexicon::tokenize_visit also probes each one while its bytes, hash
// and folded head are still in registers (a second pass over the tokens
// reloaded all three and waited on the lexicon's table with less work to
// overlap it). Header-only so the per-token work inlines into the loop.
#include <nmmintrin.h>

#include <limits>

#include "text/tokenizer.hpp"

namespace newsflow::processors::text {

namespace tokenize_detail {

// Bit k: byte k of the 16 at p is an ASCII letter or digit (word), or not
// ASCII (high). Signed compares leave bytes >= 0x80 out of both ranges.
struct Classes {
  uint32_t word, high;
};
inline Classes classify16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  return {static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(alpha, digit))), static_cast<uint32_t>(_mm_movemask_epi8(v))};
}

// A token's hash and its first min(length, 8) bytes folded (zero above
// them), which the fast path has anyway and the lexicon probe's callers
// compare against.
struct Hashed {
  uint64_t hash, head;
};

// fold_hash of text[start, end), reading whole eight-byte words where the
// text has them (a word and what follows it), masked to the token's bytes.
// Inlined into both of the loop's token sites: a call per token cost more
// than the hash.
[[gnu::always_inline]] inline Hashed token_hash(std::string_view text, size_t start, size_t end) {
  const size_t length = end - start;
  // Words under sixteen bytes (nearly all) with selects instead of a loop:
  // the loop's and the tail's branches on the length mispredicted.
  if (length < 16 && start + 16 <= text.size()) {
    const char* p = text.data() + start;
    const uint64_t h = (length + 1) * 0x9e3779b97f4a7c15ull;
    const bool long_word = length >= 8;
    const uint64_t first_mask = long_word ? ~uint64_t{0} : (uint64_t{1} << (8 * length)) - 1;
    const uint64_t second_mask = long_word ? (uint64_t{1} << (8 * (length - 8))) - 1 : 0;
    const uint64_t first = fold8_swar(load8(p) & first_mask), second = fold8_swar(load8(p + 8) & second_mask);
    const uint64_t stepped = fold_hash_step(h, first);
    return {fold_hash_finish(long_word ? stepped : h, long_word ? second : first), first};
  }
  // Dead code for a caller that does not read the head (tokenize()).
  const size_t k = length < 8 ? length : 8;
  const uint64_t head = fold8_swar(load_head(text.data() + start, k, text.data() + text.size()));
  return {fold_hash(text.substr(start, length), text.data() + text.size()), head};
}

}  // namespace tokenize_detail

// Sixteen bytes at a time where the text has them: runs of ASCII word bytes
// and of ASCII non-word bytes are crossed with one compare and a count of
// trailing zeros, so the scan no longer mispredicts a branch at every word
// boundary. Non-ASCII bytes take the code-point path one at a time, exactly
// as the byte-serial rules below (the tail of the text) do.
// After each token is appended to out, on_token(index, token, folded head).
template <typename OnToken>
[[gnu::always_inline]] inline void tokenize_each(std::string_view text, std::vector<Token>& out, OnToken&& on_token) {
  using tokenize_detail::classify16;
  using tokenize_detail::Classes;
  using tokenize_detail::token_hash;
  out.clear();
  if (text.size() > std::numeric_limits<uint32_t>::max()) text = text.substr(0, std::numeric_limits<uint32_t>::max());
  const size_t n = text.size();
  const char* s = text.data();
  const auto emit = [&](size_t start, size_t end) __attribute__((always_inline)) {
    const tokenize_detail::Hashed h = token_hash(text, start, end);
    const Token t{static_cast<uint32_t>(start), static_cast<uint32_t>(end), h.hash};
    out.push_back(t);
    on_token(out.size() - 1, t, h.head);
  };
  // Bytes of the word code point at i (0 when it is not a word character).
  // Continuation bytes decode as malformed, so stepping one byte over
  // anything that is not a word keeps the scan on code point boundaries.
  auto word_width = [&](size_t i) -> size_t {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return is_ascii_word_byte(c) ? 1 : 0;
    if (!is_word_code_point(decode_at(text, i))) return 0;
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  };
  size_t i = 0;
  while (i < n) {
    // Skip to the next word character.
    if (i + 16 <= n) {
      const Classes c = classify16(s + i);
      const uint32_t stop = c.word | c.high;
      if (stop == 0) {
        i += 16;
        continue;
      }
      const unsigned at = static_cast<unsigned>(__builtin_ctz(stop));
      i += at;
      if (!((c.word >> at) & 1)) {
        // Not ASCII: only decoding tells a letter from punctuation.
        if (word_width(i) == 0) {
          ++i;
          continue;
        }
      } else if (const uint32_t rest = ~(c.word >> at) & (0xFFFFu >> at); rest != 0) {
        // Most words end inside the block they start in, at an ASCII byte
        // that is no word character: the same masks answer, without a
        // second classification or decoding the byte after the word.
        const auto length = static_cast<unsigned>(__builtin_ctz(rest));
        if (!((c.high >> (at + length)) & 1)) {
          emit(i, i + length);
          i += length;
          continue;
        }
      }
    } else if (word_width(i) == 0) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < n) {
      if (i + 16 <= n) {
        const uint32_t stop = ~classify16(s + i).word & 0xFFFF;
        if (stop == 0) {
          i += 16;
          continue;
        }
        i += static_cast<size_t>(__builtin_ctz(stop));
        if (i >= n) break;
      }
      const size_t w = word_width(i);
      if (w == 0) break;
      i += w;
    }
    emit(start, i);
  }
}

}  // namespace newsflow::processors::text
