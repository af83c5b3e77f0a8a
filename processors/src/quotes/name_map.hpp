#pragma once
// A name -> index table for one article (People's full names, surnames, first
// names, organisation heads). Open addressing over text::fold_hash, with the
// keys' bytes in one arena; clear() keeps every buffer, so once the tables
// have grown to the largest article met, an article costs no allocation
// (std::unordered_map<std::string, int> cost a node, and past 15 bytes a key,
// per name: most of the quotes processor's allocations).
//
// Keys compare with ASCII letters folded. Every key the quotes passes use was
// already lower-cased (lower_of, Document::lower), so this finds exactly what
// the exact-byte maps found, and callers may pass a name as written.
//
// The interface is the subset of std::unordered_map the passes use: find,
// end, emplace (keeps an existing entry), operator[] (inserts 0), clear. An
// iterator is a pointer to the entry, whose value is `second` as in the
// map's value_type, so the call sites read as they did. A pointer is valid
// until the next insertion.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow::processors::quotes {

class NameMap {
 public:
  struct Entry {
    uint64_t hash;
    uint32_t offset;  // of the folded key in the arena
    uint32_t size;
    uint32_t slot;  // where the entry sits, so clear() empties only used slots
    int second;
  };
  using const_iterator = const Entry*;

  const Entry* find(std::string_view key) const;
  const Entry* end() const { return nullptr; }
  // Inserts key -> value unless key is present; true if it inserted.
  bool emplace(std::string_view key, int value);
  int& operator[](std::string_view key);
  void clear();
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::string_view key(const Entry& e) const { return std::string_view(bytes_).substr(e.offset, e.size); }

 private:
  // The slot holding key, or the empty slot where it would go.
  uint32_t probe(std::string_view key, uint64_t hash) const;
  bool same(const Entry& e, std::string_view key, uint64_t hash) const;
  Entry& insert_at(uint32_t slot, std::string_view key, uint64_t hash, int value);
  void grow();

  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1, 0 = empty; a power of two, at most half full
  std::string bytes_;
};

}  // namespace newsflow::processors::quotes
