// DedupIndex's operations over its store (index_store.hpp): check and
// insert, changes applied from the changelog, drains, batch commit and
// rollback.
#include <algorithm>
#include <bit>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "dedup/index_store.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::processors {

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

namespace {
unsigned ref_bits_for(size_t max_entries) {
  // Room for dead stories waiting to reach the front, besides the live ones.
  const uint64_t refs = static_cast<uint64_t>(max_entries) + max_entries / 2 + 64;
  const unsigned bits = static_cast<unsigned>(std::bit_width(refs));
  if (bits > KeyTable::kMaxRefBits)
    throw std::invalid_argument("dedup.max_entries: at most " +
                                std::to_string(((uint64_t{1} << KeyTable::kMaxRefBits) - 64) * 2 / 3) +
                                " stories");
  return bits;
}
}  // namespace

DedupIndex::DedupIndex(const DedupOptions& options) : options_(options) {
  options_.max_entries = std::max<size_t>(options_.max_entries, 1);
  impl_ = std::make_unique<Impl>(ref_bits_for(options_.max_entries), options_.max_entries);
  impl_->early.limit = options_.max_entries;
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
  m.prefetch(id, fp);
  const int64_t window = options_.window.count();

  DedupMatch match;
  Impl::Found best;
  if (const Impl::Found f = m.find_id(id); f.e && std::llabs(f.e->time_ms() - fp.time_ms) <= window) {
    if (fp.origin && f.e->origin == fp.origin) {
      match.copies_seen = f.e->copies;
      return match;
    }
    best = f;
    match.kind = DedupMatch::Kind::id;
    match.similarity = 1.0;
  }
  uint8_t crowded = 0;
  if (!best.e) best = m.match(fp, options_, match, crowded);

  const bool journaled = &changes != &m.shared;
  if (best.e) {
    best.e->raise_copies(uint64_t{best.e->copies} + 1);
    m.mark_dirty(best);
    if (journaled) changes.journal.push_back({best.seq, false});
    match.first_id = std::string(m.id_of(*best.e));
    match.copies_seen = best.e->copies;
    // Keep evicting while duplicates stream in, or a burst of copies would
    // hold expired stories in memory.
    m.newest_time_ms = std::max(m.newest_time_ms, fp.time_ms);
    m.evict(options_, 0);
    return match;
  }
  const Impl::Found stored = m.insert(id, fp, 1, crowded, options_);
  changes.stored.push_back({stored.seq, fp});
  m.prune(changes);
  if (journaled) changes.journal.push_back({stored.seq, true});
  return match;
}

bool DedupIndex::restore(const StateChange& change) { return apply(change).kind != RemoteApply::Kind::malformed; }

DedupIndex::RemoteApply DedupIndex::apply(const StateChange& change) {
  using Kind = RemoteApply::Kind;
  RemoteApply result;
  if (change.key.starts_with(kCopiesPrefix)) return apply_copies(change);
  if (!change.key.starts_with(kKeyPrefix)) return result;
  const std::string_view id = std::string_view(change.key).substr(kKeyPrefix.size());
  DedupFingerprint fp;
  uint64_t copies = 1;
  if (change.value && !decode(*change.value, fp, copies)) return result;
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  if (change.value) m.prefetch(id, fp);
  const Impl::Found existing = m.find_id(id);
  if (!change.value) {
    if (existing.e) m.kill(existing);
    m.early.erase(id);
    result.kind = Kind::tombstone;
    return result;
  }
  // v2 values carry no count (0): it comes under dedup-copies:<id>, maybe
  // before the story (another partition).
  bool counted = false;
  if (const uint64_t early = m.early.take(id)) {
    copies = std::max(copies, early);
    counted = true;
  }
  copies = std::max<uint64_t>(copies, 1);
  if (existing.e) {
    // Several instances write the same story; the larger count is the later one.
    const uint32_t before = existing.e->copies;
    existing.e->raise_copies(copies);
    existing.e->counted |= counted;
    result.kind = existing.e->copies == before ? Kind::unchanged : Kind::updated;
    return result;
  }
  DedupMatch match;
  uint8_t crowded = 0;
  const Impl::Found other = m.match(fp, options_, match, crowded);
  if (!other.e) {
    Entry& e = *m.insert(id, fp, copies, crowded, options_).e;
    e.emitted = true;
    e.counted = counted;
    result.kind = Kind::stored;
    return result;
  }
  // Two instances each stored a copy of one story as new. Every instance
  // keeps the copy with the smaller (minute, id), whatever order the entries
  // arrive in, and the changelog loses the other's keys.
  result.other_id = std::string(m.id_of(*other.e));
  const uint64_t merged = std::max<uint64_t>(copies, other.e->copies);
  if (std::pair(other.e->minute, std::string_view(result.other_id)) < std::pair(to_minute(fp.time_ms), id)) {
    const uint32_t before = other.e->copies;
    other.e->raise_copies(merged);
    if (other.e->copies != before) m.mark_dirty(other);
    m.owe_tombstones(m.shared.tombstones, id, true, true);
    result.kind = Kind::race_lost;
    return result;
  }
  m.kill(other);
  m.owe_tombstones(m.shared.tombstones, result.other_id, true, true);
  const Impl::Found won = m.insert(id, fp, merged, m.crowded_bands(fp), options_);
  won.e->emitted = true;
  won.e->counted = counted;
  if (merged > copies) m.mark_dirty(won);  // the changelog holds the smaller count
  result.kind = Kind::race_won;
  return result;
}

