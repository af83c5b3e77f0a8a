#include "newsflow/engine/batch_engine.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "newsflow/core/errors.hpp"

namespace newsflow::engine {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

size_t index_of(Destination d) { return static_cast<size_t>(d); }

// How often the loop looks at sealed batches' deliveries when no record
// arrives, and how long it goes on without waiting for one.
constexpr std::chrono::milliseconds kSealedCheckInterval{5};
constexpr std::chrono::milliseconds kLongestUnwaitedDelivery{1000};

}  // namespace

std::string_view to_string(AbortCause cause) {
  switch (cause) {
    case AbortCause::write: return "write";
    case AbortCause::delivery: return "delivery";
    case AbortCause::commit: return "commit";
    case AbortCause::partitions_lost: return "partitions_lost";
  }
  return "write";
}

DuplicatePolicy parse_duplicate_policy(std::string_view name) {
  if (name == "drop") return DuplicatePolicy::drop;
  if (name == "route") return DuplicatePolicy::route;
  if (name == "emit") return DuplicatePolicy::emit;
  throw ConfigError("dedup.on_duplicate: '" + std::string(name) + "' is not one of drop, route, emit");
}

BatchEngine::BatchEngine(EngineOptions options, BatchSource& source, processors::Pipeline* pipeline,
                         RecordSink& sink, Committer& committer, EngineProbe* probe, EngineCounters* counters)
    : options_(std::move(options)),
      source_(source),
      pipeline_(pipeline),
      sink_(sink),
      committer_(committer),
      probe_(probe),
      counters_(counters ? *counters : own_counters_) {
  if (!pipeline_ && !options_.passthrough) throw ConfigError("engine: a pipeline is required unless passthrough");
  options_.poll_max_records = std::max<size_t>(1, options_.poll_max_records);
  options_.commit_max_records = std::max<size_t>(1, options_.commit_max_records);
  overlap_ = !committer_.commits_after_delivery() && committer_.commit_can_overlap();
}

EngineResult BatchEngine::run(const std::atomic<bool>& stop) {
  source_.on_revoke([this](bool lost) { on_revoke(lost); });
  EngineResult result;
  std::vector<RawRecord> batch;
  while (!stop.load(std::memory_order_relaxed)) {
    // A commit that came back lets the open batch begin (before the poll: a
    // failed one rewinds the source).
    if (Status landed = land_commit(false, true); landed.is_fatal()) {
      result.status = landed;
      break;
    }
    // Never wait in poll past the moment the open batch is due.
    auto wait = options_.poll_wait;
    if (open_) {
      const auto left = options_.commit_interval - since(tally_.opened_at);
      wait = std::clamp(left, std::chrono::milliseconds(0), options_.poll_wait);
    }
    // Sealed batches are committed soon after their deliveries come in, even
    // when no record arrives.
    if (!sealed_.empty() || in_flight_) wait = std::min(wait, kSealedCheckInterval);
    batch.clear();
    // Never more than the batch bound allows, but at least one record so a
    // full batch still polls (and is then committed as due).
    const size_t room =
        tally_.records < options_.commit_max_records ? options_.commit_max_records - tally_.records : 1;
    Status polled = source_.poll(batch, std::min(options_.poll_max_records, room), wait);
    if (probe_) probe_->heartbeat();
    if (!in_flight_) sink_.serve();
    if (!revoke_status_.is_ok()) {
      result.status = revoke_status_;
      break;
    }
    if (polled.is_fatal()) {
      result.status = polled;
      break;
    }
    if (!polled.is_ok()) spdlog::warn("{}: poll: {} ({}), retrying", options_.worker_name, polled.message(),
                                      to_string(polled.error_class()));
    if (!batch.empty()) {
      if (!open_) {
        // With a commit in flight the batch begins when that one is done.
        if (!in_flight_) {
          Status begun = retry("begin batch", [&] { return committer_.begin(); });
          if (!begun.is_ok()) {
            result.status = begun.is_fatal() ? begun : Status::fatal("cannot begin a batch: " + begun.message());
            break;
          }
          begun_ = true;
        }
        open_ = true;
        tally_.opened_at = Clock::now();
      }
      counters_.polled += batch.size();
      if (probe_) probe_->polled(batch.size());
      if (Status s = process_batch(batch); !s.is_ok()) {
        if (s.is_fatal() || (s = abort_open_batch(AbortCause::write, s, true)).is_fatal()) {
          result.status = s;
          break;
        }
        continue;
      }
    }
    const bool due = open_ && (tally_.records >= options_.commit_max_records ||
                               since(tally_.opened_at) >= options_.commit_interval || source_.exhausted());
    // At the end of a bounded source everything is committed before it says so.
    Status committed = Status::ok();
    if (due) {
      committed = commit_open_batch(true, source_.exhausted());
    } else {
      committed = land_commit(source_.exhausted(), true);
      if (!committed.is_fatal()) committed = commit_sealed_batches(true, source_.exhausted());
    }
    if (committed.is_fatal()) {
      result.status = committed;
      break;
    }
    if (!open_ && sealed_.empty() && !in_flight_ && source_.exhausted()) {
      result.end_of_input = true;
      break;
    }
  }
  if (result.status.is_ok()) {
    // Stopping (SIGTERM) or at the end: what was processed is committed.
    if (Status s = commit_open_batch(false); s.is_fatal()) result.status = s;
  } else if (open_ || !sealed_.empty() || in_flight_) {
    end_commit_in_flight();
    // Best effort: the worker is stopping on a fatal error anyway. Not after
    // giving up on the broker: an abort would only wait for it again (a
    // transaction left open is aborted by the broker's transaction timeout or
    // by this worker's next init_transactions).
    if (begun_ && !gave_up_on_broker_) (void)committer_.abort();
    begun_ = false;
    sealed_.clear();
    // Whoever processes these records next (this worker started again, or
    // another instance) must not find them in the index as already stored.
    if (pipeline_ && committer_.discards_writes_on_abort()) pipeline_->rollback_state();
    close_open_batch();
  }
  source_.close();
  source_.on_revoke(nullptr);
  result.longest_wait = longest_wait_;
  return result;
}

