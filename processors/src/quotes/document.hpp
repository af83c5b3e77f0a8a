#pragma once
// One article as the quotes processor sees it: the text, its outermost
// quotations (quote_scanner) and one token per word, punctuation mark,
// paragraph break or whole quotation, with sentence ends marked. Built once
// per record in one linear pass; the other parts only read it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/quote_rules.hpp"
#include "quotes/quote_scanner.hpp"

namespace newsflow::processors::quotes {

constexpr uint32_t kNone = UINT32_MAX;

enum class Tok : uint8_t { word, comma, colon, terminal, dash, paren, quote, para };

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t classes = 0;  // WordClass bits (words only)
  uint32_t quote = 0;    // index into spans (quote tokens only)
  Tok kind = Tok::word;
  bool upper = false;     // starts with an upper-case letter
  bool acronym = false;   // two or more letters, all upper case ("NATO", "U.S.")
  bool possessive = false;  // ends in 's
  bool sentence_end = false;
  uint32_t index_hint = 0;  // own index in the token vector
  bool initials = false;    // "A.Q." (name part before a name) or "U.S." (not)
  // In a paragraph that ends without punctuation or a quotation: a headline,
  // caption or page-chrome line ("MOST READ", a related story's title) that
  // survived normalization, not prose that introduces anyone.
  bool caption = false;
};

inline bool has(const Token& t, uint32_t cls) { return t.kind == Tok::word && (t.classes & cls) != 0; }

class Document {
 public:
  explicit Document(const QuoteRules* rules) : rules(rules) {}

  // Scans and tokenizes `text`, which must outlive the next build().
  void build(std::string_view text) {
    find_quotations(text);
    tokenize_and_mark();
  }
  // build() in two halves, so a caller with no use for an article without
  // quotations can stop after the first (a linear scan) and skip the tokens.
  void find_quotations(std::string_view text);
  void tokenize_and_mark();

  // Inline: the attribution passes ask this of nearly every token.
  bool boundary(uint32_t k) const {
    const Token& t = tokens[k];
    return t.sentence_end || t.kind == Tok::para || t.kind == Tok::quote;
  }
  // First token of the clause that ends just before `k` (stops after a
  // sentence end, paragraph or quotation).
  uint32_t region_start(uint32_t k, uint32_t max_tokens) const;
  std::string_view word_at(uint32_t k) const;
  // "who" or "which" at k: a relative clause opens there, whose verb is the
  // clause's own, not a cue of a quotation around it.
  bool relative_at(uint32_t k) const {
    const std::string_view w = word_at(k);
    return w == "who" || w == "which";
  }
  std::string_view span_text(uint32_t from_tok, uint32_t to_tok) const;
  // Inner text of a quotation without surrounding spaces.
  std::string_view inner(const QuoteSpan& s) const;
  static bool ends_terminal(std::string_view v);
  // Lower-cases token t's ASCII letters into `lower` (reused scratch).
  void lower_word(const Token& t) const;

  const QuoteRules* rules;
  // Off only in the word reader's tests: every word then goes through the
  // general reader, which the short-word path must agree with.
  bool short_words = true;
  std::string_view text;
  std::vector<QuoteSpan> spans;
  std::vector<Token> tokens;
  mutable std::string lower;

 private:
  void tokenize();
  void push_punct(Tok kind, size_t start, size_t end);
  size_t read_word(size_t i);
  size_t read_short_word(size_t i);
  uint32_t classes_of_part(std::string_view part) const;
  void mark_sentences();
};

}  // namespace newsflow::processors::quotes