DedupIndex::RemoteApply DedupIndex::apply_copies(const StateChange& change) {
  using Kind = RemoteApply::Kind;
  RemoteApply result;
  const std::string_view id = std::string_view(change.key).substr(kCopiesPrefix.size());
  uint64_t copies = 0;
  if (change.value && !decode_copies(*change.value, copies)) return result;
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  if (!change.value) {  // written with its story's tombstone
    m.early.erase(id);
    result.kind = Kind::tombstone;
    return result;
  }
  const Impl::Found existing = m.find_id(id);
  if (!existing.e) {
    m.early.hold(id, copies);
    result.kind = Kind::held;
    return result;
  }
  const uint32_t before = existing.e->copies;
  existing.e->raise_copies(copies);
  existing.e->counted = true;
  result.kind = existing.e->copies == before ? Kind::unchanged : Kind::updated;
  return result;
}

// Moves from's changes into out; when the batch that writes them is
// journaled, its tombstones are remembered so a rollback can queue them again.
void DedupIndex::drain_locked(Impl& m, DedupChanges& from, std::vector<StateChange>& out, DedupChanges* journal) {
  // Tombstones first: a story evicted and then stored again under the same id
  // must end with its new value once the topic is compacted.
  for (auto& key : from.tombstones) {
    if (journal) journal->tombstones_in_flight.push_back(key);
    out.push_back({std::move(key), std::nullopt});
  }
  from.tombstones.clear();
  for (const DedupChanges::Stored& s : from.stored) {
    Entry* e = m.at_seq(s.seq);
    if (!e) continue;
    e->emitted = true;
    out.push_back({std::string(kKeyPrefix).append(m.id_of(*e)), encode(s.fp)});
  }
  from.stored.clear();
  for (uint64_t seq : from.dirty) {
    Entry* e = m.at_seq(seq);
    if (!e || !e->dirty) continue;
    e->dirty = false;
    e->counted = true;
    out.push_back({std::string(kCopiesPrefix).append(m.id_of(*e)), encode_copies(e->copies)});
  }
  from.dirty.clear();
}

void DedupIndex::drain_changes(std::vector<StateChange>& out) {
  std::lock_guard lock(impl_->mutex);
  drain_locked(*impl_, impl_->shared, out, nullptr);
}

void DedupIndex::drain_changes(DedupChanges& changes, std::vector<StateChange>& out) {
  std::lock_guard lock(impl_->mutex);
  drain_locked(*impl_, impl_->shared, out, &changes);
  drain_locked(*impl_, changes, out, &changes);
  changes.journal_drained = changes.journal.size();
}

void DedupIndex::commit_batch(DedupChanges& changes) {
  changes.journal.erase(changes.journal.begin(),
                        changes.journal.begin() + static_cast<std::ptrdiff_t>(changes.journal_drained));
  changes.journal_drained = 0;
  changes.tombstones_in_flight.clear();
}

void DedupIndex::rollback_batch(DedupChanges& changes) {
  std::lock_guard lock(impl_->mutex);
  Impl& m = *impl_;
  // Newest first, so a story stored and then copied within the batch is
  // lowered before it is removed.
  for (auto it = changes.journal.rbegin(); it != changes.journal.rend(); ++it) {
    Entry* e = m.at_seq(it->seq);
    if (!e) continue;
    if (it->inserted) {
      m.kill({e, it->seq});
    } else if (e->copies > 1) {
      --e->copies;
    }
  }
  // An entry flagged dirty but listed nowhere would never be written again.
  for (uint64_t seq : changes.dirty)
    if (Entry* e = m.at_seq(seq)) e->dirty = false;
  changes.dirty.clear();
  changes.stored.clear();
  changes.journal.clear();
  changes.journal_drained = 0;
  for (auto& key : changes.tombstones_in_flight) changes.tombstones.push_back(std::move(key));
  changes.tombstones_in_flight.clear();
}

size_t DedupIndex::size() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->live();
}

size_t DedupIndex::memory_bytes() const {
  std::lock_guard lock(impl_->mutex);
  auto tables_bytes = [&] {
    size_t total = 0;
    for (const KeyTable& t : impl_->tables) total += t.bytes();
    for (const KeyTable& t : impl_->first_tables) total += t.bytes();
    return total;
  };
  return sizeof(Impl) + impl_->entries.bytes() + impl_->ids.bytes() + tables_bytes() + impl_->early.bytes() +
         impl_->shared.dirty.capacity() * sizeof(uint64_t) +
         impl_->shared.stored.capacity() * sizeof(DedupChanges::Stored);
}

}  // namespace newsflow::processors
