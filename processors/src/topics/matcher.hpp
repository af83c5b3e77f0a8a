#pragma once
// Finds the topic literals in a text, keeping only matches that start and end
// on word boundaries. The text is tokenized once (text/tokenizer.hpp) and
// each token is looked up in the rules' TermIndex; the few literals the index
// cannot serve (those starting with punctuation) go through a small Hyperscan
// database. Owns the per-worker buffers, so scanning allocates nothing once
// they have grown.
#include <hs/hs.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {

struct Match {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t pattern = 0;
};

using text::word_char_at;
using text::word_char_before;

class Matcher {
 public:
  explicit Matcher(const TopicRules& rules);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Appends the word-bounded matches in text to out, in no useful order
  // (callers sort). Returns false when Hyperscan failed (out is then partial).
  bool scan(std::string_view text, std::vector<Match>& out);
  // The same over tokens the caller already has for this text.
  bool scan(std::string_view text, const std::vector<text::Token>& tokens, std::vector<Match>& out);
  // ... and what rules.lexicon's pass over them found (TokenLexicon::visit).
  bool scan(std::string_view text, const std::vector<text::Token>& tokens, const TokenFacts& facts,
            std::vector<Match>& out);

  // The tokens of the text last passed to scan(text, out).
  const std::vector<text::Token>& tokens() const { return tokens_; }

 private:
  static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* context);
  // Inlined at its three call sites: the call cost about a fifth of a check.
  [[gnu::always_inline]] inline void verify(const TermIndex::Candidate& c, uint32_t start);

  const TopicRules& rules_;
  hs_scratch_t* scratch_ = nullptr;
  std::vector<text::Token> tokens_;
  TokenFacts facts_;
  std::string_view text_;
  std::vector<Match>* out_ = nullptr;
};

}  // namespace newsflow::processors::topics
