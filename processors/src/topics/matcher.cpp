#include "topics/matcher.hpp"

#include <new>
#include <stdexcept>

#include "newsflow/core/errors.hpp"

namespace newsflow::processors::topics {

namespace {

// Decodes the code point starting at pos; returns 0 for malformed input.
uint32_t decode_at(std::string_view s, size_t pos) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(pos);
  if (c < 0x80) return c;
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (n < 0 || pos + static_cast<size_t>(n) >= s.size()) return 0;
  uint32_t cp = c & (0x3F >> n);
  for (int i = 1; i <= n; ++i) cp = (cp << 6) | (b(pos + static_cast<size_t>(i)) & 0x3F);
  return cp;
}

bool is_word_code_point(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp == 0) return false;
  if (cp < 0xC0) return false;                     // Latin-1 punctuation, NBSP
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: ’ “ — …
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp == 0xFEFF) return false;
  return true;
}

}  // namespace

bool word_char_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  return is_word_code_point(decode_at(text, pos));
}

bool word_char_before(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return false;
  size_t start = pos - 1;
  // Step back over at most three continuation bytes to the lead byte.
  for (int i = 0; i < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80; ++i) --start;
  return is_word_code_point(decode_at(text, start));
}

Matcher::Matcher(const TopicRules& rules) : rules_(rules) {
  if (hs_alloc_scratch(rules_.database.get(), &scratch_) != HS_SUCCESS) throw std::bad_alloc();
}

Matcher::~Matcher() { hs_free_scratch(scratch_); }

int Matcher::on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
                      void* context) {
  auto* self = static_cast<Matcher*>(context);
  const Pattern& p = self->rules_.patterns[id];
  size_t end = static_cast<size_t>(to);
  size_t start = end - p.length;
  if (word_char_before(self->text_, start)) return 0;
  if (!p.prefix && word_char_at(self->text_, end)) return 0;
  self->out_->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end), id});
  return 0;
}

bool Matcher::scan(std::string_view text, std::vector<Match>& out) {
  if (text.empty()) return true;
  text_ = text;
  out_ = &out;
  hs_error_t rc = hs_scan(rules_.database.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
                          &Matcher::on_match, this);
  return rc == HS_SUCCESS;
}

}  // namespace newsflow::processors::topics
