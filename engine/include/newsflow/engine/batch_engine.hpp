#pragma once
// The batch engine: the one loop every mode runs (`newsflow run`, `process`,
// `replay`). Per worker thread it moves records from a BatchSource through
// the processor Pipeline into a RecordSink, and a Committer makes each batch
// durable:
//
//   poll what is available -> process -> write outputs, dead letters,
//   duplicates -> ... (more polls) ... -> when the commit interval is up:
//   write the batch's state changes -> flush the sink -> commit offsets
//   (or the transaction holding all of it).
//
// When the committer commits only offsets (at-least-once), the worker does
// not wait for the flush: the batch is sealed at the sink's mark and the next
// one is processed while its records are delivered; sealed batches are
// committed in order as their deliveries complete (checked after every poll;
// the commit is sent without waiting for its answer, Committer::send_commit),
// at most kMaxSealedBatches at a time, and all of them before partitions are
// given up or the engine stops. A failed delivery aborts every sealed batch
// and the open one: the source rewinds to the last committed offsets.
//
// When the committer's commit may overlap (exactly-once: a transaction), a
// due batch's transaction is flushed and committed on another thread while
// the worker goes on processing the next batch; that batch's writes are held
// (HeldWrites) until the commit returns and its own transaction begins. It
// waits for the commit only when the next batch is due itself, or on a
// revoke, a stop or the end of the input. A failed commit aborts both: the
// source rewinds to the last committed offsets and the state changes of both
// are undone. Only the sink's flush and the commit run there; what they
// retry after a first failure (an outage) is retried, logged and measured
// on the worker's thread.
//
// Records are processed as soon as they are polled; the commit interval, not
// the poll, bounds how many records share a commit. On an abortable error the
// batch is aborted, the source rewound to its committed positions, and (when
// the committer discards writes) the processors' state changes undone, then
// the same records are processed again. A fatal error stops the worker.
//
// Duplicate routing (drop / route / emit) lives here once, for every mode.
// Not thread-safe: one engine per worker, each with its own seams.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "newsflow/core/seams.hpp"
#include "newsflow/engine/held_writes.hpp"
#include "newsflow/processors/pipeline.hpp"

namespace newsflow::engine {

enum class DuplicatePolicy { drop, route, emit };
// Parses "drop" / "route" / "emit"; throws ConfigError otherwise.
DuplicatePolicy parse_duplicate_policy(std::string_view name);

struct EngineOptions {
  size_t poll_max_records = 500;                    // most records taken from one poll
  std::chrono::milliseconds poll_wait{100};         // longest wait when nothing is available
  std::chrono::milliseconds commit_interval{100};   // longest time a batch stays open
  size_t commit_max_records = 10000;                // most records in one batch
  DuplicatePolicy on_duplicate = DuplicatePolicy::drop;
  bool passthrough = false;                         // copy input to output unprocessed
  // How long a failing broker is waited for (flush and commit retried, aborted
  // batches retried) before the worker gives up with a fatal error.
  std::chrono::milliseconds outage_limit{std::chrono::minutes(10)};
  std::string worker_name = "worker 0";             // for log lines
};

// Which step failed when a batch was aborted.
enum class AbortCause { write, delivery, commit, partitions_lost };
std::string_view to_string(AbortCause cause);

// Hooks for metrics and logs, so the engine holds no Prometheus code. Every
// hook does nothing unless overridden: a probe takes only what it reports.
class EngineProbe {
 public:
  virtual ~EngineProbe() = default;
  // After every poll, records or not: the loop is alive.
  virtual void heartbeat() {}
  virtual void polled(size_t /*records*/) {}
  // An article came through the processors; written: it goes to the output
  // or duplicates (not dropped).
  virtual void processed(const RawRecord& /*input*/, const Article& /*article*/, bool /*written*/) {}
  virtual void dead_lettered(const RawRecord& /*input*/, const ProcessedRecord& /*rejection*/) {}
  virtual void duplicate_dropped() {}
  // A batch committed: how many records of each destination it made durable.
  virtual void committed(const std::array<uint64_t, 4>& /*written_by_destination*/, size_t /*records*/,
                         std::chrono::duration<double> /*open_for*/) {}
  // How long the worker waited for one commit, processing nothing: the
  // flush and the commit (a transaction's), or under at-least-once the offset
  // commit and any wait for a sealed batch's deliveries.
  virtual void commit_waited(std::chrono::duration<double> /*waited*/) {}
  // The open batch was sealed (at-least-once): it is written and waits for
  // its deliveries; committed() follows for it, in the order of sealing.
  virtual void sealed() {}
  virtual void aborted(AbortCause /*cause*/, const Status& /*why*/) {}
  // Broker trouble, retrying.
  virtual void waiting(const Status& /*why*/, std::chrono::milliseconds /*so_far*/) {}
  virtual void resumed(std::chrono::milliseconds /*outage*/) {}
  // The outage limit passed: the worker stops without the broker (its
  // teardown may still block in librdkafka calls).
  virtual void gave_up(const Status& /*why*/) {}
};

struct EngineCounters {
  std::atomic<uint64_t> polled{0};
  std::atomic<uint64_t> committed{0};  // input records whose batch committed
  std::atomic<uint64_t> output{0};      // records written to the output (emitted duplicates included)
  std::atomic<uint64_t> duplicates{0};  // duplicate decisions, however routed
  std::atomic<uint64_t> dropped{0};     // of those, dropped (dedup.on_duplicate=drop)
  std::atomic<uint64_t> dead_letters{0}, changelog{0};
  std::atomic<uint64_t> batches{0}, aborts{0};
};

struct EngineResult {
  Status status = Status::ok();  // fatal when the worker stopped on an error
  bool end_of_input = false;     // a bounded source was read to its end
  // The longest the engine waited for the broker in one retry (an outage).
  // A transaction open longer than transaction.timeout.ms is aborted by the
  // broker, and the next call then reports this worker as fenced.
  std::chrono::milliseconds longest_wait{0};
};

// At namespace scope rather than nested: clang does not see a nested
// class with default member initializers as default-constructible inside
// its enclosing class (std::optional<CommitInFlight>::emplace).
namespace detail {
struct BatchTally {
  std::chrono::steady_clock::time_point opened_at;
  size_t records = 0;
  std::array<uint64_t, 4> written{};  // by Destination
  uint64_t dropped = 0;
  uint64_t duplicates = 0;
};
struct FlightResult {
  Status status;
  AbortCause cause = AbortCause::commit;  // which step failed
};
struct CommitInFlight {
  std::chrono::steady_clock::time_point started;
  OffsetMap offsets;  // read by the commit's thread until it is done
  BatchTally tally;
  std::future<FlightResult> result;
};
}  // namespace detail

class BatchEngine {
 public:
  // pipeline may be null only with options.passthrough. probe may be null.
  // counters: where to count (several engines may share one); null: its own.
  BatchEngine(EngineOptions options, BatchSource& source, processors::Pipeline* pipeline, RecordSink& sink,
              Committer& committer, EngineProbe* probe, EngineCounters* counters = nullptr);

