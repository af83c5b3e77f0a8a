// DedupIndex: stories in arrival order (a deque, evicted from the front) and
// a sharded open-addressing table from keys (id, canonical URL, band keys) to
// the stories holding them.
#include <xxhash.h>

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "newsflow/processors/dedup.hpp"
#include "dedup/hashing.hpp"

namespace newsflow::processors {

using dedup_detail::mix64;

namespace {

constexpr size_t kShardBits = 8;
constexpr size_t kShards = size_t{1} << kShardBits;
constexpr uint32_t kEmpty = 0, kTombstone = 1, kFirstRef = 2;
// Story refs are sequence numbers modulo this, offset past the two markers.
constexpr uint64_t kRefModulus = (uint64_t{1} << 32) - kFirstRef;
// Evictions done per insert beyond the one max_entries forces: enough to
// keep up with any steady stream, small enough that a jump of the newest
// article time never stalls a record.
constexpr int kEvictionsPerInsert = 8;
// Fewer matching 8-bit MinHashes than this is noise (1/256 collide by chance),
// whatever the sizes of the two texts suggest.
constexpr int kMinSketchMatches = 6;
constexpr std::string_view kKeyPrefix = "dedup:";
// A band key shared by this many stories says nothing about the text (a
// site's fixed opening paragraph, a disclaimer the chrome rules miss); new
// stories do not join it and lookups stop there, so such a key can neither
// grow a probe sequence nor make a lookup's cost grow with the index.
constexpr uint32_t kMaxStoriesPerKey = 16;

constexpr uint64_t kIdSalt = 0x1d5a17ULL, kUrlSalt = 0x0421ULL, kBandSalt = 0xba4dULL;

uint64_t id_key(std::string_view id) { return XXH3_64bits(id.data(), id.size()) ^ kIdSalt; }
uint64_t url_key(uint64_t url_hash) { return mix64(url_hash ^ kUrlSalt); }
uint64_t band_key(size_t band, uint32_t value) {
  return mix64((static_cast<uint64_t>(value) << 8 | band) ^ (kBandSalt << 40));
}

// Containment of the shorter text in the longer, from the Jaccard similarity
// J estimated by b-bit MinHash: |A∩B| = J(|A|+|B|)/(1+J).
using Sketch = std::array<uint8_t, kDedupSketchSize>;
double containment(const Sketch& a, double na, const Sketch& b, double nb) {
  int same = 0;
  for (size_t k = 0; k < kDedupSketchSize; ++k) same += a[k] == b[k];
  if (same < kMinSketchMatches) return 0.0;
  constexpr double chance = 1.0 / 256;
  const double jaccard = std::max(0.0, (static_cast<double>(same) / kDedupSketchSize - chance) / (1 - chance));
  return std::min(1.0, jaccard * (na + nb) / ((1 + jaccard) * std::min(na, nb)));
}

void append_hex(std::string& out, uint64_t v, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(hex[(v >> shift) & 0xF]);
}

bool parse_hex(std::string_view& in, uint64_t& v, size_t digits) {
  if (in.size() < digits) return false;
  v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = in[i];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    v = v << 4 | static_cast<uint64_t>(d);
  }
  in.remove_prefix(digits);
  return true;
}

}  // namespace

std::string_view to_string(DedupMatch::Kind kind) {
  switch (kind) {
    case DedupMatch::Kind::none: return "";
    case DedupMatch::Kind::id: return "id";
    case DedupMatch::Kind::canonical_url: return "canonical_url";
    case DedupMatch::Kind::content_hash: return "content_hash";
    case DedupMatch::Kind::near_duplicate: return "near_duplicate";
  }
  return "";
}

