#pragma once
// Finds people and organisations that the gazetteer does not list, from runs
// of capitalised words and the cues around them (titles, roles, speech verbs,
// appositions), and merges later one-word mentions ("Stoltenberg") into the
// full name found earlier ("Jens Stoltenberg").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/core/article.hpp"
#include "topics/name_places.hpp"
#include "topics/name_tokens.hpp"
#include "text/name_table.hpp"

namespace newsflow::processors::topics {

struct FoundName {
  std::string text;
  Entity::Type type = Entity::Type::person;
  uint32_t count = 0;
  uint32_t first = 0;  // order of first mention, for stable output
};

class NameFinder {
 public:
  explicit NameFinder(const PersonLists& lists) : lists_(lists) {}

  using Words = NameWords;
  // covered: byte spans of gazetteer matches in the text, sorted by start.
  // The title only confirms names found in the body (headline capitalisation
  // makes every word look like a name).
  // body_places: the body's gazetteer places, a subset of body_covered.
  void find(const Words& title, const std::vector<Span>& title_covered, const Words& body,
            const std::vector<Span>& body_covered, const std::vector<Span>& body_places, std::vector<FoundName>& out);

 private:
  // The run scanner (name_runs.cpp) over tokens_.
  void scan_runs(std::string_view text, bool confirm_only, std::vector<FoundName>& out);
  void add_name(std::string name, Entity::Type type, std::vector<FoundName>& out);

  const PersonLists& lists_;
  names::NameTokens tokens_;
  // Per-record indexes so merging stays linear in the number of mentions.
  using NameIndex = text::NameTable<size_t, text::KeyCase::exact>;
  NameIndex person_index_, org_index_;
  NameIndex last_name_;  // last word -> person; SIZE_MAX when shared
  std::vector<std::string> singles_;  // one-word mentions waiting to be merged
  std::vector<std::string> confirm_;  // title mentions waiting to be merged
  std::vector<std::string> uncued_;   // full names without a cue, in body order
  std::vector<std::pair<std::string_view, uint32_t>> lasts_;  // last word of uncued_[k], k; sorted
  std::vector<uint8_t> recurs_;  // per uncued_: its last word is among singles_
  names::PlaceEvidence places_;
  uint32_t order_ = 0;
};

}  // namespace newsflow::processors::topics
