#pragma once
// The loaded word lists of the quotes processor (data/quotes/quote.rules).
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/processors/quotes.hpp"
#include "text/tokenizer.hpp"

namespace newsflow::processors {

enum WordClass : uint32_t {
  kCue = 1u << 0,
  kObjectCue = 1u << 1,
  kPartialCue = 1u << 2,
  kAccording = 1u << 3,
  kTitle = 1u << 4,
  kHonorific = 1u << 5,
  kOrgNoun = 1u << 6,
  kSkip = 1u << 7,
  kMalePronoun = 1u << 8,
  kFemalePronoun = 1u << 9,
  kNeutralPronoun = 1u << 10,
  kNotName = 1u << 11,
  kAbbreviation = 1u << 12,
  kParticle = 1u << 13,
  kAppositiveStart = 1u << 14,
  kGendered = 1u << 15,
  kGroup = 1u << 16,
  kDemonym = 1u << 17,
  kMaleName = 1u << 18,
  kFemaleName = 1u << 19,
  kDocument = 1u << 20,
  kDocumentCue = 1u << 21,
  kMaleNoun = 1u << 22,
  kFemaleNoun = 1u << 23,
  kMonth = 1u << 24,
  kNameTail = 1u << 25,
  kCredit = 1u << 26,
  kPostNominal = 1u << 27,
  kQuantity = 1u << 28,
  kTenure = 1u << 29,
  kCausative = 1u << 30,
};

// Every word of every article is looked up here once, so the table is open
// addressing over text::fold_hash: ASCII case is folded by the hash and the
// compare, which spares the per-word lower-cased copy, and a miss (most words)
// is one inline hash and one slot. A std::unordered_map<std::string> was 6 %
// of the whole stage's CPU in its hash call and bucket chains.
// A slot holds a word's first eight folded bytes, its length up to 8 (in the
// tag) and, for a word of at most eight bytes (most listed words), its
// classes: a hit is then one load, where a pointer to the word's entry and its
// string cost two more dependent loads per word.
class QuoteRules {
 public:
  // Classes of a word, ASCII letters in any case; 0 when unknown.
  uint32_t classes(std::string_view word) const { return classes(word, word.data() + word.size()); }
  // The word lies in a text whose bytes up to readable_end may be read, so
  // its last bytes come in one masked load.
  // Always inline: the word reader's call is the hot one (out of line it
  // costs a call per word of every article).
  [[gnu::always_inline]] uint32_t classes(std::string_view word, const char* readable_end) const {
    uint64_t head = 0;
    const uint64_t h = hash_head(word, readable_end, head);
    return probe(word, h, head);
  }
  // A word of one to fifteen ASCII letters and digits whose sixteen bytes
  // from its start are in hand with their capitals lowered (`lo`, `hi`:
  // little-endian halves): its head and fold_hash from those, with no second
  // load and fold.
  [[gnu::always_inline]] uint32_t classes_of_short(std::string_view word, uint64_t lo, uint64_t hi) const {
    const size_t n = word.size();
    const uint64_t seed = (n + 1) * 0x9e3779b97f4a7c15ull;
    if (n < 8) {
      const uint64_t head = lo & ((uint64_t{1} << (8 * n)) - 1);
      return probe(word, text::fold_hash_finish(seed, head), head);
    }
    const uint64_t tail = hi & ((uint64_t{1} << (8 * (n - 8))) - 1);
    return probe(word, text::fold_hash_finish(text::fold_hash_step(seed, lo), tail), lo);
  }
  // The lookup once the word's hash and head are known.
  [[gnu::always_inline]] uint32_t probe(std::string_view word, uint64_t h, uint64_t head) const {
    if (slots_.empty()) return 0;
    const uint32_t tag = tag_of(h, word.size());
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.value == 0) return 0;
      if (slot.tag != tag || slot.head != head) continue;
      // Equal heads and lengths up to 8 are equal words.
      if (word.size() <= 8) return slot.value;
      const Entry& e = entries_[slot.value - 1];
      if (same_folded(e.word, word)) return e.classes;
    }
  }
  // Adds classes to a word (stored folded to ASCII lower case).
  void add(std::string_view word, uint32_t classes);
  // German compounds end in their head noun: "Polizeisprecherin" is a role
  // because it ends in a listed role_suffix ("sprecherin"). Asked only of
  // capitalised words the table does not know.
  bool role_compound(std::string_view word) const {
    for (const std::string& suffix : role_suffixes_)
      if (word.size() > suffix.size() + 2 && word.ends_with(suffix)) return true;
    return false;
  }
  void add_role_suffix(std::string_view suffix) { role_suffixes_.emplace_back(suffix); }
  size_t size() const { return entries_.size(); }
  // `word` in any ASCII case equals `lower` (already folded); folded eight
  // bytes at a time.
  static bool same_folded(std::string_view lower, std::string_view word) {
    if (lower.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); i += 8) {
      const size_t n = std::min<size_t>(8, word.size() - i);
      if (text::load_upto8(lower.data() + i, n) != text::fold8_swar(text::load_upto8(word.data() + i, n))) return false;
    }
    return true;
  }

 private:
  struct Entry {
    std::string word;  // ASCII lower case
    uint32_t classes = 0;  // of a word up to 8 bytes: as of the last rehash (its slot has them)
  };
  struct Slot {
    uint64_t head = 0;   // the word's first eight bytes, folded, zero above a shorter word
    uint32_t tag = 0;    // tag_of the word
    uint32_t value = 0;  // a word up to 8 bytes: its classes; a longer one: index into entries_ + 1; 0 is empty
  };
  // text::fold_hash of the word, and its head as Slot keeps it: for a word
  // under eight bytes the hash's one chunk is the head, computed once.
  [[gnu::always_inline]] static uint64_t hash_head(std::string_view word, const char* readable_end, uint64_t& head) {
    if (word.size() < 8) {
      head = text::fold8_swar(text::load_head(word.data(), word.size(), readable_end));
      return text::fold_hash_finish((word.size() + 1) * 0x9e3779b97f4a7c15ull, head);
    }
    head = text::fold8_swar(text::load8(word.data()));
    return text::fold_hash(word, readable_end);
  }
  // The hash's high half with the word's length (9 for any longer) in its
  // low four bits: equal heads then mean equal words up to eight bytes.
  static uint32_t tag_of(uint64_t h, size_t size) {
    return (static_cast<uint32_t>(h >> 32) & ~0xFu) | static_cast<uint32_t>(std::min<size_t>(size, 9));
  }
  void insert(size_t entry);
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::vector<std::string> role_suffixes_;
};

}  // namespace newsflow::processors
