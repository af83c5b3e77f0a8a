#pragma once
// The store behind DedupIndex: stories in arrival order (a chunked FIFO,
// evicted from the front), their ids back to back in an arena, and a sharded
// table of 4-byte slots from keys (id, canonical URL, band keys) to the
// stories holding them. index.cpp holds the operations on it (check and
// insert, changes from other instances, the changelog's drains); only it
// includes this header.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/hashing.hpp"
#include "dedup/key_table.hpp"
#include "dedup/storage.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::processors {

namespace dedup_detail {
// Evictions done per insert beyond the one max_entries forces: enough to
// keep up with any steady stream, small enough that a jump of the newest
// article time never stalls a record.
constexpr int kEvictionsPerInsert = 8;
// Fewer matching 8-bit MinHashes than this is noise (1/256 collide by chance),
// whatever the sizes of the two texts suggest.
constexpr int kMinSketchMatches = 6;
constexpr std::string_view kKeyPrefix = "dedup:";
// A story's copy count lives under its own key, so the story's value is
// written once, from the article's fingerprint (docs/dedup.md, "State").
constexpr std::string_view kCopiesPrefix = "dedup-copies:";
// A band key shared by this many stories says nothing about the text (a
// site's fixed opening paragraph, a disclaimer the chrome rules miss); new
// stories do not join it and lookups stop there, so such a key can neither
// grow a probe sequence nor make a lookup's cost grow with the index.
constexpr uint32_t kMaxStoriesPerKey = 16;
// Ids are addressed by 32-bit stream positions.
constexpr uint64_t kMaxIdBytes = uint64_t{1} << 31;
constexpr uint32_t kMaxCopies = (uint32_t{1} << 27) - 1;
// Stories held before the key tables are allocated for max_entries
// (Impl::grow_if_full): 560 kB of slots.
constexpr size_t kFirstTableStories = 16384;

constexpr uint64_t kIdSalt = 0x1d5a17ULL, kUrlSalt = 0x0421ULL, kBandSalt = 0xba4dULL;

inline uint64_t id_key(std::string_view id) { return XXH3_64bits(id.data(), id.size()) ^ kIdSalt; }
inline uint64_t url_key(uint64_t url_hash) { return mix64(url_hash ^ kUrlSalt); }
inline uint64_t band_key(size_t band, uint32_t value) {
  return mix64((static_cast<uint64_t>(value) << 8 | band) ^ (kBandSalt << 40));
}

inline int32_t to_minute(int64_t time_ms) {
  return static_cast<int32_t>(
      std::clamp<int64_t>(time_ms / 60000, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
}

// Containment of the shorter text in the longer, from the Jaccard similarity
// J estimated by b-bit MinHash: |A∩B| = J(|A|+|B|)/(1+J).
using Sketch = std::array<uint8_t, kDedupSketchSize>;
inline double containment(const Sketch& a, double na, const Sketch& b, double nb) {
  int same = 0;
  for (size_t k = 0; k < kDedupSketchSize; ++k) same += a[k] == b[k];
  if (same < kMinSketchMatches) return 0.0;
  constexpr double chance = 1.0 / 256;
  const double jaccard = std::max(0.0, (static_cast<double>(same) / kDedupSketchSize - chance) / (1 - chance));
  return std::min(1.0, jaccard * (na + nb) / ((1 + jaccard) * std::min(na, nb)));
}


}  // namespace dedup_detail

using dedup_detail::KeyTable;
using dedup_detail::kEvictionsPerInsert;
using dedup_detail::kKeyPrefix;
using dedup_detail::kCopiesPrefix;
using dedup_detail::kMaxStoriesPerKey;
using dedup_detail::kMaxIdBytes;
using dedup_detail::kMaxCopies;
using dedup_detail::kFirstTableStories;
using dedup_detail::id_key;
using dedup_detail::url_key;
using dedup_detail::band_key;
using dedup_detail::to_minute;
using dedup_detail::containment;
using dedup_detail::Sketch;

// 60 bytes. The band keys and the URL hash stay in the key tables only
// (the tables never need them back, and the changelog value is written from
// the article's fingerprint when the story is stored); 32 bits of the URL
// hash stay to confirm a URL match, the content hash keeps 32 bits because it
// only confirms a candidate that already shares a band key, time is kept to
// the minute and the id lives in the arena.
struct DedupIndex::Entry {
  Sketch sketch{};
  uint32_t url_lo = 0;        // low 32 bits of DedupFingerprint::url_hash
  uint32_t content_hash = 0;  // low 32 bits of DedupFingerprint::content_hash
  uint32_t origin = 0;
  int32_t minute = 0;
  uint32_t id_pos = 0;
  uint32_t copies : 27 = 1;  // saturates at kMaxCopies
  uint32_t dead : 1 = 0;     // removed (tombstone, rollback, lost race); popped when it reaches the front
  uint32_t dirty : 1 = 0;    // copy count changed since the last drain
  uint32_t emitted : 1 = 0;  // its value is in the changelog, so eviction owes it a tombstone
  uint32_t counted : 1 = 0;  // its copy count may be in the changelog (dedup-copies:<id>), likewise
  uint32_t : 1;
  uint16_t shingles = 0;
  uint16_t id_len = 0;

  int64_t time_ms() const { return int64_t{minute} * 60000; }
  void set(const DedupFingerprint& f) {
    url_lo = static_cast<uint32_t>(f.url_hash);
    sketch = f.sketch;
    content_hash = static_cast<uint32_t>(f.content_hash);
    origin = f.origin;
    minute = to_minute(f.time_ms);
    shingles = static_cast<uint16_t>(std::min<uint32_t>(f.shingles, std::numeric_limits<uint16_t>::max()));
  }
  void raise_copies(uint64_t to) {
    if (to > copies) copies = static_cast<uint32_t>(std::min<uint64_t>(to, kMaxCopies));
  }
};
struct DedupIndex::Impl {
  static_assert(sizeof(Entry) == 60, "a stored story is 60 bytes; see docs/dedup.md");
  Impl(unsigned bits, size_t max_stories)
      : ref_bits(bits), max_entries(max_stories), ref_mask((uint64_t{1} << bits) - 1),
        grown(max_entries <= kFirstTableStories) {
    for (KeyTable& t : tables) t = KeyTable(ref_bits, grown ? max_entries : kFirstTableStories);
  }

  struct Found {
    Entry* e = nullptr;
    uint64_t seq = 0;
  };

  mutable std::mutex mutex;
  dedup_detail::ChunkedFifo<Entry> entries;  // arrival order; front is oldest
  dedup_detail::IdArena ids;                 // entries' ids, same order
  uint64_t front_seq = 0;                    // seq of entries.front()
  uint64_t next_seq = 0;
  size_t dead = 0;
  int64_t newest_time_ms = std::numeric_limits<int64_t>::min();
  // Refs are the low bits of seqs; the FIFO never holds more stories than
  // the mask allows, so live refs are unique.
  unsigned ref_bits;
  size_t max_entries;
  uint64_t ref_mask;
  std::array<KeyTable, 2 + kDedupBands> tables;        // where new stories' keys go
  std::array<KeyTable, 2 + kDedupBands> first_tables;  // the small first ones, while they hold stories
  uint64_t first_tables_until = 0;                     // seq of the first story not in them
  bool grown;
  DedupChanges shared;           // changes made outside a caller's own buffer (restore, apply, old API)
  DedupChanges* sink = &shared;  // where the call holding the mutex records its changes
  dedup_detail::EarlyCounts early;  // copy counts that arrived before their story

  uint32_t ref_of(uint64_t seq) const { return static_cast<uint32_t>(seq & ref_mask); }
  bool gone(uint32_t ref) const { return ((ref - front_seq) & ref_mask) >= entries.size(); }

  Found at(uint32_t ref) {
    const uint64_t offset = (ref - front_seq) & ref_mask;
    if (offset >= entries.size()) return {};
    Entry& e = entries[offset];
    return e.dead ? Found{} : Found{&e, front_seq + offset};
  }
  Entry* at_seq(uint64_t seq) {
    if (seq < front_seq || seq - front_seq >= entries.size()) return nullptr;  // evicted since
    Entry& e = entries[seq - front_seq];
    return e.dead ? nullptr : &e;
  }

  std::string_view id_of(const Entry& e) const { return ids.view(e.id_pos, e.id_len); }

  // Visits the live stories under a key's bucket and tag; visit(Found) says
  // whether the story really holds the key, as far as the caller can tell.
  template <typename Visit>
  uint32_t find(size_t table, uint64_t key, Visit&& visit) {
    auto confirm = [&](uint32_t ref) {
      const Found f = at(ref);
      return f.e && visit(f);
    };
    const uint32_t found = tables[table].find(key, kMaxStoriesPerKey, confirm);
    if (!first_tables[table].allocated() || found >= kMaxStoriesPerKey) return found;
    return found + first_tables[table].find(key, kMaxStoriesPerKey - found, confirm);
  }

  static constexpr size_t kIdTable = 0, kUrlTable = 1, kBandTables = 2;

  void add_keys(std::string_view id, const DedupFingerprint& fp, uint8_t crowded, uint64_t seq) {
    auto gone_ref = [this](uint32_t ref) { return gone(ref); };
    const uint32_t ref = ref_of(seq);
    if (!id.empty()) tables[kIdTable].add(id_key(id), ref, gone_ref);
    if (fp.url_hash) tables[kUrlTable].add(url_key(fp.url_hash), ref, gone_ref);
    if (fp.content_hash)
      for (size_t k = 0; k < kDedupBands; ++k)
        if (!(crowded & (1u << k))) tables[kBandTables + k].add(band_key(k, fp.bands[k]), ref, gone_ref);
  }

  void prefetch(std::string_view id, const DedupFingerprint& fp) const {
    auto both = [&](size_t t, uint64_t key) {
      tables[t].prefetch(key);
      first_tables[t].prefetch(key);
    };
    if (!id.empty()) both(kIdTable, id_key(id));
    if (fp.url_hash) both(kUrlTable, url_key(fp.url_hash));
    if (fp.content_hash)
      for (size_t k = 0; k < kDedupBands; ++k) both(kBandTables + k, band_key(k, fp.bands[k]));
  }

  // The first kFirstTableStories stories go to small tables, so that an
  // index that never holds more (tests, file mode, a quiet feed) touches
  // little memory; the story after them starts the tables sized for
  // max_entries, and the small ones are freed once their stories are gone.
  void grow_if_full(uint64_t seq) {
    if (grown || entries.size() <= kFirstTableStories) return;
    grown = true;
    first_tables = std::move(tables);
    for (KeyTable& t : tables) t = KeyTable(ref_bits, max_entries);
    first_tables_until = seq;
  }

  // Bands whose key already holds kMaxStoriesPerKey stories.
  uint8_t crowded_bands(const DedupFingerprint& fp) {
    uint8_t crowded = 0;
    if (fp.content_hash)
      for (size_t k = 0; k < kDedupBands; ++k)
        if (find(kBandTables + k, band_key(k, fp.bands[k]), [](Found) { return true; }) >= kMaxStoriesPerKey)
          crowded |= 1u << k;
    return crowded;
  }

  size_t live() const { return entries.size() - dead; }

  // Without drains (file mode without --state) the lists must not grow past
  // the stories they can refer to.
  void prune(DedupChanges& c) {
    if (c.dirty.size() > 2 * entries.size() + 64)
      std::erase_if(c.dirty, [&](uint64_t seq) { return seq < front_seq; });
    if (c.stored.size() > 2 * entries.size() + 64)
      std::erase_if(c.stored, [&](const DedupChanges::Stored& s) { return s.seq < front_seq; });
  }

  void mark_dirty(Found f) {
    if (f.e->dirty) return;
    f.e->dirty = true;
    sink->dirty.push_back(f.seq);
    prune(*sink);
  }

  // Its slots go stale.
  void kill(Found f) {
    f.e->dead = true;
    f.e->dirty = false;
    ++dead;
  }

  void owe_tombstones(std::vector<std::string>& to, std::string_view id, bool value, bool count) {
    if (value) to.push_back(std::string(kKeyPrefix).append(id));
    if (count) to.push_back(std::string(kCopiesPrefix).append(id));
  }

  void pop_front() {
    Entry& e = entries.front();
    if (e.dead) {
      --dead;
    } else {
      owe_tombstones(sink->tombstones, id_of(e), e.emitted, e.counted);
    }
    ids.pop_front(e.id_pos, e.id_len);
    entries.pop_front();
    ++front_seq;
    if (first_tables_until && front_seq >= first_tables_until) {
      for (KeyTable& t : first_tables) t = KeyTable();
      first_tables_until = 0;
    }
  }

  void evict(const DedupOptions& options, size_t room_for) {
    while (!entries.empty() && (live() + room_for > options.max_entries || entries.front().dead ||
                                entries.size() + room_for > ref_mask || ids.held() > kMaxIdBytes))
      pop_front();
    constexpr int64_t kNever = std::numeric_limits<int64_t>::min();
    const int64_t window = options.window.count();
    const int64_t horizon = newest_time_ms < kNever + window ? kNever : newest_time_ms - window;
    for (int i = 0; i < kEvictionsPerInsert && !entries.empty(); ++i) {
      if (!entries.front().dead && entries.front().time_ms() >= horizon) break;
      pop_front();
    }
  }

  Found insert(std::string_view id, const DedupFingerprint& fp, uint64_t copies, uint8_t crowded,
               const DedupOptions& options) {
    evict(options, 1);
    Entry& e = entries.emplace_back();
    const uint64_t seq = next_seq++;
    e.set(fp);
    e.copies = 1;
    e.raise_copies(copies);
    e.id_pos = ids.push(id, e.id_len);
    newest_time_ms = std::max(newest_time_ms, fp.time_ms);
    grow_if_full(seq);
    add_keys(id, fp, crowded, seq);
    return {&e, seq};
  }

  Found find_id(std::string_view id) {
    Found found;
    if (id.empty()) return found;
    find(kIdTable, id_key(id), [&](Found f) {
      if (id_of(*f.e) != id) return false;
      if (!found.e) found = f;
      return true;
    });
    return found;
  }

  // The stored story a fingerprint belongs to by canonical URL, content hash
  // or near-duplicate text within the window (not by id); sets match and the
  // bands too crowded to index.
  Found match(const DedupFingerprint& fp, const DedupOptions& options, DedupMatch& match, uint8_t& crowded) {
    const int64_t window = options.window.count();
    auto in_window = [&](const Entry& e) { return std::llabs(e.time_ms() - fp.time_ms) <= window; };
    Found best;
    if (fp.url_hash)
      find(kUrlTable, url_key(fp.url_hash), [&](Found f) {
        if (f.e->url_lo != static_cast<uint32_t>(fp.url_hash)) return false;
        if (!best.e && in_window(*f.e)) {
          best = f;
          match.kind = DedupMatch::Kind::canonical_url;
          match.similarity = 1.0;
        }
        return true;
      });
    if (best.e || !fp.content_hash) return best;
    for (size_t k = 0; k < kDedupBands && match.kind != DedupMatch::Kind::content_hash; ++k) {
      // A story under the band key's bucket and tag is a candidate; one that
      // does not hold the key (a few lookups in a hundred meet one) is ruled
      // out by the sketch like any unrelated story sharing a band.
      const uint32_t stories = find(kBandTables + k, band_key(k, fp.bands[k]), [&](Found f) {
        const Entry& e = *f.e;
        if (!in_window(e) || match.kind == DedupMatch::Kind::content_hash) return true;
        if (e.content_hash == static_cast<uint32_t>(fp.content_hash)) {
          best = f;
          match.kind = DedupMatch::Kind::content_hash;
          match.similarity = 1.0;
          return true;
        }
        if (!fp.shingles || !e.shingles) return true;
        const double similarity = containment(fp.sketch, fp.shingles, e.sketch, e.shingles);
        if (similarity >= options.near_threshold && similarity > match.similarity) {
          best = f;
          match.kind = DedupMatch::Kind::near_duplicate;
          match.similarity = similarity;
        }
        return true;
      });
      if (stories >= kMaxStoriesPerKey) crowded |= 1u << k;
    }
    return best;
  }
};

}  // namespace newsflow::processors