// Laid out for size (128 bytes with the id's 32-byte header): the content
// hash keeps 32 bits because it only confirms a candidate that already shares
// a band key, and time is kept to the minute.
struct DedupIndex::Entry {
  struct Print {
    uint64_t url_hash = 0;
    std::array<uint32_t, kDedupBands> bands{};
    Sketch sketch{};
    uint32_t content_hash = 0;  // low 32 bits of DedupFingerprint::content_hash (never 0 when it is not)
    uint32_t origin = 0;
    int32_t minute = 0;
    uint16_t shingles = 0;
    int64_t time_ms() const { return int64_t{minute} * 60000; }
  };
  std::string id;
  Print fp;
  uint32_t ref = 0;
  uint32_t copies = 1;
  uint8_t crowded_bands = 0;  // bit k: band key k was not indexed (kMaxStoriesPerKey)
  bool dead = false;          // removed by a changelog tombstone; popped when it reaches the front
  bool dirty = false;         // changed since the last drain
  bool emitted = false;       // in the changelog, so eviction owes it a tombstone

  void set(const DedupFingerprint& f) {
    fp.url_hash = f.url_hash;
    fp.bands = f.bands;
    fp.sketch = f.sketch;
    fp.content_hash = static_cast<uint32_t>(f.content_hash);
    fp.origin = f.origin;
    fp.minute = static_cast<int32_t>(std::clamp<int64_t>(f.time_ms / 60000, std::numeric_limits<int32_t>::min(),
                                                         std::numeric_limits<int32_t>::max()));
    fp.shingles = static_cast<uint16_t>(std::min<uint32_t>(f.shingles, std::numeric_limits<uint16_t>::max()));
  }
  DedupFingerprint fingerprint() const {
    DedupFingerprint f;
    f.url_hash = fp.url_hash;
    f.bands = fp.bands;
    f.sketch = fp.sketch;
    f.content_hash = fp.content_hash;
    f.origin = fp.origin;
    f.time_ms = fp.time_ms();
    f.shingles = fp.shingles;
    return f;
  }
  void add_copy() {
    if (copies < std::numeric_limits<uint32_t>::max()) ++copies;
  }
};

// Linear probing; a slot holds the low 32 bits of the key hash (home
// position and a pre-filter) and a story ref. Every hit is confirmed against
// the story itself, so tag collisions cost a comparison, never a wrong match.
// The home position is the tag scaled to the capacity (not masked), so the
// capacity need not be a power of two and the load stays between 0.6 and 0.8.
struct DedupIndex::Shard {
  struct Slot {
    uint32_t tag = 0;
    uint32_t ref = kEmpty;
  };
  std::vector<Slot> slots;
  size_t used = 0;  // live + tombstones
  size_t live = 0;

  size_t home(uint32_t tag) const { return static_cast<size_t>((static_cast<uint64_t>(tag) * slots.size()) >> 32); }
  size_t next(size_t i) const { return i + 1 == slots.size() ? 0 : i + 1; }

  void insert(uint32_t tag, uint32_t ref) {
    if ((used + 1) * 5 > slots.size() * 4) rebuild();
    for (size_t i = home(tag);; i = next(i)) {
      Slot& s = slots[i];
      if (s.ref == kEmpty || s.ref == kTombstone) {
        if (s.ref == kEmpty) ++used;
        s = {tag, ref};
        ++live;
        return;
      }
    }
  }

  void erase(uint32_t tag, uint32_t ref) {
    if (slots.empty()) return;
    for (size_t i = home(tag);; i = next(i)) {
      Slot& s = slots[i];
      if (s.ref == kEmpty) return;
      if (s.ref == ref && s.tag == tag) {
        s.ref = kTombstone;
        --live;
        return;
      }
    }
  }

  // Visits the refs stored under tag, at most kMaxStoriesPerKey; returns how many.
  template <typename Visit>
  uint32_t find(uint32_t tag, Visit&& visit) const {
    uint32_t visited = 0;
    if (slots.empty()) return visited;
    for (size_t i = home(tag); visited < kMaxStoriesPerKey; i = next(i)) {
      const Slot& s = slots[i];
      if (s.ref == kEmpty) break;
      if (s.tag == tag && s.ref != kTombstone) {
        ++visited;
        visit(s.ref);
      }
    }
    return visited;
  }