Status BatchEngine::process_batch(std::vector<RawRecord>& batch) {
  for (RawRecord& record : batch) {
    if (record.origin) offsets_[{record.origin->topic, record.origin->partition}] = record.origin->offset + 1;
    ++tally_.records;
    if (options_.passthrough) {
      if (Status s = write_passthrough(record); !s.is_ok()) return s;
      continue;
    }
    const ProcessedRecord& result = pipeline_->process(record);
    switch (result.disposition) {
      case Disposition::reject:
        if (probe_) probe_->dead_lettered(record, result);
        if (Status s = write_dead_letter(record, result); !s.is_ok()) return s;
        break;
      case Disposition::duplicate:
        ++tally_.duplicates;
        if (probe_) probe_->processed(record, pipeline_->last_article(), options_.on_duplicate != DuplicatePolicy::drop);
        if (options_.on_duplicate == DuplicatePolicy::drop) {
          ++tally_.dropped;
          if (probe_) probe_->duplicate_dropped();
        } else if (Status s = write(options_.on_duplicate == DuplicatePolicy::route ? Destination::duplicate
                                                                                   : Destination::output,
                                    record, result);
                   !s.is_ok()) {
          return s;
        }
        break;
      case Disposition::output:
        if (probe_) probe_->processed(record, pipeline_->last_article(), true);
        if (Status s = write(Destination::output, record, result); !s.is_ok()) return s;
        break;
    }
  }
  return Status::ok();
}

// Held records are counted as written: they are the open batch's, and are
// written before it commits or go with it when it aborts.
Status BatchEngine::write(Destination d, RawRecord& input, const ProcessedRecord& r) {
  Status s = Status::ok();
  if (in_flight_)
    held_.hold(d, std::move(input), r);
  else
    s = sink_.write(d, input, r);
  if (s.is_ok()) ++tally_.written[index_of(d)];
  return s;
}

