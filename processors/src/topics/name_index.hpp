#pragma once
// A string -> size_t map the name finder empties for every article. The keys'
// bytes live in one reused buffer and the slots in one reused array, so once
// they have grown an article allocates nothing: std::unordered_map allocated
// a node (and often a string) per name and freed them all per article.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tokenizer.hpp"

namespace newsflow::processors::topics {

class NameIndex {
 public:
  // Empties the map, keeping its buffers; only the slots in use are zeroed,
  // so an article with a few names does not pay for an earlier one's many.
  void clear() {
    for (const Item& item : items_) slots_[item.slot] = 0;
    items_.clear();
    bytes_.clear();
  }
  bool empty() const { return items_.empty(); }

  // The value of key, and whether it was absent (then value is stored).
  std::pair<size_t*, bool> try_emplace(std::string_view key, size_t value) {
    if (2 * (items_.size() + 1) > slots_.size()) grow();
    const uint64_t hash = text::fold_hash(key);
    size_t at = probe(key, hash);
    if (slots_[at] != 0) return {&items_[slots_[at] - 1].value, false};
    items_.push_back({hash, static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(key.size()),
                      static_cast<uint32_t>(at), value});
    bytes_.append(key);
    slots_[at] = static_cast<uint32_t>(items_.size());
    return {&items_.back().value, true};
  }
  // The value stored for key, or nullptr.
  size_t* find(std::string_view key) {
    if (items_.empty()) return nullptr;
    const uint32_t slot = slots_[probe(key, text::fold_hash(key))];
    return slot == 0 ? nullptr : &items_[slot - 1].value;
  }
  bool contains(std::string_view key) { return find(key) != nullptr; }

  // f(key, value&) for every entry, in the order they were added.
  template <class F>
  void for_each(F f) {
    for (Item& item : items_) f(std::string_view(bytes_).substr(item.offset, item.length), item.value);
  }

 private:
  struct Item {
    uint64_t hash;
    uint32_t offset, length;  // into bytes_
    uint32_t slot;            // where in slots_ it is
    size_t value;
  };
  // Linear probing: the slot holding key, or the empty slot it would go to.
  size_t probe(std::string_view key, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
      const uint32_t slot = slots_[at];
      if (slot == 0) return at;
      const Item& item = items_[slot - 1];
      if (item.hash == hash && std::string_view(bytes_).substr(item.offset, item.length) == key) return at;
    }
  }
  void grow() {
    slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), 0);
    const size_t mask = slots_.size() - 1;
    for (size_t i = 0; i < items_.size(); ++i) {
      size_t at = items_[i].hash & mask;
      while (slots_[at] != 0) at = (at + 1) & mask;
      slots_[at] = static_cast<uint32_t>(i + 1);
      items_[i].slot = static_cast<uint32_t>(at);
    }
  }

  std::string bytes_;
  std::vector<Item> items_;
  std::vector<uint32_t> slots_;  // 0: empty, else an index into items_ + 1; a power of two, under half full
};

}  // namespace newsflow::processors::topics