  // Runs until `stop` (commits the open batch, leaves), a fatal error, or the
  // end of a bounded source (commits, returns end_of_input).
  EngineResult run(const std::atomic<bool>& stop);

  const EngineCounters& counters() const { return counters_; }

 private:
  Status process_batch(std::vector<RawRecord>& batch);
  // Writes one record to the sink, or holds it while a commit is in flight.
  Status write(Destination d, RawRecord& input, const ProcessedRecord& r);
  Status write_dead_letter(RawRecord& input, const ProcessedRecord& r);
  Status write_passthrough(RawRecord& input);
  // Commits the open batch (or seals it, when the committer commits after
  // delivery, and commits what is delivered); on an abortable error aborts
  // and rolls back. wait: until every sealed batch is committed too.
  // Returns ok, or the fatal error that stops the worker.
  Status commit_open_batch(bool rewind_on_abort, bool wait = true);
  // Commits the sealed batches whose records are delivered, in order; wait:
  // all of them, waiting for their deliveries.
  Status commit_sealed_batches(bool rewind_on_abort, bool wait);
  // Aborts the open batch and every sealed one.
  Status abort_open_batch(AbortCause cause, const Status& why, bool rewind);
  using BatchTally = detail::BatchTally;
  // What a batch made durable goes to the counters and the probe.
  void count_committed(const BatchTally& batch);
  // Calls op until it is not retriable, at most options_.outage_limit.
  template <typename Op>
  Status retry(const char* what, Op&& op);
  // The same, op's first result (begun at started) already in hand.
  template <typename Op>
  Status retry_after(const char* what, std::chrono::steady_clock::time_point started, Status first, Op&& op);
  // Overlapping commits: starts the open batch's flush and commit on another
  // thread; lands the one in flight (wait: until it is done, else only if it
  // is), then begins the open batch's transaction and writes what it held.
  void launch_commit();
  Status land_commit(bool wait, bool rewind_on_abort);
  // Waits for the commit in flight and keeps what it committed, whatever the
  // open batch's fate (an abort, a stop on a fatal error); drops held writes.
  void end_commit_in_flight();
  void committed_open_state(const BatchTally& batch);  // state, counters, probe
  void on_revoke(bool lost);
  void close_open_batch();  // forgets the open batch's bookkeeping

  EngineOptions options_;
  BatchSource& source_;
  processors::Pipeline* pipeline_;
  RecordSink& sink_;
  Committer& committer_;
  EngineProbe* probe_;
  EngineCounters own_counters_;
  EngineCounters& counters_;

  // The open batch.
  bool open_ = false;
  OffsetMap offsets_;
  BatchTally tally_;
  std::vector<StateChange> changes_;   // reused

  // Batches processed and written, waiting for their deliveries, oldest first.
  struct SealedBatch {
    RecordSink::Mark end;  // every record of the batch was written before it
    OffsetMap offsets;
    BatchTally tally;
    std::chrono::steady_clock::time_point sealed_at;
  };
  static constexpr size_t kMaxSealedBatches = 4;
  std::deque<SealedBatch> sealed_;
  // The transaction (or batch) begun on the committer and not yet committed
  // or aborted: the open batch's, or the one in flight.
  bool begun_ = false;
  bool overlap_ = false;  // committer_.commit_can_overlap()
  using FlightResult = detail::FlightResult;
  using CommitInFlight = detail::CommitInFlight;
  std::optional<CommitInFlight> in_flight_;
  HeldWrites held_;  // the open batch's writes while a commit is in flight
  Status revoke_status_ = Status::ok();  // a fatal error met inside the revoke callback
  bool gave_up_on_broker_ = false;       // the outage limit was reached
  std::chrono::milliseconds longest_wait_{0};
};

}  // namespace newsflow::engine