Status BatchEngine::write_dead_letter(RawRecord& input, const ProcessedRecord& r) {
  Status s = Status::ok();
  if (in_flight_)
    held_.hold_dead_letter(std::move(input), r);
  else
    s = sink_.write_dead_letter(input, r);
  if (s.is_ok()) ++tally_.written[index_of(Destination::dead_letter)];
  return s;
}

Status BatchEngine::write_passthrough(RawRecord& input) {
  Status s = Status::ok();
  if (in_flight_)
    held_.hold_passthrough(std::move(input));
  else
    s = sink_.write_passthrough(input);
  if (s.is_ok()) ++tally_.written[index_of(Destination::output)];
  return s;
}

template <typename Op>
Status BatchEngine::retry(const char* what, Op&& op) {
  const auto started = Clock::now();
  Status first = op();
  return retry_after(what, started, std::move(first), std::forward<Op>(op));
}

template <typename Op>
Status BatchEngine::retry_after(const char* what, Clock::time_point started, Status s, Op&& op) {
  auto backoff = std::chrono::milliseconds(100);
  auto next_report = std::chrono::milliseconds(0);
  bool waited = false;
  for (;;) {
    if (!s.is_retriable()) {
      if (waited) {
        longest_wait_ = std::max(longest_wait_, since(started));
        spdlog::info("{}: {} went through after {:.1f}s", options_.worker_name, what, since(started).count() / 1e3);
        if (probe_) probe_->resumed(since(started));
      }
      return s;
    }
    const auto elapsed = since(started);
    longest_wait_ = std::max(longest_wait_, elapsed);
    if (elapsed >= options_.outage_limit) {
      gave_up_on_broker_ = true;
      Status given_up = Status::fatal(fmt::format("gave up after {}s of retrying {} (processing.outage_limit): {}",
                                                  elapsed.count() / 1000, what, s.message()),
                                      s.code());
      // Said now: the teardown that follows can block on the broker too.
      spdlog::error("{}: {}; stopping", options_.worker_name, given_up.message());
      if (probe_) probe_->gave_up(given_up);
      return given_up;
    }
    if (elapsed >= next_report) {
      // One line when the wait starts, then one every 30 s: a broker outage
      // is visible in the log without flooding it.
      spdlog::warn("{}: waiting for the broker: {} not done yet ({}); retrying for up to {}s more",
                   options_.worker_name, what, s.message(),
                   std::chrono::duration_cast<std::chrono::seconds>(options_.outage_limit - elapsed).count());
      if (probe_) probe_->waiting(s, elapsed);
      next_report = elapsed + std::chrono::seconds(30);
    }
    waited = true;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
    s = op();
  }
}

Status BatchEngine::commit_open_batch(bool rewind_on_abort, bool wait) {
  // One transaction at a time: the one in flight first.
  if (Status s = land_commit(true, rewind_on_abort); s.is_fatal()) return s;
  if (open_) {
    if (pipeline_) {
      changes_.clear();
      pipeline_->drain_state_changes(changes_);
      for (const auto& change : changes_) {
        if (Status s = sink_.write_state_change(change); !s.is_ok())
          return s.is_fatal() ? s : abort_open_batch(AbortCause::write, s, rewind_on_abort);
        ++tally_.written[index_of(Destination::changelog)];
      }
    }
    if (committer_.commits_after_delivery()) {
      // Its state changes are written, and an at-least-once abort keeps them
      // anyway (commit_state either way), so the batch is done here but for
      // its deliveries and offsets.
      if (pipeline_) pipeline_->commit_state();
      sealed_.push_back({sink_.mark(), std::move(offsets_), tally_, Clock::now()});
      if (probe_) probe_->sealed();
      begun_ = false;
      close_open_batch();
    } else if (overlap_ && !wait) {
      launch_commit();
    } else {
      const auto waiting_since = Clock::now();
      Status s = retry("delivery of the batch", [&] { return sink_.flush(); });
      if (!s.is_ok()) return s.is_fatal() ? s : abort_open_batch(AbortCause::delivery, s, rewind_on_abort);
      s = retry("commit", [&] { return committer_.commit(offsets_); });
      if (!s.is_ok()) return s.is_fatal() ? s : abort_open_batch(AbortCause::commit, s, rewind_on_abort);
      if (probe_) probe_->commit_waited(Clock::now() - waiting_since);
      begun_ = false;
      committed_open_state(tally_);
      close_open_batch();
    }
  }
  return commit_sealed_batches(rewind_on_abort, wait);
}

