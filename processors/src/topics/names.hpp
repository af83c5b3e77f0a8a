#pragma once
// Finds people and organisations that the gazetteer does not list, from runs
// of capitalised words and the cues around them (titles, roles, speech verbs,
// appositions), and merges later one-word mentions ("Stoltenberg") into the
// full name found earlier ("Jens Stoltenberg").
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsflow/core/article.hpp"
#include "text/tokenizer.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

struct FoundName {
  std::string text;
  Entity::Type type = Entity::Type::person;
  uint32_t count = 0;
  uint32_t first = 0;  // order of first mention, for stable output
};

class NameFinder {
 public:
  NameFinder(const PersonLists& lists, const TokenLexicon& lexicon) : lists_(lists), lexicon_(lexicon) {}

  // A text with its text::tokenize words and their TokenLexicon entries.
  struct Words {
    std::string_view text;
    const std::vector<text::Token>& tokens;
    const std::vector<uint32_t>& entries;
  };
  // covered: byte spans of gazetteer matches in the text, sorted by start.
  // The title only confirms names found in the body (headline capitalisation
  // makes every word look like a name).
  // body_places: the body's gazetteer places, a subset of body_covered.
  void find(const Words& title, const std::vector<Span>& title_covered, const Words& body,
            const std::vector<Span>& body_covered, const std::vector<Span>& body_places, std::vector<FoundName>& out);

 private:
  struct Token {
    uint32_t start = 0;
    uint32_t end = 0;
    uint32_t gap_start = 0;  // text[gap_start, start) separates it from the previous token
    uint16_t cls = 0;
  };

  void tokenize(const Words& words, const std::vector<Span>& covered);
  void scan_runs(std::string_view text, bool confirm_only, std::vector<FoundName>& out);
  void add_name(std::string name, Entity::Type type, std::vector<FoundName>& out);
  // Places the gazetteer lacks, from strong context in the body: "Xyz-based"
  // counts 2, "in/near/from/outside Xyz" (a lone capitalised word mid-
  // sentence) 1, or 2 when a known place or "a town" follows
  // ("in Xyz, Poland", "near Xyz, a village"); a place needs 2.
  void collect_places(std::string_view text);
  bool placed_by_apposition(std::string_view text, size_t k) const;
  const std::vector<Span>* body_places_ = nullptr;  // during find()
  std::string join(std::string_view text, size_t first, size_t last) const;

  const PersonLists& lists_;
  const TokenLexicon& lexicon_;
  std::vector<Token> tokens_;
  // Per-record indexes so merging stays linear in the number of mentions.
  using NameIndex = std::unordered_map<std::string, size_t, StringHash, std::equal_to<>>;
  NameIndex person_index_, org_index_;
  NameIndex last_name_;  // last word -> person; SIZE_MAX when shared
  std::vector<std::string> singles_;  // one-word mentions waiting to be merged
  std::vector<std::string> confirm_;  // title mentions waiting to be merged
  std::vector<std::string> uncued_;   // full names without a cue, in body order
  std::vector<std::pair<std::string, uint32_t>> places_;  // candidate place -> evidence
  uint32_t order_ = 0;
};

}  // namespace newsflow::processors::topics
