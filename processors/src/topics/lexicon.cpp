#include "topics/lexicon.hpp"

#include <algorithm>
#include <bit>
#include <map>

#include "topics/rules.hpp"

namespace newsflow::processors::topics {

void TokenLexicon::build(const TermIndex& terms, const WordClasses& classes) {
  struct Pending {
    std::span<const uint32_t> whole;
    bool pair_start = false;
    std::vector<const ClassEntry*> variants;
  };
  // Ordered by key so the entries (and so the output of lookup) do not depend
  // on the order the word lists were read in.
  std::map<uint64_t, Pending> keys;
  for (uint64_t key : terms.whole_keys()) keys[key].whole = terms.whole(key);
  for (uint64_t key : terms.pair_first_keys()) keys[key].pair_start = true;
  std::vector<text::Token> tokens;
  for (const auto& entry : classes.entries()) {
    text::tokenize(entry.first, tokens);
    // A word with a hyphen or a full stop is never one token: the name finder
    // asks WordClasses for the tokens it joins.
    if (tokens.size() != 1 || tokens[0].start != 0 || tokens[0].end != entry.first.size()) continue;
    keys[tokens[0].hash].variants.push_back(&entry);
  }

  entries_.assign(1, Entry{});
  ids_.clear();
  variants_.clear();
  std::vector<uint64_t> key_list;
  key_list.reserve(keys.size());
  for (auto& [key, p] : keys) {
    key_list.push_back(key);
    Entry e;
    e.whole_first = static_cast<uint32_t>(ids_.size());
    e.whole_count = static_cast<uint16_t>(p.whole.size());
    ids_.insert(ids_.end(), p.whole.begin(), p.whole.end());
    e.pair_start = p.pair_start;
    e.classes_first = static_cast<uint32_t>(variants_.size());
    e.classes_count = static_cast<uint8_t>(p.variants.size());
    for (const ClassEntry* v : p.variants)
      variants_.push_back({text::load_upto8(v->first.data(), std::min<size_t>(8, v->first.size())), v->first.size(), v});
    entries_.push_back(e);
  }
  entry_bits_ = static_cast<unsigned>(std::bit_width(entries_.size()));
  // At most half full: a miss (most tokens) ends at the first empty slot.
  slots_.assign(std::bit_ceil(std::max<size_t>(16, key_list.size() * 2)), 0);
  // A tag function under which no key meets its own tag before its slot.
  tag_multiplier_ = 0x9e3779b97f4a7c15ull;
  while (!place(key_list)) tag_multiplier_ += 0x632be59bd9b4e01aull;  // stays odd
}

bool TokenLexicon::place(const std::vector<uint64_t>& keys) {
  std::fill(slots_.begin(), slots_.end(), 0);
  const size_t mask = slots_.size() - 1;
  const uint32_t entry_mask = (uint32_t{1} << entry_bits_) - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t want = tag(keys[i]);
    size_t s = keys[i] & mask;
    for (; (slots_[s] & entry_mask) != 0; s = (s + 1) & mask)
      if (slots_[s] >> entry_bits_ == want) return false;
    slots_[s] = (want << entry_bits_) | static_cast<uint32_t>(i + 1);
  }
  return true;
}

void TokenLexicon::lookup(const std::vector<text::Token>& tokens, std::vector<uint32_t>& out) const {
  out.assign(tokens.size(), 0);
  if (slots_.empty()) return;
  const size_t mask = slots_.size() - 1;
  const uint32_t entry_mask = (uint32_t{1} << entry_bits_) - 1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint64_t h = tokens[i].hash;
    const uint32_t want = tag(h);
    size_t s = h & mask;
    while ((slots_[s] & entry_mask) != 0 && slots_[s] >> entry_bits_ != want) s = (s + 1) & mask;
    out[i] = slots_[s] & entry_mask;
  }
}

}  // namespace newsflow::processors::topics