void BatchEngine::committed_open_state(const BatchTally& batch) {
  // Only what was drained into the committed batch: the changes of a batch
  // processed since (while this one committed) can still roll back.
  if (pipeline_) pipeline_->commit_state();
  count_committed(batch);
}

void BatchEngine::launch_commit() {
  if (probe_) probe_->sealed();
  CommitInFlight& flight = in_flight_.emplace();
  flight.started = Clock::now();
  flight.offsets = std::move(offsets_);
  flight.tally = tally_;
  // One attempt each there; a retriable failure is retried here, when landed.
  flight.result = std::async(std::launch::async, [this, offsets = &flight.offsets] {
    Status s = sink_.flush();
    if (!s.is_ok()) return FlightResult{std::move(s), AbortCause::delivery};
    return FlightResult{committer_.commit(*offsets), AbortCause::commit};
  });
  close_open_batch();
}

void BatchEngine::end_commit_in_flight() {
  held_.clear();
  if (!in_flight_) return;
  const FlightResult outcome = in_flight_->result.get();
  const BatchTally landed = in_flight_->tally;
  in_flight_.reset();
  // Committed, it stays committed; else its transaction is still begun.
  if (outcome.status.is_ok()) {
    begun_ = false;
    committed_open_state(landed);
  }
}

