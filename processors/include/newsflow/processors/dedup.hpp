#pragma once
// dedup: exact and near-duplicate detection against a bounded, shared index.
//
// Exact: same article id, same canonical URL, same normalised token stream.
// Near: word 5-shingles of Article::text; candidates come from LSH bands of
// MinHash signatures (three bands over the first 100 shingles, so a copy cut
// to its first half still collides, three over the whole text), and each
// candidate is verified by the containment of the shorter text in the longer,
// estimated from 32 8-bit MinHashes. docs/dedup.md explains the choice.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct DedupOptions {
  std::chrono::milliseconds window = std::chrono::hours(24 * 7);
  size_t max_entries = 10'000'000;
  // Estimated containment of the shorter text in the longer above which two
  // texts are one story (chosen on tests/eval/dedup, see docs/dedup.md).
  double near_threshold = 0.7;
};

inline constexpr size_t kDedupBands = 6;        // LSH band keys per article
inline constexpr size_t kDedupSketchSize = 32;  // 8-bit MinHashes for verification

// What the index keeps of one article. Computed outside the index lock.
struct DedupFingerprint {
  uint64_t url_hash = 0;      // 0: no URL
  uint64_t content_hash = 0;  // 0: no words
  std::array<uint32_t, kDedupBands> bands{};
  std::array<uint8_t, kDedupSketchSize> sketch{};
  uint32_t shingles = 0;  // 0: too short for near-duplicate matching
  // Hash of the input record's topic, partition and offset (0: not from
  // Kafka). The same record consumed again after a restart before its offset
  // was committed is the first copy again, not a duplicate of itself.
  uint32_t origin = 0;
  int64_t time_ms = 0;    // published_at, else ingest time
};

// Reusable per-worker scratch so fingerprinting allocates nothing per token.
class DedupFingerprinter {
 public:
  DedupFingerprint compute(std::string_view text, std::string_view canonical_url, int64_t time_ms);

 private:
  std::vector<uint64_t> tokens_;
  std::vector<uint32_t> shingles_;
};

struct DedupMatch {
  enum class Kind { none, id, canonical_url, content_hash, near_duplicate };
  Kind kind = Kind::none;
  std::string first_id;  // the stored (first-seen) article of the story
  double similarity = 0.0;
  uint64_t copies_seen = 1;
};

std::string_view to_string(DedupMatch::Kind kind);

// The story index shared by all worker threads of a process.
//
// Concurrency: one mutex around lookup-and-insert, so two copies handled by
// two workers at once cannot both be taken as first; fingerprinting (the
// expensive part) runs outside it. The key tables (one per key kind) are
// sized for options.max_entries when the index is made and never grow, so
// no insert pauses to rebuild one.
// Bounds: at most options.max_entries stories (the constructor throws
// std::invalid_argument naming dedup.max_entries above 44 M, where refs
// no longer leave the 4-byte slots a useful tag) and those within
// options.window of the newest article time seen (published_at, else ingest
// time; oldest evicted first, a few per insert so eviction never stalls a
// record). Only first-seen copies are stored; duplicates bump their story's
// copy count.
// Restart: every stored story is queued once as a text StateChange (key
// "dedup:<id>", from the article's fingerprint), each copy-count change as
// "dedup-copies:<id>", evictions as tombstones of both; replaying them
// through restore() rebuilds the same index. Memory: measured by
// bench/dedup_bench.cpp from the allocator (docs/dedup.md has the figures):
// a 60-byte story record, about 34 bytes of key slots and the id's bytes,
// the slots allocated for max_entries up front (committed as they are
// touched); size max_entries to the host.
// The changes one caller's inserts made, drained by that caller only: each
// worker writes the fingerprints of its own batch in that batch, so a crash
// of one worker never loses fingerprints of stories another one committed.
//
// Batches that roll back: a caller's changes since its last commit_batch()
// are journaled, so rollback_batch() can take them out again when the batch
// they belong to is aborted (under exactly-once its changelog entries were
// never committed, and a retried batch must not find its own articles as
// duplicates). Evictions are not undone (the stories were leaving anyway);
// their tombstones go out with the next batch instead.
struct DedupChanges {
  struct Stored {
    uint64_t seq;          // the story stored
    DedupFingerprint fp;   // its changelog value, written once, at the next drain
  };
  std::vector<Stored> stored;           // since the last drain
  std::vector<uint64_t> dirty;          // seqs of entries whose copy count changed since the last drain
  std::vector<std::string> tombstones;  // changelog keys of evicted entries
  struct Undo {
    uint64_t seq;   // the entry changed
    bool inserted;  // stored by this batch (else: its copy count was raised)
  };
  std::vector<Undo> journal;                       // since the last commit_batch / rollback_batch
  size_t journal_drained = 0;                      // journal[0, this) belongs to the drained batch
  std::vector<std::string> tombstones_in_flight;  // drained into the open batch
};

