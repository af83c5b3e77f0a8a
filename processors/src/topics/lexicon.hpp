#pragma once
// Every question topics asks about a single word, answered by one probe per
// token: is it the first word of topic literals (and which), does a two-word
// literal start with it, which person word lists hold it, and is it one of
// the English function words (topics/language.cpp). Before this
// table each token went through the term index's Bloom filter twice (whole
// word, and the pair with the next word) and the word classes' filter once;
// those filters' loads and their mispredicted branches were most of the
// matcher's and the name finder's time.
//
// Keyed by the token's text::fold_hash. A slot is a tag and an entry index in
// 32 bits (the table stays as small as the Bloom filters it replaces);
// build() picks the tag function so no key shares its tag with another key
// in its two buckets, which makes a probe for a listed key exact. A
// token that is not listed can still meet a tag by chance and get another
// word's entry: every use below checks bytes (verify, classes(), english()),
// or only decides whether to probe an exact table (kPairStart).
#include <algorithm>
#include <cstdint>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"
#include "topics/term_index.hpp"

namespace newsflow::processors::topics {

class WordClasses;

// text::load_head for a word or literal, which is never empty (length >= 1):
// the mask is then one shift, where load_head's, for any length, compiles to
// a branch on the length that mispredicts.
inline uint64_t word_head(const char* p, size_t length, const char* readable_end) {
  const size_t k = length < 8 ? length : 8;
  if (readable_end - p < 8) return text::load_upto8(p, k);
  return text::load8(p) & (~uint64_t{0} >> (64 - 8 * k));
}

// What TokenLexicon::visit reads of a text's tokens for all three of its
// consumers in one pass. Per-worker scratch: the buffers only grow, so a
// text writes its part of them and neither allocates nor clears the rest.
class TokenFacts {
 public:
  // Per token: its entry, as lookup() gives it.
  std::span<const uint32_t> entries() const { return {entries_.data(), tokens_}; }
  // Per token: class_bits() of its entry, 0 when not for_names(); empty
  // until TokenLexicon::classify has run on this visit's text.
  std::span<const uint32_t> name_bits() const { return {name_bits_.data(), classified_}; }
  // The tokens the matcher has work for (an entry for_matcher(), or a start
  // some one-word prefix literal may have), in text order, each as its
  // index << 1 | 1 when the prefix test passed. (An index fits in 31 bits:
  // tokenize() cuts texts at 4 GiB, and a token and its gap take two bytes.)
  std::span<const uint32_t> matcher() const { return {matcher_.data(), matcher_size_}; }
  // English function words among the tokens, up to the number visit was
  // asked to find.
  size_t english() const { return english_; }

 private:
  friend class TokenLexicon;
  // Room for n tokens' answers (the buffers only grow).
  void reserve(size_t n);
  std::vector<uint32_t> entries_, name_bits_, matcher_;
  std::vector<uint32_t> named_;  // the tokens whose entry is for_names()
  size_t tokens_ = 0, matcher_size_ = 0, named_size_ = 0, english_ = 0, classified_ = 0;
};

class TokenLexicon {
 public:
  struct Entry {
    uint32_t whole_first = 0;  // into ids_: TermIndex::whole of the key
    uint32_t whole_count = 0;
    uint32_t classes_first = 0;  // into variants_
    uint16_t classes_count = 0;  // spellings of the word in the person lists ("Mr", "MR")
    bool pair_start = false;     // some literal's first two words start with this word
    // Bit second_bit(h) for the hash h of each second word of a pair literal
    // starting with this word: most tokens that start some pair ("the") are
    // followed by no pair's second word, and this answers from the entry's
    // own cache line instead of the term index's 32 KiB filter.
    uint64_t pair_seconds = 0;
  };
  static uint64_t second_bit(uint64_t hash) { return uint64_t{1} << (hash >> 58); }
  using ClassEntry = std::pair<std::string, uint16_t>;  // WordClasses::Entry

