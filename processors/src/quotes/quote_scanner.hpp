#pragma once
// Finds the outermost quotations of a text in one left-to-right pass.
// Internal to the quotes processor; exposed for its unit tests.
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsflow::processors::quotes {

struct QuoteSpan {
  uint32_t open = 0;       // byte offset of the opening mark
  uint32_t start = 0;      // first byte inside the marks
  uint32_t end = 0;        // one past the last byte inside the marks
  uint32_t close_end = 0;  // one past the closing mark
  bool multi_paragraph = false;
};

// Paragraphs are separated by '\n'. A quote left open at the end of a
// paragraph continues only when the next paragraph opens with a mark of the
// same style (the convention for multi-paragraph quotes); otherwise it is
// dropped, so an unclosed mark never swallows the rest of the article.
// Marks nested inside an open quote are tracked (depth-limited) so that their
// closers do not end the outer quote. Apostrophes inside words are not marks.
// Cost: O(text.size()); appends spans in text order.
void scan_quotes(std::string_view text, std::vector<QuoteSpan>& out);

// Decodes the UTF-8 code point at i; sets len (1 for invalid bytes).
uint32_t decode_at(std::string_view s, size_t i, size_t& len);
bool is_letter(uint32_t cp);
bool is_upper(uint32_t cp);

}  // namespace newsflow::processors::quotes
