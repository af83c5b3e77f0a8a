#include "text/tokenizer.hpp"

#include <limits>

namespace newsflow::processors::text {

void tokenize(std::string_view text, std::vector<Token>& out) {
  out.clear();
  if (text.size() > std::numeric_limits<uint32_t>::max()) text = text.substr(0, std::numeric_limits<uint32_t>::max());
  const size_t n = text.size();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  // Bytes of the word code point at i (0 when it is not a word character).
  // Continuation bytes decode as malformed, so stepping one byte over
  // anything that is not a word keeps the scan on code point boundaries.
  auto word_width = [&](size_t i) -> size_t {
    unsigned char c = s[i];
    if (c < 0x80) return is_ascii_word_byte(c) ? 1 : 0;
    if (!is_word_code_point(decode_at(text, i))) return 0;
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  };
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80 ? !is_ascii_word_byte(c) : word_width(i) == 0) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < n) {
      c = s[i];
      if (c < 0x80) {
        if (!is_ascii_word_byte(c)) break;
        ++i;
        continue;
      }
      size_t w = word_width(i);
      if (w == 0) break;
      i += w;
    }
    out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), fold_hash(text.substr(start, i - start))});
  }
}

}  // namespace newsflow::processors::text