  // classes: the person word lists; only words that are one token each can
  // be found by a token's hash, so the others are left to WordClasses::find.
  void build(const TermIndex& terms, const WordClasses& classes, std::span<const std::string_view> english);

  // out[i]: the entry of tokens[i], 0 (an empty entry) for most tokens.
  void lookup(const std::vector<text::Token>& tokens, std::vector<uint32_t>& out) const;
  // lookup(), and with each entry at hand what the matcher, the name finder
  // and the English check would each ask of it (see TokenFacts), for the
  // tokens of text. The prefix test is terms' (one-word prefix literals have
  // no entry). english_wanted: count English function words until this
  // many are found (language detection only asks whether there are enough;
  // 0 when it does not ask).
  void visit(std::string_view text, const std::vector<text::Token>& tokens, const TermIndex& terms,
             size_t english_wanted, TokenFacts& out) const;
  // text::tokenize(text, tokens) and then visit(text, tokens, ...), in one
  // pass: each token is probed as the tokenizer makes it, with its hash and
  // first bytes still in registers. The same tokens and facts.
  void tokenize_visit(std::string_view text, const TermIndex& terms, size_t english_wanted,
                      std::vector<text::Token>& tokens, TokenFacts& out) const;
  // The person list classes of the tokens visit() found listed (facts'
  // name_bits), for the same text and tokens: asked only when the name
  // finder runs (not for a language without rules, nor by the matcher alone).
  void classify(std::string_view text, const std::vector<text::Token>& tokens, TokenFacts& facts) const;

  const Entry& entry(uint32_t e) const { return entries_[e]; }
  // Whether the entry can hold literals (whole or pair_start), or person
  // word list spellings: one compare on the index, no load.
  bool for_matcher(uint32_t e) const { return e - 1 < matcher_count_; }
  bool for_names(uint32_t e) const { return e - classes_begin_ < classes_range_; }
  std::span<const TermIndex::Candidate> whole(const Entry& e) const { return {ids_.data() + e.whole_first, e.whole_count}; }
  // The person word list entry spelt exactly as word (case counts), or
  // nullptr. word lies in a text readable up to readable_end.
  const ClassEntry* classes(uint32_t e, std::string_view word, const char* readable_end) const {
    const Entry& en = entries_[e];
    if (en.classes_count == 0) return nullptr;
    const uint64_t got = head8(word, readable_end);
    for (uint32_t i = en.classes_first; i < en.classes_first + en.classes_count; ++i) {
      const Variant& v = variants_[i];
      if (v.length == word.size() && v.head == got && (word.size() <= 8 || v.entry->first == word)) return v.entry;
    }
    return nullptr;
  }
  // classes() as the entry's bits with kFound set, or 0, for an entry with
  // for_names() true. The first spelling is kept beside the entry's index
  // (24 bytes per entry): the old chain of loads (entry, spelling, the word
  // list's own entry) missed the cache three times per listed word.
  static constexpr uint32_t kFound = 1u << 16;
  // Inlined into the name finder's pass over every token, where a call costs
  // more than the common one-load answer.
  [[gnu::always_inline]] uint32_t class_bits(uint32_t e, std::string_view word, const char* readable_end) const {
    const Names& n = names_[e - classes_begin_];
    const size_t length = word.size();
    const uint64_t head = word_head(word.data(), length, readable_end);  // a token: never empty
    // The bytes past the eighth only for a word that has them (n.tail is 0
    // for a spelling of eight bytes or fewer, so only the length and head
    // decide there).
    if (n.length == length && n.head == head &&
        (length <= 8 || n.tail == text::load_head(word.data() + 8, length - 8, readable_end)))
      return kFound | n.bits;
    // Most entries have one spelling (a word capitalised at a sentence start
    // meets the lower-case one and is not it): nothing else to read.
    if (n.only) return 0;
    const ClassEntry* known = classes(e, word, readable_end);
    return known ? kFound | known->second : 0;
  }
  // Whether the token is the English function word of its entry, ASCII case
  // folded; no branch, as the caller counts these over every token.
  // The entry's function word comes through a byte per entry (8 KiB, which
  // stays in cache) and a table of the few words: reading the entries
  // themselves for the first few hundred tokens of every article missed the
  // cache on most listed words.
  bool english(uint32_t e, std::string_view word, const char* readable_end) const {
    const EnglishWord& w = english_words_[english_index_[e]];
    return (w.length == word.size()) & (w.bytes == text::fold8_swar(head8(word, readable_end)));
  }
  size_t keys() const { return keys_; }

