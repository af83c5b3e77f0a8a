#include "topics/lexicon.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <stdexcept>

#include <emmintrin.h>

#include "text/tokenize_each.hpp"
#include "topics/rules.hpp"

namespace newsflow::processors::topics {

void TokenLexicon::build(const TermIndex& terms, const WordClasses& classes, std::span<const std::string_view> english) {
  struct Pending {
    std::span<const TermIndex::Candidate> whole;
    bool pair_start = false;
    uint64_t pair_seconds = 0;
    std::string_view english;
    std::vector<const ClassEntry*> variants;
  };
  // Ordered by key so the entries (and so the output of lookup) do not depend
  // on the order the word lists were read in.
  std::map<uint64_t, Pending> keys;
  for (uint64_t key : terms.whole_keys()) keys[key].whole = terms.whole(key);
  for (uint64_t key : terms.pair_first_keys()) keys[key].pair_start = true;
  for (const auto& [first, second] : terms.pair_words()) keys[first].pair_seconds |= second_bit(second);
  for (std::string_view w : english) keys[text::fold_hash(w)].english = w;
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
  names_.clear();
  english_index_.assign(1, 0);
  english_words_.assign(1, EnglishWord{});
  // A byte per entry indexes the function words; the English check counts
  // words of at most eight bytes.
  if (english.size() > 255) throw std::invalid_argument("token lexicon: more than 255 English function words");
  for (std::string_view w : english)
    if (w.empty() || w.size() > 8) throw std::invalid_argument("token lexicon: English function word not 1-8 bytes: " + std::string(w));
  // Entries in four groups: for the matcher only, for the matcher and the
  // name finder, for the name finder only, neither (English words). Each
  // caller then asks one range test of the index, true only for the tokens
  // it has work for, instead of "listed at all" (true for half the tokens).
  auto group = [](const Pending& p) {
    const bool matcher = !p.whole.empty() || p.pair_start, names = !p.variants.empty();
    return matcher ? (names ? 1 : 0) : (names ? 2 : 3);
  };
  std::vector<std::pair<uint64_t, const Pending*>> ordered;
  for (int g = 0; g < 4; ++g)
    for (const auto& [key, p] : keys)
      if (group(p) == g) ordered.emplace_back(key, &p);
  size_t in_group[4] = {};
  for (const auto& [key, p] : keys) ++in_group[group(p)];
  matcher_count_ = static_cast<uint32_t>(in_group[0] + in_group[1]);
  classes_begin_ = static_cast<uint32_t>(1 + in_group[0]);
  classes_range_ = static_cast<uint32_t>(in_group[1] + in_group[2]);
  std::vector<uint64_t> key_list;
  key_list.reserve(keys.size());
  for (const auto& [key, pending] : ordered) {
    const Pending& p = *pending;
    key_list.push_back(key);
    Entry e;
    e.whole_first = static_cast<uint32_t>(ids_.size());
    e.whole_count = static_cast<uint32_t>(p.whole.size());
    ids_.insert(ids_.end(), p.whole.begin(), p.whole.end());
    e.pair_start = p.pair_start;
    e.pair_seconds = p.pair_seconds;
    e.classes_first = static_cast<uint32_t>(variants_.size());
    e.classes_count = static_cast<uint16_t>(p.variants.size());
    english_index_.push_back(0);
    if (!p.english.empty()) {
      english_index_.back() = static_cast<uint8_t>(english_words_.size());
      english_words_.push_back({text::load_upto8(p.english.data(), std::min<size_t>(8, p.english.size())), p.english.size()});
    }
    for (const ClassEntry* v : p.variants)
      variants_.push_back({text::load_upto8(v->first.data(), std::min<size_t>(8, v->first.size())), v->first.size(), v});
    if (!p.variants.empty()) {
      const std::string& first = p.variants.front()->first;
      Names n;
      if (first.size() <= 16) {
        n.head = text::load_upto8(first.data(), std::min<size_t>(8, first.size()));
        n.tail = first.size() > 8 ? text::load_upto8(first.data() + 8, first.size() - 8) : 0;
        n.bits = p.variants.front()->second;
        n.length = static_cast<uint8_t>(first.size());
        n.only = p.variants.size() == 1;
      }
      names_.push_back(n);
    }
    entries_.push_back(e);
  }
  entry_bits_ = static_cast<unsigned>(std::bit_width(entries_.size()));
  // A token that is not listed may meet several tags and read the OR of
  // their entries: every index that can make stays inside entries_.
  keys_ = key_list.size();
  entries_.resize(size_t{1} << entry_bits_);
  english_index_.resize(entries_.size(), 0);
  // At most half full, four slots a bucket, two buckets a key: placing every
  // key in the emptier of its buckets leaves none full with room to spare.
  size_t buckets = std::bit_ceil(std::max<size_t>(4, key_list.size() / 2));
  tag_multiplier_ = 0x9e3779b97f4a7c15ull;
  for (unsigned attempt = 1;; ++attempt) {
    if (place(key_list, buckets)) break;
    tag_multiplier_ += 0x632be59bd9b4e01aull;  // stays odd
    if (attempt % 8 == 0) buckets *= 2;
  }
  place_english(english);
}

void TokenLexicon::place_english(std::span<const std::string_view> english) {
  // The smallest table, and the first shift, that give every function word
  // a slot of its own.
  for (size_t size = 64;; size *= 2) {
    for (unsigned shift = 0; shift + std::bit_width(size) <= 64; ++shift) {
      english_by_hash_.assign(size, EnglishWord{});
      bool placed = true;
      for (std::string_view w : english) {
        EnglishWord& slot = english_by_hash_[(text::fold_hash(w) >> shift) & (size - 1)];
        const EnglishWord word{text::load_upto8(w.data(), w.size()), w.size()};
        if (slot.length != 0 && (slot.length != word.length || slot.bytes != word.bytes)) {
          placed = false;
          break;
        }
        slot = word;
      }
      if (placed) {
        english_shift_ = shift;
        return;
      }
    }
  }
}

bool TokenLexicon::place(const std::vector<uint64_t>& keys, size_t buckets) {
  // Buckets from a 64-byte boundary, so a bucket's partner shares its line.
  slots_.assign(buckets * kBucket + 15, 0);
  const auto misaligned = reinterpret_cast<uintptr_t>(slots_.data()) % 64;
  slot_offset_ = misaligned == 0 ? 0 : (64 - misaligned) / sizeof(uint32_t);
  uint32_t* const slots = slots_.data() + slot_offset_;
  bucket_mask_ = buckets - 1;
  auto used = [&](size_t b) {
    size_t n = 0;
    while (n < kBucket && slots[b * kBucket + n] != 0) ++n;
    return n;
  };
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t want = tag(keys[i]);
    const size_t b1 = first_bucket(keys[i]), b2 = second_bucket(keys[i]);
    const size_t n1 = used(b1), n2 = used(b2);
    const size_t b = n1 <= n2 ? b1 : b2, n = std::min(n1, n2);
    if (n == kBucket) return false;
    slots[b * kBucket + n] = (want << entry_bits_) | static_cast<uint32_t>(i + 1);
  }
  // The lookup ORs every slot of both buckets whose tag matches: a key must
  // be the only one with its tag there.
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t want = tag(keys[i]);
    size_t same = 0;
    for (size_t b : {first_bucket(keys[i]), second_bucket(keys[i])})
      for (size_t k = 0; k < kBucket; ++k) {
        const uint32_t slot = slots[b * kBucket + k];
        same += slot != 0 && slot >> entry_bits_ == want;
      }
    if (same != 1 + (first_bucket(keys[i]) == second_bucket(keys[i]))) return false;
  }
  return true;
}

