#include "topics/matcher.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace newsflow::processors::topics {

namespace {
// Up to this many first bytes a memchr each beats the scan it may save.
constexpr size_t kFewFirstBytes = 4;
}  // namespace

Matcher::Matcher(const TopicRules& rules) : rules_(rules) {
  if (rules_.database && hs_alloc_scratch(rules_.database.get(), &scratch_) != HS_SUCCESS) throw std::bad_alloc();
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

// The token start is a word boundary already; what is left is the literal's
// bytes and, unless it is a prefix, the boundary after it. The first eight
// come with the candidate; only longer literals read the index's bytes.
void Matcher::verify(const TermIndex::Candidate& c, uint32_t start) {
  const size_t length = c.length;
  if (start + length > text_.size()) return;
  const char* at = text_.data() + start;
  const char* end = text_.data() + text_.size();
  const uint64_t head = word_head(at, length, end);
  if ((c.caseless ? text::fold8_swar(head) : head) != c.head) return;
  if (length > 8) {
    std::string_view want = rules_.term_index.text(c.id);
    // Eight bytes per compare, folded per byte for caseless literals.
    for (size_t i = 8; i < length; i += 8) {
      const size_t n = std::min<size_t>(8, length - i);
      uint64_t got = text::load_upto8(at + i, n), expected = text::load_upto8(want.data() + i, n);
      if (c.caseless) {
        got = text::fold8_swar(got);
        expected = text::fold8_swar(expected);
      }
      if (got != expected) return;
    }
  }
  const auto stop = static_cast<uint32_t>(start + length);
  if (!c.prefix && word_char_at(text_, stop)) return;
  out_->push_back({start, stop, c.id});
}

bool Matcher::scan(std::string_view text, std::vector<Match>& out) {
  rules_.lexicon.tokenize_visit(text, rules_.term_index, 0, tokens_, facts_);
  return scan(text, tokens_, facts_, out);
}

bool Matcher::scan(std::string_view text, const std::vector<text::Token>& tokens, std::vector<Match>& out) {
  rules_.lexicon.visit(text, tokens, rules_.term_index, 0, facts_);
  return scan(text, tokens, facts_, out);
}

bool Matcher::scan(std::string_view text, const std::vector<text::Token>& tokens, const TokenFacts& facts,
                   std::vector<Match>& out) {
  if (text.empty()) return true;
  text_ = text;
  out_ = &out;
  const TermIndex& index = rules_.term_index;
  // Only the tokens the lexicon pass found work for, in text order, so the
  // matches come out in the order a walk over every token gives them.
  for (const uint32_t item : facts.matcher()) {
    const size_t i = item >> 1;
    const text::Token& t = tokens[i];
    const uint32_t entry = facts.entries()[i];
    if (rules_.lexicon.for_matcher(entry)) {
      const TokenLexicon::Entry& e = rules_.lexicon.entry(entry);
      for (const auto& c : rules_.lexicon.whole(e)) verify(c, t.start);
      // Most pairs that start like a literal ("the ...") are none: the
      // entry's mask of second words, then the filter, answer before the
      // table, which misses the cache.
      const bool has_next = i + 1 < tokens.size();
      const uint64_t next = tokens[has_next ? i + 1 : i].hash;
      if (has_next & ((e.pair_seconds & TokenLexicon::second_bit(next)) != 0)) {
        const uint64_t pair = TermIndex::pair_hash(t.hash, next);
        if (index.may_contain(pair))
          for (const auto& c : index.pair(pair)) verify(c, t.start);
      }
    }
    if (!(item & 1)) continue;
    // Every prefix of the token that some one-word prefix literal's key is as long as.
    const size_t length = t.end - t.start;
    const size_t longest = std::min(length, index.max_prefix_length());
    for (size_t l = index.min_prefix_length(); l <= longest; ++l) {
      if (!index.has_prefix_length(l)) continue;
      uint64_t key = text::fold_hash(text.substr(t.start, l));
      if (index.may_contain(key))
        for (const auto& c : index.prefix(key)) verify(c, t.start);
    }
  }
  if (!rules_.database) return true;
  // Most texts hold none of the few first bytes (a '#'): a memchr for each
  // reads the text far faster than Hyperscan's scan of it.
  if (const std::string& firsts = rules_.database_first_bytes; firsts.size() <= kFewFirstBytes) {
    bool any = false;
    for (const char c : firsts) any = any || std::memchr(text.data(), c, text.size()) != nullptr;
    if (!any) return true;
  }
  hs_error_t rc = hs_scan(rules_.database.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
                          &Matcher::on_match, this);
  return rc == HS_SUCCESS;
}

}  // namespace newsflow::processors::topics
