#pragma once
// Storage for the dedup index that costs no header or allocation per story:
// stories and their ids both arrive at the back and leave from the front
// (eviction is oldest first), so both live in chunked FIFOs.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsflow::processors::dedup_detail {

// A deque of T in fixed chunks of N; std::deque's 512-byte nodes would hold
// only five 88-byte stories each and waste 14 % of them.
template <typename T, size_t N = 1024>
class ChunkedFifo {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) {
    i += head_;
    return chunks_[i / N][i % N];
  }
  T& front() { return (*this)[0]; }
  T& emplace_back() {
    const size_t slot = head_ + size_;
    if (slot / N == chunks_.size()) chunks_.push_back(std::make_unique<T[]>(N));
    T& t = chunks_[slot / N][slot % N];
    t = T{};
    ++size_;
    return t;
  }
  void pop_front() {
    --size_;
    if (++head_ == N) {
      chunks_.pop_front();
      head_ = 0;
    }
  }
  size_t bytes() const { return chunks_.size() * N * sizeof(T); }

 private:
  std::deque<std::unique_ptr<T[]>> chunks_;
  size_t head_ = 0;  // index of front() in chunks_.front()
  size_t size_ = 0;
};

// Ids back to back in arrival order. A story keeps the 32-bit position of
// its id (positions are offsets in a virtual byte stream, modulo 2^32, valid
// while less than 4 GiB of ids are held) and its length; ids of 65535 bytes
// or more keep their length in the arena instead.
class IdArena {
 public:
  static constexpr uint16_t kLongId = 0xFFFF;
  static constexpr size_t kChunkBytes = 64 * 1024;

  // Appends id; returns its position and sets len to what the story keeps.
  uint32_t push(std::string_view id, uint16_t& len) {
    const bool is_long = id.size() >= kLongId;
    const size_t need = id.size() + (is_long ? sizeof(uint64_t) : 0);
    if (chunks_.empty() || chunks_.back().used + need > chunks_.back().capacity) {
      Chunk c;
      c.start = end_;
      c.capacity = std::max(kChunkBytes, need);
      c.bytes = std::make_unique_for_overwrite<char[]>(c.capacity);
      chunks_.push_back(std::move(c));
    }
    Chunk& c = chunks_.back();
    char* at = c.bytes.get() + c.used;
    if (is_long) {
      const uint64_t size = id.size();
      std::memcpy(at, &size, sizeof(size));
      at += sizeof(size);
    }
    std::memcpy(at, id.data(), id.size());
    const uint32_t pos = static_cast<uint32_t>(end_);
    c.used += need;
    end_ += need;
    len = is_long ? kLongId : static_cast<uint16_t>(id.size());
    return pos;
  }

  std::string_view view(uint32_t pos, uint16_t len) const {
    const char* at = locate(pos);
    if (len != kLongId) return {at, len};
    uint64_t size = 0;
    std::memcpy(&size, at, sizeof(size));
    return {at + sizeof(size), static_cast<size_t>(size)};
  }

  // Drops the oldest id, which must be the one at pos.
  void pop_front(uint32_t pos, uint16_t len) {
    front_ += len == kLongId ? view(pos, len).size() + sizeof(uint64_t) : len;
    while (!chunks_.empty() && front_ >= chunks_.front().start + chunks_.front().used &&
           (chunks_.size() > 1 || front_ == end_)) {
      if (chunks_.size() == 1) {  // keep the last chunk for the next ids
        chunks_.front().start = end_;
        chunks_.front().used = 0;
        break;
      }
      chunks_.pop_front();
    }
  }

  uint64_t held() const { return end_ - front_; }
  size_t bytes() const {
    size_t total = 0;
    for (const Chunk& c : chunks_) total += c.capacity;
    return total;
  }

 private:
  struct Chunk {
    uint64_t start = 0;  // stream offset of bytes[0]
    size_t used = 0;
    size_t capacity = 0;
    std::unique_ptr<char[]> bytes;
  };

  const char* locate(uint32_t pos) const {
    const uint64_t at = front_ + static_cast<uint32_t>(pos - static_cast<uint32_t>(front_));
    auto it = std::upper_bound(chunks_.begin(), chunks_.end(), at,
                               [](uint64_t v, const Chunk& c) { return v < c.start; });
    const Chunk& c = *(it - 1);
    return c.bytes.get() + (at - c.start);
  }

  std::deque<Chunk> chunks_;
  uint64_t front_ = 0;  // stream offset of the oldest id
  uint64_t end_ = 0;
};

// Copy counts (dedup-copies:<id>) that arrived before their story's value:
// the two keys land on different partitions of the changelog, read in any
// order. Taken when the story comes; at most `limit` are held (the oldest
// go first), since a count whose story never comes (a race loser's, one
// compacted away) is held for nothing.
class EarlyCounts {
 public:
  size_t limit = 0;

  void hold(std::string_view id, uint64_t copies) {
    auto [it, fresh] = counts_.try_emplace(std::string(id), copies);
    if (!fresh) {
      it->second = std::max(it->second, copies);
      return;
    }
    order_.push_back(it->first);
    while (counts_.size() > limit) {
      counts_.erase(order_.front());
      order_.pop_front();
    }
    // Ids taken or erased stay in order_ until here.
    if (order_.size() > 2 * counts_.size() + 64)
      std::erase_if(order_, [&](const std::string& k) { return !counts_.contains(k); });
  }
  // The count held for id (0: none), no longer held.
  uint64_t take(std::string_view id) {
    if (counts_.empty()) return 0;
    const auto it = counts_.find(id);
    if (it == counts_.end()) return 0;
    const uint64_t copies = it->second;
    counts_.erase(it);
    return copies;
  }
  void erase(std::string_view id) { take(id); }
  size_t bytes() const { return (counts_.size() + order_.size()) * 64; }  // about: two strings and a node

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> counts_;
  std::deque<std::string> order_;
};

}  // namespace newsflow::processors::dedup_detail