 private:
  struct Pass;  // one text's visit, token by token (lexicon.cpp)
  // The word's first (up to) eight bytes, zero above them.
  static uint64_t head8(std::string_view word, const char* readable_end) {
    return text::load_head(word.data(), word.size(), readable_end);
  }
  // The first eight bytes inline: most words are shorter, and the string
  // behind the pointer is a cache miss.
  struct Variant {
    uint64_t head = 0;
    size_t length = 0;
    const ClassEntry* entry = nullptr;
  };
  // A slot packs a tag (high bits) and an entry index (low entry_bits_ bits;
  // 0: empty) into 32 bits; a key lives in one of two buckets of four slots
  // in one 64-byte line, so a lookup is two 16-byte loads and compares from
  // one line, and the table of a few thousand keys is 64 KiB.
  static constexpr size_t kBucket = 4;
  // As functions of the table's constants too, which visit() keeps in locals.
  static uint32_t tag(uint64_t hash, uint64_t multiplier, unsigned entry_bits) {
    return static_cast<uint32_t>((hash * multiplier) >> (32 + entry_bits));
  }
  static size_t second_bucket(uint64_t hash, size_t mask) { return (hash & mask & ~size_t{3}) | ((hash >> 40) & 3); }
  uint32_t tag(uint64_t hash) const { return tag(hash, tag_multiplier_, entry_bits_); }
  size_t first_bucket(uint64_t hash) const { return hash & bucket_mask_; }
  // The other bucket of the same 64-byte line (four buckets a line): a
  // lookup then misses the cache once, not twice, and a key still chooses
  // between two buckets.
  size_t second_bucket(uint64_t hash) const { return second_bucket(hash, bucket_mask_); }
  bool place(const std::vector<uint64_t>& keys, size_t buckets);
  void place_english(std::span<const std::string_view> english);

  // The first spelling of a names entry, up to 16 bytes (length 0 when it
  // is longer: classes() then decides); only: it is the entry's one spelling.
  struct Names {
    uint64_t head = 0, tail = 0;
    uint16_t bits = 0;
    uint8_t length = 0;
    bool only = false;
  };

  struct EnglishWord {
    uint64_t bytes = 0;  // lower case
    size_t length = 0;   // 0: none
  };

  std::vector<uint32_t> slots_;  // kBucket per bucket, from slots_[slot_offset_]
  size_t slot_offset_ = 0;
  size_t bucket_mask_ = 0;
  std::vector<Entry> entries_;   // [0] is empty
  std::vector<TermIndex::Candidate> ids_;
  std::vector<Variant> variants_;
  std::vector<uint8_t> english_index_;  // per entry, into english_words_ ([0] is none)
  std::vector<EnglishWord> english_words_;
  // The same words by their fold_hash alone, one slot each (slot
  // (hash >> english_shift_) & (size - 1), length 0: none): what the pass
  // counts with; english() above stays the entry's word.
  std::vector<EnglishWord> english_by_hash_;
  unsigned english_shift_ = 0;
  std::vector<Names> names_;  // entries [classes_begin_, classes_begin_ + classes_range_)
  uint64_t tag_multiplier_ = 1;
  unsigned entry_bits_ = 0;
  uint32_t matcher_count_ = 0;  // entries [1, 1 + matcher_count_)
  uint32_t classes_begin_ = 1, classes_range_ = 0;
  size_t keys_ = 0;
};

}  // namespace newsflow::processors::topics