  // Drops tombstones and resizes to a load of 0.6. A shard holds 1/256 of the
  // keys, which bounds the pause.
  void rebuild() {
    const size_t capacity = std::max<size_t>(16, (live + 1) * 5 / 3);
    std::vector<Slot> old = std::move(slots);
    slots.assign(capacity, Slot{});
    used = live = 0;
    for (const Slot& s : old)
      if (s.ref != kEmpty && s.ref != kTombstone) {
        for (size_t i = home(s.tag);; i = next(i))
          if (slots[i].ref == kEmpty) {
            slots[i] = s;
            break;
          }
        ++used;
        ++live;
      }
  }
};

struct DedupIndex::Impl {
  static_assert(sizeof(Entry) <= 128, "a stored story should stay within two cache lines");
  mutable std::mutex mutex;
  std::deque<Entry> entries;  // arrival order; front is oldest
  uint64_t front_seq = 0;     // seq of entries.front()
  uint64_t next_seq = 0;
  size_t dead = 0;
  int64_t newest_time_ms = std::numeric_limits<int64_t>::min();
  std::array<Shard, kShards> shards;
  DedupChanges shared;             // changes made outside a caller's own buffer (restore, old API)
  DedupChanges* sink = &shared;    // where the call holding the mutex records its changes
  size_t id_bytes = 0;  // heap bytes of ids too long for std::string's inline buffer (15 in libstdc++)

  static uint32_t ref_of(uint64_t seq) { return static_cast<uint32_t>(seq % kRefModulus) + kFirstRef; }

  // Position of a ref in entries (>= entries.size() when not there).
  uint64_t offset(uint32_t ref) const {
    return (ref - kFirstRef + kRefModulus - front_seq % kRefModulus) % kRefModulus;
  }

  Entry* entry(uint32_t ref) {
    if (entries.empty()) return nullptr;
    const uint64_t offset = this->offset(ref);
    if (offset >= entries.size()) return nullptr;
    Entry& e = entries[offset];
    return e.dead ? nullptr : &e;
  }

  Shard& shard(uint64_t key) { return shards[key >> (64 - kShardBits)]; }

  template <typename Visit>
  uint32_t find(uint64_t key, Visit&& visit) {
    return shard(key).find(static_cast<uint32_t>(key), [&](uint32_t ref) {
      if (Entry* e = entry(ref)) visit(*e);
    });
  }

  // Bands whose key already holds kMaxStoriesPerKey stories.
  uint8_t crowded_bands(const DedupFingerprint& fp) {
    uint8_t crowded = 0;
    if (fp.content_hash)
      for (size_t k = 0; k < kDedupBands; ++k)
        if (find(band_key(k, fp.bands[k]), [](Entry&) {}) >= kMaxStoriesPerKey) crowded |= 1u << k;
    return crowded;
  }

  template <typename Each>
  void for_each_key(const Entry& e, Each&& each) {
    if (!e.id.empty()) each(id_key(e.id));
    if (e.fp.url_hash) each(url_key(e.fp.url_hash));
    if (e.fp.content_hash)
      for (size_t k = 0; k < kDedupBands; ++k)
        if (!(e.crowded_bands & (1u << k))) each(band_key(k, e.fp.bands[k]));
  }

  void add_keys(const Entry& e) {
    for_each_key(e, [&](uint64_t key) { shard(key).insert(static_cast<uint32_t>(key), e.ref); });
  }
  void remove_keys(const Entry& e) {
    for_each_key(e, [&](uint64_t key) { shard(key).erase(static_cast<uint32_t>(key), e.ref); });
  }

  size_t live() const { return entries.size() - dead; }