class DedupIndex {
 public:
  explicit DedupIndex(const DedupOptions& options);
  ~DedupIndex();
  DedupIndex(const DedupIndex&) = delete;
  DedupIndex& operator=(const DedupIndex&) = delete;

  // Finds the story this article belongs to; stores it when it is new. A
  // redelivery of the stored record itself (same id and origin) is reported as
  // Kind::none with that story's copy count and changes nothing.
  // The changes are recorded in `changes` (the overload without it records
  // them in a buffer shared by all callers).
  DedupMatch check_and_insert(std::string_view id, const DedupFingerprint& fp, DedupChanges& changes);
  DedupMatch check_and_insert(std::string_view id, const DedupFingerprint& fp);

  // What applying another instance's (or an earlier run's) changelog entry did.
  struct RemoteApply {
    // held: a copy count whose story is not stored (yet); it is applied
    // when the story's value comes.
    enum class Kind { stored, updated, unchanged, held, tombstone, race_won, race_lost, malformed };
    Kind kind = Kind::malformed;
    std::string other_id;  // race_*: the stored story the entry collided with
  };
  // Applies one changelog entry. An entry for a story not stored whose
  // fingerprint matches a stored one (canonical URL, content hash or
  // near-duplicate within the window; not id) is a race: two instances each
  // stored a copy as new. The copy with the smaller (time in minutes, id)
  // stays on every instance, whatever order the entries arrive in; the
  // other's key gets a tombstone in the shared change buffer (race_won: the
  // entry's story replaced other_id; race_lost: it was not stored). Copy
  // counts merge by max, so applying an entry twice changes nothing.
  RemoteApply apply(const StateChange& change);
  // apply(); false when the entry is not a dedup entry or malformed.
  bool restore(const StateChange& change);
  // Moves the changes recorded in `changes`, and any in the shared buffer
  // (evictions and race tombstones of restore/apply), into out as changelog
  // entries; a rollback_batch of `changes` queues the tombstones again.
  void drain_changes(DedupChanges& changes, std::vector<StateChange>& out);
  void drain_changes(std::vector<StateChange>& out);

  // The batch `changes` were last drained into committed: forget the undo
  // journal up to that drain (what came after belongs to the next batch,
  // processed while this one committed, and can still roll back).
  void commit_batch(DedupChanges& changes);
  // The batch holding `changes` aborted: remove the stories it stored, lower
  // the copy counts it raised, and queue its tombstones again.
  void rollback_batch(DedupChanges& changes);

  size_t size() const;
  // Bytes held by the index (entries, ids, key tables), for the benchmark.
  size_t memory_bytes() const;
  const DedupOptions& options() const { return options_; }

  // Changelog values (docs/dedup.md, "State"): a story's under
  // "dedup:<id>" ("v2 ..." text; "v1 ...", which also carried the copy
  // count, is still read), its copy count under "dedup-copies:<id>".
  static std::string encode(const DedupFingerprint& fp);
  static std::string encode_v1(const DedupFingerprint& fp, uint64_t copies);
  // copies: the v1 value's count, 0 for a v2 value.
  static bool decode(std::string_view text, DedupFingerprint& fp, uint64_t& copies);
  static std::string encode_copies(uint64_t copies);
  static bool decode_copies(std::string_view text, uint64_t& copies);

 private:
  struct Entry;
  struct Shard;
  struct Impl;
  RemoteApply apply_copies(const StateChange& change);
  static void drain_locked(Impl& m, DedupChanges& from, std::vector<StateChange>& out, DedupChanges* journal);
  DedupOptions options_;
  std::unique_ptr<Impl> impl_;
};

std::shared_ptr<DedupIndex> make_dedup_index(const DedupOptions& options);
std::unique_ptr<StatefulProcessor> make_dedup_processor(std::shared_ptr<DedupIndex> index);
size_t dedup_index_size(const DedupIndex& index);

}  // namespace newsflow::processors
