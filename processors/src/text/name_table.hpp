#pragma once
// A string -> value table that a processor empties for every article (the
// topics name finder's people and organisations, quotes' People). Open
// addressing over text::fold_hash, with the keys' bytes in one arena and the
// slots in one array; clear() keeps every buffer, so once the table has grown
// to the largest article met, an article costs no allocation (the
// std::unordered_map<std::string, ...> it replaced cost a node, and past 15
// bytes a key, per name).
//
// KeyCase::exact compares keys byte for byte (the hash folds case, the keys do
// not: "Berg" and "BERG" are two keys). KeyCase::ascii_folded stores keys with
// ASCII letters folded and finds them in any ASCII case; other bytes compare
// exactly ("Ë" is not "ë").
//
// The interface is the subset of std::unordered_map the call sites use:
// find/end, try_emplace and emplace (keep an existing entry), operator[]
// (inserts Value{}), clear. An entry's value is `second` as in the map's
// value_type. A pointer to an entry is valid until the next insertion.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tokenizer.hpp"

namespace newsflow::processors::text {

enum class KeyCase { exact, ascii_folded };

template <class Value, KeyCase Case>
class NameTable {
 public:
  struct Entry {
    uint64_t hash;
    uint32_t offset;  // of the key in the arena
    uint32_t size;
    uint32_t slot;  // where the entry sits, so clear() empties only used slots
    Value second;
  };

  const Entry* find(std::string_view key) const {
    if (entries_.empty()) return nullptr;
    const uint32_t at = slots_[probe(key, fold_hash(key))];
    return at == 0 ? nullptr : &entries_[at - 1];
  }
  Entry* find(std::string_view key) { return const_cast<Entry*>(std::as_const(*this).find(key)); }
  const Entry* end() const { return nullptr; }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // The entry of key, and whether it was absent (then it now holds value).
  std::pair<Entry*, bool> try_emplace(std::string_view key, Value value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const uint64_t hash = fold_hash(key);
    const uint32_t slot = probe(key, hash);
    if (slots_[slot] != 0) return {&entries_[slots_[slot] - 1], false};
    return {&insert_at(slot, key, hash, std::move(value)), true};
  }
  // Inserts key -> value unless key is present; true if it inserted.
  bool emplace(std::string_view key, Value value) { return try_emplace(key, std::move(value)).second; }
  Value& operator[](std::string_view key) { return try_emplace(key, Value{}).first->second; }

  // Empties the table, keeping its buffers; only the slots in use are zeroed,
  // so an article with a few names does not pay for an earlier one's many.
  void clear() {
    if (slots_.size() > kKeptSlots) {
      entries_ = {};
      slots_ = {};
      bytes_ = {};
      return;
    }
    for (const Entry& e : entries_) slots_[e.slot] = 0;
    entries_.clear();
    bytes_.clear();
  }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // The key as stored (folded under KeyCase::ascii_folded).
  std::string_view key(const Entry& e) const { return std::string_view(bytes_).substr(e.offset, e.size); }

  // f(key, value&) for every entry, in the order they were added.
  template <class F>
  void for_each(F f) {
    for (Entry& e : entries_) f(key(e), e.second);
  }

 private:
  static constexpr uint32_t kFirstSlots = 64;
  // An article with more names than this (thousands: hostile, or a list)
  // does not keep the table reserved for every later article of the worker.
  static constexpr size_t kKeptSlots = size_t{1} << 14;

  bool same(const Entry& e, std::string_view probe_key, uint64_t hash) const {
    if (e.hash != hash || e.size != probe_key.size()) return false;
    const std::string_view stored = key(e);
    if constexpr (Case == KeyCase::exact) {
      return stored == probe_key;
    } else {
      // The arena holds the key folded; fold the probe's eight bytes at a time.
      for (size_t i = 0; i < stored.size(); i += 8) {
        const size_t n = std::min<size_t>(8, stored.size() - i);
        if (load_upto8(stored.data() + i, n) != fold8_swar(load_upto8(probe_key.data() + i, n))) return false;
      }
      return true;
    }
  }
  // The slot holding key, or the empty slot where it would go.
  uint32_t probe(std::string_view key, uint64_t hash) const {
    const uint32_t mask = static_cast<uint32_t>(slots_.size()) - 1;
    for (uint32_t s = static_cast<uint32_t>(hash) & mask;; s = (s + 1) & mask) {
      const uint32_t at = slots_[s];
      if (at == 0 || same(entries_[at - 1], key, hash)) return s;
    }
  }
  Entry& insert_at(uint32_t slot, std::string_view key, uint64_t hash, Value value) {
    const auto offset = static_cast<uint32_t>(bytes_.size());
    bytes_.append(key);
    if constexpr (Case == KeyCase::ascii_folded) {
      for (size_t i = offset; i < bytes_.size(); ++i)
        bytes_[i] = static_cast<char>(fold_ascii(static_cast<unsigned char>(bytes_[i])));
    }
    entries_.push_back(Entry{hash, offset, static_cast<uint32_t>(key.size()), slot, std::move(value)});
    slots_[slot] = static_cast<uint32_t>(entries_.size());
    return entries_.back();
  }
  void grow() {
    std::fill(slots_.begin(), slots_.end(), 0);
    slots_.resize(slots_.empty() ? kFirstSlots : slots_.size() * 2, 0);
    const uint32_t mask = static_cast<uint32_t>(slots_.size()) - 1;
    for (size_t i = 0; i < entries_.size(); ++i) {
      uint32_t s = static_cast<uint32_t>(entries_[i].hash) & mask;
      while (slots_[s] != 0) s = (s + 1) & mask;
      slots_[s] = static_cast<uint32_t>(i + 1);
      entries_[i].slot = s;
    }
  }

  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1, 0 = empty; a power of two, at most half full
  std::string bytes_;
};

}  // namespace newsflow::processors::text
