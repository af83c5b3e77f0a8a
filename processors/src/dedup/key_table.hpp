#pragma once
// A table of the dedup index: 64-bit keys of one kind (the id, the canonical
// URL or one band key) to 32-bit story refs, in 4-byte slots.
//
// A slot holds a story ref in its low ref_bits bits (as few as max_entries
// needs) and the rest of the word as a tag from the key. The table is a
// bucketed cuckoo table with partial keys, as in a cuckoo filter (Fan et al.,
// 2014): a key lives in one of two buckets of 8 slots, its home bucket and
// alt(home, tag), and alt is an involution of the bucket and the tag alone,
// so an occupant is moved to its other bucket without knowing its key. The
// story therefore need not keep its keys (the URL hash and band keys are not
// in its record), and the table is never rebuilt:
// - Nothing is erased. A slot whose story left (evicted: its ref is outside
//   the range of refs held, a test on the ref alone) is free, so eviction
//   touches no table and steady eviction reuses the slots it frees.
// - It is sized once, for max_entries keys at a load of kMaxLoad, and never
//   grows (growing would need the keys to rehash).
// Matches are (bucket, tag) matches, so a lookup names the stories that hold
// a key with this key's home-or-alt bucket and tag: besides the key's own
// stories, a few in a hundred lookups name another story, which the caller
// rules out (id compared with the arena, URL with the record's 32 URL bits,
// band candidates by sketch similarity).
// An insert that finds both buckets full moves occupants along a random walk
// (at most kMaxKicks); one still homeless after that waits in a small stash
// that every lookup also reads (in practice empty below a load of 0.97).
// A table sized for millions of stories is mostly pages the kernel has not
// mapped yet. Reading one first maps the shared zero page, and the write
// that follows must replace that mapping, which in a process with several
// threads costs an interrupt to every other core (a TLB shootdown): in
// Kafka mode, dedup's CPU per article was twice file mode's, most of it
// there. So the table remembers which pages it has written; a lookup skips
// an unwritten page's buckets (their slots are all empty), and a page's
// first access is the write that maps it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace newsflow::processors::dedup_detail {

class KeyTable {
 public:
  static constexpr uint32_t kEmpty = 0;
  // Tags of fewer than 6 bits would make most probes a story comparison and
  // leave an occupant too few alternative buckets to move to at this load.
  static constexpr unsigned kMaxRefBits = 26;
  static constexpr size_t kBucket = 8;  // 32 bytes: two buckets per cache line
  static constexpr double kMaxLoad = 0.94;
  static constexpr int kMaxKicks = 500;

  KeyTable() = default;
  KeyTable(KeyTable&& other) noexcept { *this = std::move(other); }
  KeyTable& operator=(KeyTable&& other) noexcept {
    ref_bits_ = other.ref_bits_;
    ref_mask_ = other.ref_mask_;
    tag_mask_ = other.tag_mask_;
    buckets_ = std::exchange(other.buckets_, 0);
    raw_ = std::move(other.raw_);
    slots_ = std::exchange(other.slots_, nullptr);
    written_pages_ = std::move(other.written_pages_);
    first_page_ = other.first_page_;
    page_words_ = std::exchange(other.page_words_, 0);
    stash_ = std::move(other.stash_);
    return *this;
  }
  KeyTable(unsigned ref_bits, size_t max_keys)
      : ref_bits_(ref_bits),
        ref_mask_((uint32_t{1} << ref_bits) - 1),
        tag_mask_(~uint32_t{0} >> ref_bits),
        buckets_(std::max<size_t>(1, static_cast<size_t>(static_cast<double>(max_keys) / (kBucket * kMaxLoad)) + 1)) {
    // calloc: fresh pages are zero without being written, so an index sized
    // for millions of stories commits its memory as it fills, and 64 bytes of
    // slack align the buckets to cache lines.
    raw_.reset(static_cast<char*>(std::calloc(buckets_ * kBucket * sizeof(uint32_t) + 64, 1)));
    if (!raw_) throw std::bad_alloc();
    const auto at = reinterpret_cast<uintptr_t>(raw_.get());
    slots_ = reinterpret_cast<uint32_t*>(raw_.get() + ((64 - at % 64) % 64));
    first_page_ = reinterpret_cast<uintptr_t>(slots_) / kPageBytes;
    const size_t pages = reinterpret_cast<uintptr_t>(slots_ + buckets_ * kBucket) / kPageBytes - first_page_ + 1;
    page_words_ = (pages + 63) / 64;
    written_pages_ = std::make_unique<uint64_t[]>(page_words_);
  }

  // Calls confirm(ref) for each ref stored under the key's buckets and tag
  // until max_confirmed of them returned true; returns how many did.
  template <typename Confirm>
  uint32_t find(uint64_t key, uint32_t max_confirmed, Confirm&& confirm) const {
    if (!slots_) return 0;
    const uint32_t tag = tag_of(key);
    const size_t b1 = home(key), b2 = alt(b1, tag);
    uint32_t confirmed = 0;
    auto scan = [&](size_t b) {
      if (!page_written(b)) return;
      const uint32_t* s = slots_ + b * kBucket;
      for (size_t i = 0; i < kBucket && confirmed < max_confirmed; ++i)
        if ((s[i] >> ref_bits_) == tag && confirm(s[i] & ref_mask_)) ++confirmed;
    };
    scan(b1);
    if (b2 != b1) scan(b2);
    for (const Stashed& st : stash_)
      if (confirmed < max_confirmed && (st.bucket == b1 || st.bucket == b2) && (st.word >> ref_bits_) == tag &&
          confirm(st.word & ref_mask_))
        ++confirmed;
    return confirmed;
  }

