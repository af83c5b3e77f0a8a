#pragma once
// The name finder's tokens: the shared words (text/tokenizer.hpp) joined
// across the few gaps a name keeps inside it ("Jean-Paul", "U.S.",
// "O'Brien"), each with the classes the run scanner and the place cues read.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

// A text with its text::tokenize words and, per word, its person list
// classes (TokenFacts::name_bits: TokenLexicon::class_bits, 0 for most).
struct NameWords {
  std::string_view text;
  const std::vector<text::Token>& tokens;
  std::span<const uint32_t> name_bits;
};

namespace names {

// The classes a list gives are the list's own PersonWord bits, so a token
// takes them with one mask (kListed, kCapitalOnly, kLowerOnly), not a test
// per class.
enum : uint16_t {
  kTitle = kTitleWord,
  kRole = kRoleWord,          // lower-case role word ("spokesperson")
  kSpeech = kSpeechWord,      // lower-case speech verb ("said")
  kFirstName = kFirstNameWord,
  kNotName = kNotNameWord,
  kOrgHead = kOrgHeadWord,
  kConnector = kConnectorWord,
  kOrgWord = kOrgWordWord,    // lower-case noun for an organisation ("startup")
  kDemonym = kDemonymWord,    // nationality ("Norwegian"): never a person
  kRoleTitle = kRoleTitleWord,  // a role word used as a title ("Singer"): a title only before a full name
  kParticle = kParticleWord,  // lower-case word inside a person's name ("de", "van")
  kPlaceHead = kPlaceHeadWord,  // capitalised word that ends a place's name ("County")
  kCapital = 1 << 12,  // starts with an upper-case letter
  kCovered = 1 << 13,  // inside a gazetteer match
  kAcronym = 1 << 14,  // all capitals, or contains digits
  kBased = 1 << 15,    // "Velmora-based": says where a name is from, is part of none
  kListed = kTitle | kNotName | kFirstName | kOrgHead | kDemonym | kRoleTitle,  // whatever the case
  kCapitalOnly = kPlaceHead,
  kLowerOnly = kConnector | kParticle | kRole | kSpeech | kOrgWord,
};
static_assert(((kListed | kCapitalOnly | kLowerOnly) & (kCapital | kCovered | kAcronym | kBased)) == 0);

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t gap_start = 0;  // text[gap_start, start) separates it from the previous token
  uint16_t cls = 0;
};

// The name tokens of one text, in text order. Only the tokens a run can
// hold or a cue can read for its class (capitalised, or in a person list)
// are recorded; a lower-case word in no list, most of any text, keeps only
// its first shared word and is rebuilt from the shared words when a cue
// reads its text (the word before a run, "its" after "said").
class NameTokens {
 public:
  struct Recorded {
    Token token;
    uint32_t pos = 0;         // its index among all the tokens
    uint32_t first_word = 0;  // its first shared word
  };

  // covered: byte spans of gazetteer matches in the text, sorted by start.
  void build(const NameWords& words, const std::vector<Span>& covered, const PersonLists& lists);

  size_t size() const { return size_; }
  Token operator[](size_t p) const {
    const uint64_t s = slot_[p];
    return s & kRecorded ? recorded_[static_cast<uint32_t>(s)].token : rebuilt(p, static_cast<uint32_t>(s));
  }
  // A token's classes, from its slot alone: an unrecorded one has none.
  uint16_t cls(size_t p) const { return static_cast<uint16_t>(slot_[p] >> kClassShift); }
  // The recorded tokens, by position: what the run scanner and the place
  // cues walk instead of every token.
  std::span<const Recorded> recorded() const { return {recorded_.data(), recorded_size_}; }
  // The capitalised ones among them (where runs start), as indexes into
  // recorded(): the run scanner's walk over all recorded tokens branched
  // on each one's case, and mispredicted wherever listed lower-case words
  // ("said", "of") and names alternate.
  std::span<const uint32_t> capitals() const { return {capitals_.data(), capitals_size_}; }
  // Whether any token is an "Xyz-based" word: most texts have none, and the
  // run scanner then looks for none.
  bool any_based() const { return any_based_; }

 private:
  static constexpr uint64_t kRecorded = uint64_t{1} << 32;
  static constexpr unsigned kClassShift = 48;
  Token rebuilt(size_t p, uint32_t first_word) const;

  const std::vector<text::Token>* words_ = nullptr;
  size_t size_ = 0;
  // Per token: its classes << kClassShift | kRecorded | its index in
  // recorded_, or its first shared word (the run scanner reads the classes
  // of tokens around a run far more often than anything else). Only grows,
  // so a text writes its slots and allocates nothing.
  std::vector<uint64_t> slot_;
  // The first recorded_size_ are this text's; only grows, as slot_ does.
  std::vector<Recorded> recorded_;
  size_t recorded_size_ = 0;
  std::vector<uint32_t> starts_;  // build's list of the words that are more than a plain word
  std::vector<uint32_t> capitals_;
  size_t capitals_size_ = 0;
  bool any_based_ = false;
};

inline std::string_view word(std::string_view text, const Token& t) { return text.substr(t.start, t.end - t.start); }
inline std::string_view gap(std::string_view text, const Token& t) {
  return text.substr(t.gap_start, t.start - t.gap_start);
}

// Capitalised for grammar, not as a name: token t opens a sentence, a
// paragraph or a quotation.
inline bool opens_sentence(std::string_view text, const NameTokens& tokens, size_t t) {
  if (t == 0) return true;
  const std::string_view g = gap(text, tokens[t]);
  for (char c : g)
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '(') return true;
  return g.find("\xE2\x80\x9C") != std::string_view::npos;  // “
}

// Tokens first..last as one name, single-spaced.
std::string join(std::string_view text, const NameTokens& tokens, size_t first, size_t last);

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

}  // namespace names
}  // namespace newsflow::processors::topics