  void mark_dirty(Entry& e) {
    if (e.dirty) return;
    e.dirty = true;
    sink->dirty.push_back(front_seq + offset(e.ref));
    // Without drains (file mode without --state) the list must not grow
    // past the stories it can refer to.
    if (sink->dirty.size() > 2 * entries.size() + 64) {
      std::erase_if(sink->dirty, [&](uint64_t seq) { return seq < front_seq; });
    }
  }

  void pop_front() {
    Entry& e = entries.front();
    if (e.dead) {
      --dead;
    } else {
      remove_keys(e);
      if (e.emitted) sink->tombstones.push_back(std::string(kKeyPrefix) + e.id);
    }
    id_bytes -= e.id.capacity() > 15 ? e.id.capacity() + 1 : 0;
    entries.pop_front();
    ++front_seq;
  }

  void evict(const DedupOptions& options, size_t room_for) {
    while (!entries.empty() && (live() + room_for > options.max_entries || entries.front().dead)) pop_front();
    constexpr int64_t kNever = std::numeric_limits<int64_t>::min();
    const int64_t window = options.window.count();
    const int64_t horizon = newest_time_ms < kNever + window ? kNever : newest_time_ms - window;
    for (int i = 0; i < kEvictionsPerInsert && !entries.empty(); ++i) {
      if (!entries.front().dead && entries.front().fp.time_ms() >= horizon) break;
      pop_front();
    }
  }

  Entry& insert(std::string_view id, const DedupFingerprint& fp, uint64_t copies, uint8_t crowded,
               const DedupOptions& options) {
    evict(options, 1);
    if (entries.empty()) front_seq = next_seq;
    Entry& e = entries.emplace_back();
    e.id = id;
    e.set(fp);
    e.ref = ref_of(next_seq++);
    e.copies = static_cast<uint32_t>(std::min<uint64_t>(copies, std::numeric_limits<uint32_t>::max()));
    e.crowded_bands = crowded;
    id_bytes += e.id.capacity() > 15 ? e.id.capacity() + 1 : 0;
    newest_time_ms = std::max(newest_time_ms, fp.time_ms);
    add_keys(e);
    return e;
  }

  Entry* find_id(std::string_view id) {
    Entry* found = nullptr;
    find(id_key(id), [&](Entry& e) {
      if (!found && e.id == id) found = &e;
    });
    return found;
  }
};

DedupIndex::DedupIndex(const DedupOptions& options) : options_(options), impl_(std::make_unique<Impl>()) {
  options_.max_entries = std::max<size_t>(options_.max_entries, 1);
}
DedupIndex::~DedupIndex() = default;

DedupMatch DedupIndex::check_and_insert(std::string_view id, const DedupFingerprint& fp) {
  return check_and_insert(id, fp, impl_->shared);
}