  // Starts loading the key's two buckets: a lookup reads eight tables at
  // random places, and the misses overlap when they are all asked for first.
  void prefetch(uint64_t key) const {
    if (!slots_) return;
    const size_t b1 = home(key);
    __builtin_prefetch(slots_ + b1 * kBucket);
    __builtin_prefetch(slots_ + alt(b1, tag_of(key)) * kBucket);
  }

  // Adds one key of a story. gone(ref) says whether the story stored as ref
  // left, so that its slot is free.
  template <typename Gone>
  void add(uint64_t key, uint32_t ref, Gone&& gone) {
    uint32_t word = tag_of(key) << ref_bits_ | ref;
    size_t b = home(key);
    if (!stash_.empty()) std::erase_if(stash_, [&](const Stashed& st) { return gone(st.word & ref_mask_); });
    const size_t b2 = alt(b, tag_of_word(word));
    if (place(b, word, gone) || place(b2, word, gone) || move_one(b, b2, word, gone)) return;
    for (int kick = 0; kick < kMaxKicks; ++kick) {
      if (next_random() & 1) b = alt(b, tag_of_word(word));
      mark_page_written(b);
      std::swap(word, slots_[b * kBucket + next_random() % kBucket]);
      b = alt(b, tag_of_word(word));
      if (place(b, word, gone)) return;
    }
    stash_.push_back({static_cast<uint32_t>(b), word});
  }

  size_t bytes() const {
    return sizeof(*this) + (raw_ ? buckets_ * kBucket * sizeof(uint32_t) + 64 : 0) + page_words_ * sizeof(uint64_t) +
           stash_.capacity() * sizeof(Stashed);
  }
  size_t stashed() const { return stash_.size(); }
  bool allocated() const { return slots_ != nullptr; }

 private:
  struct Stashed {
    uint32_t bucket;
    uint32_t word;
  };
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  // The smallest page there is: with larger pages the bits only say less.
  static constexpr uintptr_t kPageBytes = 4096;

  bool page_written(size_t b) const {
    const size_t page = reinterpret_cast<uintptr_t>(slots_ + b * kBucket) / kPageBytes - first_page_;
    return (written_pages_[page / 64] >> (page % 64)) & 1;
  }
  void mark_page_written(size_t b) {
    const size_t page = reinterpret_cast<uintptr_t>(slots_ + b * kBucket) / kPageBytes - first_page_;
    written_pages_[page / 64] |= uint64_t{1} << (page % 64);
  }

  // Never 0, so that no occupied slot reads as empty (refs start at 0).
  uint32_t tag_of(uint64_t key) const {
    const uint32_t tag = static_cast<uint32_t>(key >> 32) & tag_mask_;
    return tag ? tag : 1;
  }
  uint32_t tag_of_word(uint32_t word) const { return word >> ref_bits_; }
  // Buckets are the key's low 32 bits scaled to the bucket count (not
  // masked), so the count need not be a power of two; alt is then
  // (c(tag) - b) mod buckets, its own inverse for any count.
  size_t home(uint64_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(static_cast<uint32_t>(key)) * buckets_) >> 32);
  }
  size_t alt(size_t b, uint32_t tag) const {
    const size_t c = static_cast<size_t>((static_cast<uint64_t>(tag * 0x9E3779B1u) * buckets_) >> 32);
    return c >= b ? c - b : c + buckets_ - b;
  }

  template <typename Gone>
  bool place(size_t b, uint32_t word, Gone&& gone) {
    uint32_t* s = slots_ + b * kBucket;
    if (!page_written(b)) {
      mark_page_written(b);
      s[0] = word;
      return true;
    }
    for (size_t i = 0; i < kBucket; ++i)
      if (s[i] == kEmpty || gone(s[i] & ref_mask_)) {
        s[i] = word;
        return true;
      }
    return false;
  }

  // Both buckets full: an occupant whose other bucket has room moves there
  // and word takes its slot. At a load near kMaxLoad that is most inserts;
  // the 16 other buckets are loaded at once instead of one after the other
  // along a random walk.
  template <typename Gone>
  bool move_one(size_t b1, size_t b2, uint32_t word, Gone&& gone) {
    std::array<size_t, 2 * kBucket> other;
    const size_t n = b1 == b2 ? kBucket : 2 * kBucket;
    for (size_t i = 0; i < n; ++i) {
      const size_t b = i < kBucket ? b1 : b2;
      other[i] = alt(b, tag_of_word(slots_[b * kBucket + i % kBucket]));
      __builtin_prefetch(slots_ + other[i] * kBucket);
    }
    for (size_t i = 0; i < n; ++i) {
      uint32_t& occupant = slots_[(i < kBucket ? b1 : b2) * kBucket + i % kBucket];
      if (place(other[i], occupant, gone)) {
        occupant = word;
        return true;
      }
    }
    return false;
  }

  uint32_t next_random() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_;
  }

  unsigned ref_bits_ = kMaxRefBits;
  uint32_t ref_mask_ = 0, tag_mask_ = 0;
  size_t buckets_ = 0;
  std::unique_ptr<char, Free> raw_;
  uint32_t* slots_ = nullptr;
  std::unique_ptr<uint64_t[]> written_pages_;  // one bit per page of slots_
  uintptr_t first_page_ = 0;                   // page number of slots_[0]
  size_t page_words_ = 0;
  std::vector<Stashed> stash_;
  uint32_t rng_ = 0x9E3779B9u;
};

}  // namespace newsflow::processors::dedup_detail