Status BatchEngine::land_commit(bool wait, bool rewind_on_abort) {
  if (!in_flight_) return Status::ok();
  CommitInFlight& flight = *in_flight_;
  if (!wait && flight.result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return Status::ok();
  const auto waiting_since = Clock::now();
  FlightResult outcome = flight.result.get();
  if (outcome.status.is_retriable()) {
    // An outage: what is left of the commit is retried here, as without overlap.
    if (outcome.cause == AbortCause::delivery) {
      outcome.status = retry_after("delivery of the batch", flight.started, std::move(outcome.status),
                                   [&] { return sink_.flush(); });
      if (outcome.status.is_ok()) {
        outcome.cause = AbortCause::commit;
        outcome.status = retry("commit", [&] { return committer_.commit(flight.offsets); });
      }
    } else {
      outcome.status = retry_after("commit", flight.started, std::move(outcome.status),
                                   [&] { return committer_.commit(flight.offsets); });
    }
  }
  if (probe_) probe_->commit_waited(Clock::now() - waiting_since);
  const BatchTally landed = flight.tally;
  in_flight_.reset();
  if (!outcome.status.is_ok()) {
    if (outcome.status.is_fatal()) {
      held_.clear();
      return outcome.status;
    }
    // The open batch (processed meanwhile, not begun) goes with it; counted
    // with it in the abort's log line.
    tally_.records += landed.records;
    return abort_open_batch(outcome.cause, outcome.status, rewind_on_abort);
  }
  begun_ = false;
  committed_open_state(landed);
  if (!open_) return Status::ok();
  Status begun = retry("begin batch", [&] { return committer_.begin(); });
  if (!begun.is_ok()) {
    held_.clear();
    return begun.is_fatal() ? begun : Status::fatal("cannot begin a batch: " + begun.message());
  }
  begun_ = true;
  if (Status s = held_.write_to(sink_); !s.is_ok())
    return s.is_fatal() ? s : abort_open_batch(AbortCause::write, s, rewind_on_abort);
  return Status::ok();
}

Status BatchEngine::commit_sealed_batches(bool rewind_on_abort, bool wait) {
  while (!sealed_.empty()) {
    SealedBatch& batch = sealed_.front();
    // Without news of its deliveries for a while (an outage), or with too
    // many batches in flight, the oldest is waited for: retried, logged and
    // bounded by the outage limit like a flush.
    const bool must_wait =
        wait || sealed_.size() > kMaxSealedBatches || since(batch.sealed_at) >= kLongestUnwaitedDelivery;
    const auto waiting_since = Clock::now();
    Status delivered = Status::ok();
    if (must_wait) {
      delivered = retry("delivery of the batch", [&] { return sink_.flush_to(batch.end); });
    } else if (auto report = sink_.delivered(batch.end)) {
      delivered = *report;
    } else {
      return Status::ok();  // still on its way; the next round looks again
    }
    if (!delivered.is_ok())
      return delivered.is_fatal() ? delivered : abort_open_batch(AbortCause::delivery, delivered, rewind_on_abort);
    // In steady state the commit goes out without waiting for its answer;
    // waiting (a revoke, a stop, an outage) it is confirmed.
    Status s = must_wait ? Status::ok() : committer_.send_commit(batch.offsets);
    if (must_wait || s.is_retriable()) s = retry("commit", [&] { return committer_.commit(batch.offsets); });
    if (!s.is_ok()) return s.is_fatal() ? s : abort_open_batch(AbortCause::commit, s, rewind_on_abort);
    if (probe_) probe_->commit_waited(Clock::now() - waiting_since);
    count_committed(batch.tally);
    sealed_.pop_front();
  }
  return Status::ok();
}

void BatchEngine::count_committed(const BatchTally& batch) {
  counters_.committed += batch.records;
  counters_.output += batch.written[index_of(Destination::output)];
  counters_.duplicates += batch.duplicates;
  counters_.dead_letters += batch.written[index_of(Destination::dead_letter)];
  counters_.changelog += batch.written[index_of(Destination::changelog)];
  counters_.dropped += batch.dropped;
  ++counters_.batches;
  if (probe_) probe_->committed(batch.written, batch.records, Clock::now() - batch.opened_at);
}

Status BatchEngine::abort_open_batch(AbortCause cause, const Status& why, bool rewind) {
  size_t records = tally_.records;
  for (const auto& batch : sealed_) records += batch.tally.records;
  spdlog::warn("{}: aborting the open batch ({} records{}) after a failed {}: {} ({}){}", options_.worker_name,
               records, sealed_.empty() ? "" : fmt::format(", {} batches awaiting delivery", sealed_.size()),
               to_string(cause), why.message(), to_string(why.error_class()), rewind ? "; processing it again" : "");
  ++counters_.aborts;
  if (probe_) probe_->aborted(cause, why);
  end_commit_in_flight();
  const bool had_state = open_ || begun_;
  if (begun_) {
    Status aborted = retry("abort", [&] { return committer_.abort(); });
    if (!aborted.is_ok()) return aborted.is_fatal() ? aborted : Status::fatal("abort failed: " + aborted.message());
    begun_ = false;
  }
  // The records written so far are given up; a failed delivery reported for
  // one of them later is not the next batch's error.
  sink_.forget_written();
  if (pipeline_ && had_state) {
    // A transaction's changelog entries are gone with it, so the index must
    // forget them too; written entries (at-least-once) stay valid.
    if (committer_.discards_writes_on_abort())
      pipeline_->rollback_state();
    else
      pipeline_->commit_state();
  }
  sealed_.clear();
  close_open_batch();
  if (!rewind) return Status::ok();
  Status rewound = retry("rewind to the committed offsets", [&] { return source_.rewind(); });
  return rewound.is_ok() ? rewound : Status::fatal("cannot rewind the source: " + rewound.message());
}

void BatchEngine::close_open_batch() {
  open_ = false;
  offsets_.clear();
  tally_ = {};
}

void BatchEngine::on_revoke(bool lost) {
  if (open_ || !sealed_.empty() || in_flight_) {
    // Partitions are leaving: what was processed from them is committed now
    // (or, when they were lost, aborted), before the next owner reads them;
    // a commit in flight lands first, else the next owner would read the
    // offsets from before it and process its records again.
    Status s = lost ? abort_open_batch(AbortCause::partitions_lost,
                                       Status::abortable("partitions lost in a rebalance"), false)
                    : commit_open_batch(false);
    if (s.is_fatal()) revoke_status_ = s;
  }
  committer_.partitions_revoked();
}

}  // namespace newsflow::engine