namespace {

// The entry whose tag matches hash in either of its two buckets (entry_mask
// of the OR of the matching slots), with no branch: whether a token is
// listed is the least predictable fact about it, and the callers branch on
// it once, on the result.
inline uint32_t probe(const uint32_t* slots, size_t first, size_t second, uint32_t want, __m128i tag_mask,
                      uint32_t entry_mask) {
  const __m128i w = _mm_set1_epi32(static_cast<int>(want));
  const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(slots + first));
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(slots + second));
  __m128i hit = _mm_or_si128(_mm_and_si128(a, _mm_cmpeq_epi32(_mm_and_si128(a, tag_mask), w)),
                             _mm_and_si128(b, _mm_cmpeq_epi32(_mm_and_si128(b, tag_mask), w)));
  hit = _mm_or_si128(hit, _mm_shuffle_epi32(hit, _MM_SHUFFLE(1, 0, 3, 2)));
  hit = _mm_or_si128(hit, _mm_shuffle_epi32(hit, _MM_SHUFFLE(2, 3, 0, 1)));
  return static_cast<uint32_t>(_mm_cvtsi128_si32(hit)) & entry_mask;
}

}  // namespace

void TokenLexicon::lookup(const std::vector<text::Token>& tokens, std::vector<uint32_t>& out) const {
  out.assign(tokens.size(), 0);
  if (slots_.empty()) return;
  const __m128i tag_mask = _mm_set1_epi32(static_cast<int>(~((uint32_t{1} << entry_bits_) - 1)));
  const uint32_t entry_mask = (uint32_t{1} << entry_bits_) - 1;
  const uint32_t* slots = slots_.data() + slot_offset_;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint64_t h = tokens[i].hash;
    out[i] = probe(slots, first_bucket(h) * kBucket, second_bucket(h) * kBucket, tag(h) << entry_bits_, tag_mask,
                   entry_mask);
  }
}

