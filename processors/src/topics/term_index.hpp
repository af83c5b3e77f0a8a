#pragma once
// The topic literals (terms, context words, entity aliases) as hash tables
// keyed by their first word, so the matcher looks each token of a text up
// once instead of running an automaton over every byte: on news text the
// Hyperscan database over the same literals reported a candidate every ~28
// bytes and ran at ~100 MB/s; a probe per token is several times cheaper.
// Keys are text::fold_hash values; a probe yields candidate pattern ids that
// the matcher verifies byte by byte, so a hash collision costs time, never a
// wrong match.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::processors::topics {

struct LiteralSpec {
  std::string_view text;
  bool caseless = false;  // ASCII letters only, as Hyperscan's HS_FLAG_CASELESS
  bool prefix = false;    // may end inside a longer word
};

class TermIndex {
 public:
  struct Literal {
    uint32_t offset = 0;  // into bytes()
    uint32_t length = 0;
    bool caseless = false;
    bool prefix = false;
  };

  // A candidate as the matcher checks it: the literal's length, flags and
  // first eight bytes (folded when caseless) beside its id, so most checks
  // read nothing else (the chain id -> Literal -> bytes missed the cache
  // twice per candidate). Thirty bits of length: literals are words and
  // phrases of rule files, never a gigabyte long.
  struct Candidate {
    uint64_t head = 0;
    uint32_t id = 0;
    uint32_t length : 30 = 0;
    uint32_t caseless : 1 = 0;
    uint32_t prefix : 1 = 0;
  };

  // specs[i] becomes pattern id i. Returns the ids the index cannot serve
  // (literals that do not start with a word character): the caller matches
  // those another way.
  std::vector<uint32_t> build(const std::vector<LiteralSpec>& specs);

  // Candidates whose first word is exactly the token with this hash: one-word
  // literals, and two-word literals whose second word is a prefix.
  std::span<const Candidate> whole(uint64_t hash) const { return probe(whole_, hash); }
  // Candidates of two or more words whose first two words are the token and
  // the next one (pair_hash of their hashes).
  std::span<const Candidate> pair(uint64_t hash) const { return probe(pair_, hash); }
  // Candidates that are one word, prefix-matching, and whose first
  // min(length, kPrefixKey) bytes fold-hash to this prefix of the token.
  std::span<const Candidate> prefix(uint64_t hash) const { return probe(prefix_, hash); }
  static uint64_t pair_hash(uint64_t first, uint64_t second) {
    uint64_t h = (first ^ (second * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull;
    h ^= h >> 29;
    return h == 0 ? 1 : h;
  }
  // False when no table holds the key (most tokens): two bits of a 32 KiB
  // Bloom filter instead of a probe into the tables, which misses the cache.
  // Both bits lie in one 64-bit word (a blocked filter): one memory access
  // per probe, for a slightly higher false-positive rate that only costs a
  // table probe.
  bool may_contain(uint64_t hash) const {
    const uint64_t word = filter_[(hash >> 46) & (kFilterBits / 64 - 1)];
    return (word & filter_mask(hash)) == filter_mask(hash);
  }
  // False when no one-word prefix literal can start a token of this length
  // whose first min(length, kPrefixKey) bytes, folded (text::fold8_swar of
  // text::load_upto8), are head: one bit per key length in a 2 KiB filter,
  // instead of a fold_hash and a probe of the 32 KiB one per key length.
  bool may_have_prefix(uint64_t head, size_t length) const { return prefix_filter()(head, length); }
  // may_have_prefix as a value: a loop over every token keeps it in
  // registers, where the index's members would be reloaded after each store
  // the loop makes (the compiler cannot tell they are not its target).
  struct PrefixFilter {
    const uint64_t* bits;
    size_t min_length, max_length;
    bool operator()(uint64_t head, size_t length) const {
      uint64_t any = 0;
      const size_t longest = std::min(length, max_length);
      for (size_t l = min_length; l <= longest; ++l) {
        const uint64_t bit = prefix_bit(head & (~uint64_t{0} >> (64 - 8 * l)), l);
        any |= bits[bit >> 6] >> (bit & 63);
      }
      return any & 1;
    }
  };
  PrefixFilter prefix_filter() const { return {prefix_filter_.data(), min_prefix_, max_prefix_}; }
  bool has_prefix_length(size_t length) const { return length < 64 && ((prefix_lengths_ >> length) & 1); }
  size_t min_prefix_length() const { return min_prefix_; }
  // Every key of whole(), and every first-word hash of a pair() literal: what
  // the token lexicon (topics/lexicon.hpp) folds into its one probe.
  std::vector<uint64_t> whole_keys() const;
  const std::vector<uint64_t>& pair_first_keys() const { return pair_first_; }
  // The first and second word hashes of every pair() literal.
  const std::vector<std::pair<uint64_t, uint64_t>>& pair_words() const { return pair_words_; }
  size_t max_prefix_length() const { return max_prefix_; }

  const Literal& literal(uint32_t id) const { return literals_[id]; }
  std::string_view text(uint32_t id) const { return std::string_view(bytes_).substr(literals_[id].offset, literals_[id].length); }

  static constexpr size_t kPrefixKey = 4;

 private:
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t first = 0;
    uint32_t count = 0;
  };
  struct Table {
    std::vector<Slot> slots;  // power-of-two size, linear probing
    std::vector<Candidate> ids;
  };

  static constexpr size_t kFilterBits = 1 << 18;
  static constexpr unsigned kPrefixFilterLog = 14;
  static uint64_t prefix_bit(uint64_t key_bytes, size_t length) {
    return ((key_bytes | (uint64_t{length} << 56)) * 0x9e3779b97f4a7c15ull) >> (64 - kPrefixFilterLog);
  }
  static uint64_t filter_mask(uint64_t hash) { return (uint64_t{1} << ((hash >> 28) & 63)) | (uint64_t{1} << ((hash >> 34) & 63)); }
  void fill(Table& table, std::vector<std::pair<uint64_t, uint32_t>> entries);
  static std::span<const Candidate> probe(const Table& table, uint64_t hash) {
    if (table.slots.empty()) return {};
    size_t mask = table.slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = table.slots[i];
      if (s.key == hash) return {table.ids.data() + s.first, s.count};
      if (s.key == 0) return {};
    }
  }

  std::string bytes_;
  std::vector<Literal> literals_;
  Table whole_, pair_, prefix_;
  std::vector<uint64_t> pair_first_;  // sorted, unique
  std::vector<std::pair<uint64_t, uint64_t>> pair_words_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterBits / 64, 0);
  std::vector<uint64_t> prefix_filter_ = std::vector<uint64_t>((size_t{1} << kPrefixFilterLog) / 64, 0);
  uint64_t prefix_lengths_ = 0;
  size_t min_prefix_ = SIZE_MAX;
  size_t max_prefix_ = 0;
};

}  // namespace newsflow::processors::topics
