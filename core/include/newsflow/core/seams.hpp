#pragma once
// The three seams of the batch engine (engine/): where records come from, where
// results go, and what makes a batch durable. consumer/ and producer/
// implement them for Kafka and for files; the engine sees only these, so
// `run`, `process` and `replay` share one loop.
//
// One instance of each per worker thread; none of them is thread-safe (an
// overlapping commit, Committer::commit_can_overlap, calls the sink and the
// committer from another thread, never while the worker thread does).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/core/record.hpp"
#include "newsflow/core/status.hpp"

namespace newsflow {

// (topic, partition) -> next offset to consume (last processed + 1).
using OffsetMap = std::map<std::pair<std::string, int32_t>, int64_t>;

class BatchSource {
 public:
  virtual ~BatchSource() = default;

  // Appends the records available now, up to max, waiting at most `wait` for
  // the first one; an empty batch with ok() just means nothing arrived.
  virtual Status poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) = 0;

  // A bounded source (a file, a replay range) is exhausted once every record
  // in it has been polled; an unbounded one never is.
  virtual bool exhausted() const { return false; }

  // Moves back to the committed positions and forgets what was polled since:
  // after an aborted batch the same records come again.
  virtual Status rewind() = 0;

  // Called from inside poll() just before partitions are taken away, so the
  // engine can commit (lost = false) or abort (lost = true) the open batch
  // while this member still owns them.
  using RevokeHandler = std::function<void(bool lost)>;
  virtual void on_revoke(RevokeHandler handler) { (void)handler; }

  // Leaves cleanly (a consumer group: runs the revoke path, then leaves).
  virtual void close() {}
};

// Where a processed record goes; the sink maps each to a topic or a file.
enum class Destination { output, dead_letter, duplicate, changelog };

std::string_view to_string(Destination d);

class RecordSink {
 public:
  virtual ~RecordSink() = default;

  // Each queues one record and returns without waiting for it to be stored.
  // Not ok when the sink refused it (the batch then aborts or the worker
  // stops, by the error's class).
  //   output / duplicate: an enriched record (ProcessedRecord key, value,
  //   headers) made from `input`
  virtual Status write(Destination destination, const RawRecord& input, const ProcessedRecord& record) = 0;
  //   dead letter: the original record and why it was rejected
  virtual Status write_dead_letter(const RawRecord& input, const ProcessedRecord& rejection) = 0;
  //   a processor's state change (dedup changelog entry or tombstone)
  virtual Status write_state_change(const StateChange& change) = 0;
  //   the input unchanged, to the output (run.passthrough)
  virtual Status write_passthrough(const RawRecord& input) = 0;

  // Returns once every record written since the last flush is stored (or
  // failed). Retriable when time ran out with records still outstanding.
  virtual Status flush() = 0;

  // For committers that commit after delivery (Committer::commits_after_delivery):
  // the engine seals a batch at mark() and goes on processing while the
  // batch's records are delivered. delivered(mark) does not wait: nullopt
  // while a record written before the mark is outstanding, then ok or the
  // error flush() would give. flush_to(mark) waits like flush(), for those
  // records only. A sink without marks flushes everything.
  using Mark = uint64_t;
  virtual Mark mark() { return 0; }
  virtual std::optional<Status> delivered(Mark mark) {
    (void)mark;
    return flush();
  }
  virtual Status flush_to(Mark mark) {
    (void)mark;
    return flush();
  }
  // Serves queued callbacks (statistics) without waiting. The engine calls it
  // every round, except while a commit runs on another thread (then flush()
  // serves them there).
  virtual void serve() {}
  // The engine gave up everything written so far (an aborted batch): a failed
  // delivery of one of those records, reported now or later, is not an error
  // of a later batch.
  virtual void forget_written() {}
};

class Committer {
 public:
  virtual ~Committer() = default;

  // Opens a batch; under transactions, begins one.
  virtual Status begin() = 0;

  // Makes the flushed writes and the source positions durable together (a
  // transaction) or in that order (outputs first, then offsets).
  virtual Status commit(const OffsetMap& next_offsets) = 0;

  // Ends a batch that cannot commit.
  virtual Status abort() = 0;

  // True when abort() discards the batch's writes (a transaction). Then the
  // state changes made while processing it must be undone as well.
  virtual bool discards_writes_on_abort() const = 0;

  // True when commit() takes only offsets, so a batch can be sealed and
  // committed later, in order, once its records are delivered, while the
  // next batch is processed (at-least-once: the worker never waits for
  // delivery reports). A transaction must hold its batch's writes: false.
  virtual bool commits_after_delivery() const { return false; }

  // True when the sink's flush() and commit() may run on another thread while
  // the engine processes the next batch without writing it (a transaction: the
  // next one cannot begin before this one is committed, so the next batch's
  // writes are held until then). Neither the sink nor this committer is used
  // from two threads at once.
  virtual bool commit_can_overlap() const { return false; }

  // Sends the commit without waiting for its answer (at-least-once in steady
  // state, as Kafka consumers use commitAsync): an error comes back from a
  // later call, and what failed retriably is sent again with the next
  // commit. commit() waits, and is what a revoke or a stop uses.
  virtual Status send_commit(const OffsetMap& next_offsets) { return commit(next_offsets); }
  // The partitions are leaving this member: nothing sent for them may be
  // sent again after this.
  virtual void partitions_revoked() {}

  virtual std::string_view name() const = 0;
};

}  // namespace newsflow