DedupMatch DedupIndex::check_and_insert(std::string_view id, const DedupFingerprint& fp, DedupChanges& changes) {
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  struct SinkScope {
    Impl& m;
    SinkScope(Impl& impl, DedupChanges& c) : m(impl) { m.sink = &c; }
    ~SinkScope() { m.sink = &m.shared; }
  } sink_scope(m, changes);
  const int64_t window = options_.window.count();
  auto in_window = [&](const Entry& e) { return std::llabs(e.fp.time_ms() - fp.time_ms) <= window; };

  DedupMatch match;
  Entry* best = nullptr;
  if (!id.empty())
    if (Entry* e = m.find_id(id); e && in_window(*e)) {
      if (fp.origin && e->fp.origin == fp.origin) {
        match.copies_seen = e->copies;
        return match;
      }
      best = e;
      match.kind = DedupMatch::Kind::id;
      match.similarity = 1.0;
    }
  if (!best && fp.url_hash)
    m.find(url_key(fp.url_hash), [&](Entry& e) {
      if (!best && e.fp.url_hash == fp.url_hash && in_window(e)) {
        best = &e;
        match.kind = DedupMatch::Kind::canonical_url;
        match.similarity = 1.0;
      }
    });
  uint8_t crowded = 0;
  if (!best && fp.content_hash) {
    for (size_t k = 0; k < kDedupBands && match.kind != DedupMatch::Kind::content_hash; ++k) {
      const uint32_t stories = m.find(band_key(k, fp.bands[k]), [&](Entry& e) {
        if (e.fp.bands[k] != fp.bands[k] || !in_window(e) || match.kind == DedupMatch::Kind::content_hash) return;
        if (e.fp.content_hash == static_cast<uint32_t>(fp.content_hash)) {
          best = &e;
          match.kind = DedupMatch::Kind::content_hash;
          match.similarity = 1.0;
          return;
        }
        if (!fp.shingles || !e.fp.shingles) return;
        const double similarity = containment(fp.sketch, fp.shingles, e.fp.sketch, e.fp.shingles);
        if (similarity >= options_.near_threshold && similarity > match.similarity) {
          best = &e;
          match.kind = DedupMatch::Kind::near_duplicate;
          match.similarity = similarity;
        }
      });
      if (stories >= kMaxStoriesPerKey) crowded |= 1u << k;
    }
  }

  const bool journaled = &changes != &m.shared;
  if (best) {
    best->add_copy();
    m.mark_dirty(*best);
    if (journaled) changes.journal.push_back({m.front_seq + m.offset(best->ref), false});
    match.first_id = best->id;
    match.copies_seen = best->copies;
    // Keep evicting while duplicates stream in, or a burst of copies would
    // hold expired stories in memory.
    m.newest_time_ms = std::max(m.newest_time_ms, fp.time_ms);
    m.evict(options_, 0);
    return match;
  }
  Entry& e = m.insert(id, fp, 1, crowded, options_);
  m.mark_dirty(e);
  if (journaled) changes.journal.push_back({m.front_seq + m.offset(e.ref), true});
  return match;
}

bool DedupIndex::restore(const StateChange& change) {
  if (!change.key.starts_with(kKeyPrefix)) return false;
  const std::string_view id = std::string_view(change.key).substr(kKeyPrefix.size());
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  Entry* existing = m.find_id(id);
  if (!change.value) {
    if (existing) {
      m.remove_keys(*existing);
      existing->dead = true;
      ++m.dead;
    }
    return true;
  }
  DedupFingerprint fp;
  uint64_t copies = 1;
  if (!decode(*change.value, fp, copies)) return false;
  if (existing) {
    // Several instances write the same story; the larger count is the later one.
    existing->copies = static_cast<uint32_t>(std::clamp<uint64_t>(copies, existing->copies, std::numeric_limits<uint32_t>::max()));
    return true;
  }
  Entry& e = m.insert(id, fp, copies, m.crowded_bands(fp), options_);
  e.emitted = true;
  return true;
}

void DedupIndex::drain_locked(Impl& m, DedupChanges& changes, std::vector<StateChange>& out) {
  // Tombstones first: a story evicted and then stored again under the same id
  // must end with its new value once the topic is compacted.
  const bool journaled = &changes != &m.shared;
  for (auto& key : changes.tombstones) {
    if (journaled) changes.tombstones_in_flight.push_back(key);
    out.push_back({std::move(key), std::nullopt});
  }
  changes.tombstones.clear();
  for (uint64_t seq : changes.dirty) {
    if (seq < m.front_seq) continue;
    Entry& e = m.entries[seq - m.front_seq];
    if (e.dead || !e.dirty) continue;
    e.dirty = false;
    e.emitted = true;
    out.push_back({std::string(kKeyPrefix) + e.id, encode(e.fingerprint(), e.copies)});
  }
  changes.dirty.clear();
}

void DedupIndex::drain_changes(std::vector<StateChange>& out) {
  std::lock_guard lock(impl_->mutex);
  drain_locked(*impl_, impl_->shared, out);
}

void DedupIndex::drain_changes(DedupChanges& changes, std::vector<StateChange>& out) {
  std::lock_guard lock(impl_->mutex);
  drain_locked(*impl_, impl_->shared, out);
  drain_locked(*impl_, changes, out);
}