// The matcher, the name finder and the English check each used to walk
// every token and branch on its entry (for_matcher, for_names: each true for
// about 40 % of the tokens, in no pattern a predictor can follow), each
// loading its own table in text order. Here the entry is found and each
// question answered while it is at hand; the answers that select tokens are
// written as compact lists (an unconditional store, the count advanced by
// the answer), so the consumers walk only the tokens they have work for.
// One Pass per text, its step() run for each token in order, by visit()
// over a token vector or inside the tokenizer's loop (tokenize_visit).
struct TokenLexicon::Pass {
  // Everything step() reads is copied here: it stores through uint32_t
  // pointers, which (for the compiler) could point at the lexicon's members,
  // so through them each would be reloaded per token. The Pass is a local
  // whose address never escapes, so its fields stay in registers.
  uint32_t* __restrict entries;
  uint32_t* __restrict matcher;
  uint32_t* __restrict named;
  const uint32_t* slots;
  __m128i tag_mask;
  unsigned entry_bits;
  uint32_t entry_mask;
  uint64_t tag_multiplier;
  size_t bucket_mask;
  uint32_t matcher_count, classes_begin, classes_range;
  const EnglishWord* english_by_hash;
  unsigned english_shift;
  size_t english_mask;
  TermIndex::PrefixFilter may_have_prefix;
  size_t english_wanted;
  size_t m = 0, k = 0, english = 0;

  Pass(const TokenLexicon& lexicon, const TermIndex& terms, size_t wanted, TokenFacts& out)
      : entries(out.entries_.data()),
        matcher(out.matcher_.data()),
        named(out.named_.data()),
        slots(lexicon.slots_.empty() ? nullptr : lexicon.slots_.data() + lexicon.slot_offset_),
        tag_mask(_mm_set1_epi32(static_cast<int>(~((uint32_t{1} << lexicon.entry_bits_) - 1)))),
        entry_bits(lexicon.entry_bits_),
        entry_mask((uint32_t{1} << lexicon.entry_bits_) - 1),
        tag_multiplier(lexicon.tag_multiplier_),
        bucket_mask(lexicon.bucket_mask_),
        matcher_count(lexicon.matcher_count_),
        classes_begin(lexicon.classes_begin_),
        classes_range(lexicon.classes_range_),
        english_by_hash(lexicon.english_by_hash_.data()),
        english_shift(lexicon.english_shift_),
        english_mask(lexicon.english_by_hash_.size() - 1),
        may_have_prefix(terms.prefix_filter()),
        english_wanted(wanted) {}

