// The per-article name table: linear probing, keys folded into one arena.
#include "quotes/name_map.hpp"

#include <algorithm>

#include "quotes/quote_rules.hpp"
#include "text/tokenizer.hpp"

namespace newsflow::processors::quotes {

namespace {
constexpr uint32_t kFirstSlots = 64;
// An article with more names than this (thousands: hostile, or a list) does
// not keep its tables reserved for every later article of the worker.
constexpr size_t kKeptSlots = size_t{1} << 14;
}  // namespace

bool NameMap::same(const Entry& e, std::string_view key, uint64_t hash) const {
  // The arena holds the key folded; same_folded folds the probe's.
  return e.hash == hash && QuoteRules::same_folded(this->key(e), key);
}

uint32_t NameMap::probe(std::string_view key, uint64_t hash) const {
  const uint32_t mask = static_cast<uint32_t>(slots_.size()) - 1;
  for (uint32_t s = static_cast<uint32_t>(hash) & mask;; s = (s + 1) & mask) {
    const uint32_t at = slots_[s];
    if (at == 0 || same(entries_[at - 1], key, hash)) return s;
  }
}

const NameMap::Entry* NameMap::find(std::string_view key) const {
  if (entries_.empty()) return nullptr;
  const uint32_t at = slots_[probe(key, text::fold_hash(key))];
  return at == 0 ? nullptr : &entries_[at - 1];
}

NameMap::Entry& NameMap::insert_at(uint32_t slot, std::string_view key, uint64_t hash, int value) {
  const auto offset = static_cast<uint32_t>(bytes_.size());
  bytes_.append(key);
  for (size_t i = offset; i < bytes_.size(); ++i)
    bytes_[i] = static_cast<char>(text::fold_ascii(static_cast<unsigned char>(bytes_[i])));
  entries_.push_back(Entry{hash, offset, static_cast<uint32_t>(key.size()), slot, value});
  slots_[slot] = static_cast<uint32_t>(entries_.size());
  return entries_.back();
}

void NameMap::grow() {
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

bool NameMap::emplace(std::string_view key, int value) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const uint64_t hash = text::fold_hash(key);
  const uint32_t slot = probe(key, hash);
  if (slots_[slot] != 0) return false;
  insert_at(slot, key, hash, value);
  return true;
}

int& NameMap::operator[](std::string_view key) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const uint64_t hash = text::fold_hash(key);
  const uint32_t slot = probe(key, hash);
  if (slots_[slot] != 0) return entries_[slots_[slot] - 1].second;
  return insert_at(slot, key, hash, 0).second;
}

void NameMap::clear() {
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

}  // namespace newsflow::processors::quotes
