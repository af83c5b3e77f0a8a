#pragma once
// One pass of the compiled literal database over a text, keeping only matches
// that start and end on word boundaries. Owns the per-worker Hyperscan scratch.
#include <hs/hs.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "topics/rules.hpp"

namespace newsflow::processors::topics {

struct Match {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t pattern = 0;
};

// True for bytes of letters and digits, including every non-ASCII letter; a
// boundary lies between a word character and anything else. Non-ASCII
// punctuation (curly quotes, dashes, NBSP) is not a word character, so
// "NATO’s" still has a boundary after "NATO".
bool word_char_before(std::string_view text, size_t pos);
bool word_char_at(std::string_view text, size_t pos);

class Matcher {
 public:
  explicit Matcher(const TopicRules& rules);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Appends the word-bounded matches in text to out (in Hyperscan's order:
  // by end offset). Returns false when Hyperscan failed (out is then partial).
  bool scan(std::string_view text, std::vector<Match>& out);

 private:
  static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* context);

  const TopicRules& rules_;
  hs_scratch_t* scratch_ = nullptr;
  std::string_view text_;
  std::vector<Match>* out_ = nullptr;
};

}  // namespace newsflow::processors::topics