  // Token i, of length bytes, hashed h, whose first eight bytes folded (zero
  // above a shorter word) are folded: what the English check compares and,
  // cut to TermIndex::kPrefixKey bytes, the prefix filter's key.
  [[gnu::always_inline]] void step(size_t i, size_t length, uint64_t h, uint64_t folded) {
    uint32_t e = 0;
    if (slots)
      e = probe(slots, (h & bucket_mask) * kBucket, second_bucket(h, bucket_mask) * kBucket,
                tag(h, tag_multiplier, entry_bits) << entry_bits, tag_mask, entry_mask);
    entries[i] = e;
    // Once there are enough, the tables are not read again: English text
    // gets there in its first few hundred words.
    if (english < english_wanted) {
      // By the hash, not the entry: the probe's result is a chain of loads
      // behind, and this check's two more were the pass's longest wait.
      const EnglishWord& w = english_by_hash[(h >> english_shift) & english_mask];
      english += (w.length == length) & (w.bytes == folded);
    }
    static_assert(TermIndex::kPrefixKey == 4);
    const bool prefix = may_have_prefix(folded & 0xFFFFFFFFu, length);
    matcher[m] = static_cast<uint32_t>(i << 1) | prefix;
    m += (e - 1 < matcher_count) | prefix;  // for_matcher(e)
    named[k] = static_cast<uint32_t>(i);
    k += e - classes_begin < classes_range;  // for_names(e)
  }

  void finish(size_t tokens, TokenFacts& out) const {
    out.tokens_ = tokens;
    out.classified_ = 0;
    out.matcher_size_ = m;
    out.named_size_ = k;
    out.english_ = english;
  }
};

void TokenFacts::reserve(size_t n) {
  if (entries_.size() >= n) return;
  entries_.resize(n);
  name_bits_.resize(n);
  matcher_.resize(n);
  named_.resize(n);
}

void TokenLexicon::visit(std::string_view text, const std::vector<text::Token>& tokens, const TermIndex& terms,
                         size_t english_wanted, TokenFacts& out) const {
  const size_t n = tokens.size();
  out.reserve(n);
  Pass pass(*this, terms, english_wanted, out);
  const text::Token* const words = tokens.data();
  const char* const begin = text.data();
  const char* const end = text.data() + text.size();
  for (size_t i = 0; i < n; ++i) {
    const text::Token t = words[i];
    const size_t length = t.end - t.start;
    pass.step(i, length, t.hash, text::fold8_swar(word_head(begin + t.start, length, end)));
  }
  pass.finish(n, out);
}

void TokenLexicon::tokenize_visit(std::string_view text, const TermIndex& terms, size_t english_wanted,
                                  std::vector<text::Token>& tokens, TokenFacts& out) const {
  // The lists are written by token index before the count is known: a
  // token and the gap after it take at least two bytes.
  out.reserve(text.size() / 2 + 1);
  Pass pass(*this, terms, english_wanted, out);
  text::tokenize_each(text, tokens, [&](size_t i, const text::Token& t, uint64_t folded) __attribute__((always_inline)) {
    pass.step(i, t.end - t.start, t.hash, folded);
  });
  pass.finish(tokens.size(), out);
}

void TokenLexicon::classify(std::string_view text, const std::vector<text::Token>& tokens, TokenFacts& facts) const {
  const size_t n = facts.tokens_;
  uint32_t* const bits = facts.name_bits_.data();
  const uint32_t* const named = facts.named_.data();
  const uint32_t* const entries = facts.entries_.data();
  const char* const end = text.data() + text.size();
  std::fill_n(bits, n, 0);
  for (size_t j = 0; j < facts.named_size_; ++j) {
    const text::Token& t = tokens[named[j]];
    bits[named[j]] = class_bits(entries[named[j]], std::string_view(text.data() + t.start, t.end - t.start), end);
  }
  facts.classified_ = n;
}

}  // namespace newsflow::processors::topics
