#pragma once
// A table of the dedup index: 64-bit keys of one kind (the id, the canonical
// URL or one band key) to 32-bit story refs, in 4-byte slots.
//
// A slot holds a story ref in its low ref_bits bits (as few as max_entries
// needs) and the rest of the word as a tag from the key; every tag hit is
// confirmed against the story, so a tag collision costs a comparison, never a
// wrong match. Nothing is erased: a slot whose story left (evicted, removed)
// is stale, told apart by the owner (a ref no longer held, or reused by a
// story without that key, fails the confirmation), and skipped like a
// deleted slot until the shard is rebuilt. Since the slot cannot hold the
// key, a rebuild asks the owner for the keys of each story it still holds
// (rekey; one key per story and table, so a rebuild reads each story once).
// Linear probing, split into 256 shards by the key's top bits so that a
// rebuild pauses for 1/256 of the table; the home position is the
// key's low 32 bits scaled to the capacity (not masked), so capacities need
// not be powers of two. A rebuild resizes to a load of 0.7 and happens at
// 0.9 (probe runs stay within a cache line or two of 4-byte slots); under
// steady eviction the capacity stays at live / 0.7.
#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace newsflow::processors::dedup_detail {

class KeyTable {
 public:
  static constexpr uint32_t kEmpty = 0;
  static constexpr unsigned kMaxRefBits = 28;  // tags of fewer than 4 bits would make most probes a story comparison
  static constexpr unsigned kShardBits = 8;

  KeyTable() : KeyTable(KeyTable::kMaxRefBits) {}
  explicit KeyTable(unsigned ref_bits)
      : ref_bits_(ref_bits), ref_mask_((uint32_t{1} << ref_bits) - 1), tag_mask_(~uint32_t{0} >> ref_bits) {}

  // Calls confirm(ref) for each ref stored under the key's tag until
  // max_confirmed of them returned true; returns how many did.
  template <typename Confirm>
  uint32_t find(uint64_t key, uint32_t max_confirmed, Confirm&& confirm) const {
    const Shard& s = shards_[shard_of(key)];
    uint32_t confirmed = 0;
    if (s.slots.empty()) return confirmed;
    const uint32_t tag = tag_of(key);
    for (size_t i = home(s, key); confirmed < max_confirmed; i = next(s, i)) {
      const uint32_t w = s.slots[i];
      if (w == kEmpty) break;
      if ((w >> ref_bits_) == tag && confirm(w & ref_mask_)) ++confirmed;
    }
    return confirmed;
  }

  // Adds one key of a story, in the first empty or stale slot of its probe
  // run (so steady eviction refills stale slots instead of growing the
  // shard). gone(ref) says whether the story stored as ref left (it need
  // not catch every one); rekey(ref, emit) must call emit(key) with the key
  // of this table's kind of the story stored as ref, if it is still held,
  // and is called when a shard is rebuilt.
  template <typename Gone, typename Rekey>
  void add(uint64_t key, uint32_t ref, Gone&& gone, Rekey&& rekey) {
    const size_t index = shard_of(key);
    Shard& s = shards_[index];
    if ((s.used + 1) * 10 > s.slots.size() * 9) rebuild(index, rekey);
    for (size_t i = home(s, key);; i = next(s, i)) {
      uint32_t& w = s.slots[i];
      if (w == kEmpty || gone(w & ref_mask_)) {
        if (w == kEmpty) ++s.used;
        w = word_of(key, ref);
        return;
      }
    }
  }

  size_t bytes() const {
    size_t total = sizeof(*this);
    for (const Shard& s : shards_) total += s.slots.capacity() * sizeof(uint32_t);
    return total;
  }

 private:
  struct Shard {
    std::vector<uint32_t> slots;
    size_t used = 0;  // live and stale
  };

  static size_t shard_of(uint64_t key) { return static_cast<size_t>(key >> (64 - kShardBits)); }
  // Never 0, so that no occupied slot reads as empty (refs start at 0).
  uint32_t tag_of(uint64_t key) const {
    const uint32_t tag = static_cast<uint32_t>(key >> 32) & tag_mask_;
    return tag ? tag : 1;
  }
  uint32_t word_of(uint64_t key, uint32_t ref) const { return tag_of(key) << ref_bits_ | ref; }
  static size_t home(const Shard& s, uint64_t key) {
    return static_cast<size_t>((static_cast<uint64_t>(static_cast<uint32_t>(key)) * s.slots.size()) >> 32);
  }
  static size_t next(const Shard& s, size_t i) { return i + 1 == s.slots.size() ? 0 : i + 1; }

  void insert(Shard& s, uint64_t key, uint32_t ref) {
    for (size_t i = home(s, key);; i = next(s, i)) {
      uint32_t& w = s.slots[i];
      if (w == kEmpty) {
        ++s.used;
        w = word_of(key, ref);
        return;
      }
    }
  }

  // Drops stale slots and resizes to a load of 0.7, the keys recomputed
  // from the stories still held. A stale slot whose ref now names another
  // story gets that story's key, which has the slot's tag only by chance.
  template <typename Rekey>
  void rebuild(size_t index, Rekey&& rekey) {
    Shard& s = shards_[index];
    held_.clear();
    for (const uint32_t w : s.slots)
      if (w != kEmpty)
        rekey(w & ref_mask_, [&](uint64_t key) {
          if (shard_of(key) == index && tag_of(key) == w >> ref_bits_) held_.push_back({key, w & ref_mask_});
        });
    std::vector<uint32_t>(std::max<size_t>(16, (held_.size() + 1) * 10 / 7 + 1), kEmpty).swap(s.slots);
    s.used = 0;
    for (const auto& [key, ref] : held_) insert(s, key, ref);
  }

  unsigned ref_bits_;
  uint32_t ref_mask_, tag_mask_;
  std::array<Shard, size_t{1} << kShardBits> shards_;
  std::vector<std::pair<uint64_t, uint32_t>> held_;  // rebuild scratch
};

}  // namespace newsflow::processors::dedup_detail