void DedupIndex::commit_batch(DedupChanges& changes) {
  changes.journal.clear();
  changes.tombstones_in_flight.clear();
}

void DedupIndex::rollback_batch(DedupChanges& changes) {
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  auto live_entry = [&](uint64_t seq) -> Entry* {
    if (seq < m.front_seq || seq - m.front_seq >= m.entries.size()) return nullptr;  // evicted since
    Entry& e = m.entries[seq - m.front_seq];
    return e.dead ? nullptr : &e;
  };
  // Newest first, so a story stored and then copied within the batch is
  // lowered before it is removed.
  for (auto it = changes.journal.rbegin(); it != changes.journal.rend(); ++it) {
    Entry* e = live_entry(it->seq);
    if (!e) continue;
    if (it->inserted) {
      m.remove_keys(*e);
      e->dead = true;
      e->dirty = false;
      ++m.dead;
    } else if (e->copies > 1) {
      --e->copies;
    }
  }
  // An entry flagged dirty but listed nowhere would never be written again.
  for (uint64_t seq : changes.dirty)
    if (Entry* e = live_entry(seq)) e->dirty = false;
  changes.dirty.clear();
  changes.journal.clear();
  for (auto& key : changes.tombstones_in_flight) changes.tombstones.push_back(std::move(key));
  changes.tombstones_in_flight.clear();
}

size_t DedupIndex::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->live();
}

size_t DedupIndex::memory_bytes() const {
  std::lock_guard lock(impl_->mutex);
  size_t bytes = sizeof(Impl) + impl_->entries.size() * sizeof(Entry) + impl_->id_bytes +
                 impl_->shared.dirty.capacity() * sizeof(uint64_t);
  for (const auto& s : impl_->shards) bytes += s.slots.capacity() * sizeof(Shard::Slot);
  return bytes;
}

// "v1 time url content shingles copies origin bands sketch", numbers in hex.
std::string DedupIndex::encode(const DedupFingerprint& fp, uint64_t copies) {
  std::string out = "v1 ";
  append_hex(out, static_cast<uint64_t>(fp.time_ms), 16);
  out += ' ';
  append_hex(out, fp.url_hash, 16);
  out += ' ';
  append_hex(out, fp.content_hash, 16);
  out += ' ';
  append_hex(out, fp.shingles, 8);
  out += ' ';
  append_hex(out, copies, 16);
  out += ' ';
  append_hex(out, fp.origin, 8);
  out += ' ';
  for (uint32_t b : fp.bands) append_hex(out, b, 8);
  out += ' ';
  for (uint8_t s : fp.sketch) append_hex(out, s, 2);
  return out;
}

bool DedupIndex::decode(std::string_view in, DedupFingerprint& fp, uint64_t& copies) {
  if (!in.starts_with("v1 ")) return false;
  in.remove_prefix(3);
  uint64_t v = 0;
  auto field = [&](size_t digits, uint64_t& out) {
    if (!parse_hex(in, out, digits)) return false;
    if (!in.empty() && in.front() == ' ') in.remove_prefix(1);
    return true;
  };
  if (!field(16, v)) return false;
  fp.time_ms = static_cast<int64_t>(v);
  if (!field(16, fp.url_hash) || !field(16, fp.content_hash) || !field(8, v)) return false;
  fp.shingles = static_cast<uint32_t>(v);
  if (!field(16, copies) || copies == 0 || !field(8, v)) return false;
  fp.origin = static_cast<uint32_t>(v);
  for (auto& b : fp.bands) {
    if (!parse_hex(in, v, 8)) return false;
    b = static_cast<uint32_t>(v);
  }
  if (in.empty() || in.front() != ' ') return false;
  in.remove_prefix(1);
  for (auto& s : fp.sketch) {
    if (!parse_hex(in, v, 2)) return false;
    s = static_cast<uint8_t>(v);
  }
  return in.empty();
}

}  // namespace newsflow::processors
