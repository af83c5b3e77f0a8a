#pragma once
// The one processor contract. A processor reads and enriches an Article and
// returns an explicit outcome; it never sees Kafka, files or metrics.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/core/article.hpp"
#include "newsflow/core/errors.hpp"
#include "newsflow/core/record.hpp"

namespace newsflow::processors {

struct Outcome {
  enum class Kind { pass, duplicate, reject };
  Kind kind = Kind::pass;
  std::string duplicate_of;  // duplicate only
  Rejection rejection;       // reject only

  static Outcome pass() { return {}; }
  static Outcome duplicate(std::string of) { return {Kind::duplicate, std::move(of), {}}; }
  static Outcome reject(RecordError error, std::string message) {
    return {Kind::reject, {}, Rejection{error, std::move(message)}};
  }
};

std::string_view to_string(Outcome::Kind k);

// Processors are used by one worker thread at a time. Stateless processors
// hold only immutable rule tables and per-worker scratch buffers.
class Processor {
 public:
  virtual ~Processor() = default;
  virtual std::string_view name() const = 0;
  virtual Outcome process(Article& article) = 0;
};

// A processor whose decisions depend on what it has seen before (dedup).
// Its state is rebuilt from the changes it emits: the run loop writes them to
// a compacted topic (or a state file) and replays them into restore() on start.
class StatefulProcessor : public Processor {
 public:
  // Moves the changes made since the last call into out.
  virtual void drain_state_changes(std::vector<StateChange>& out) = 0;
  // Applies one change read back from the changelog. Returns false when the
  // change is malformed (it is skipped and counted by the caller).
  virtual bool restore(const StateChange& change) = 0;
  // The batch whose changes were last drained is durable: nothing to undo.
  virtual void commit_state() = 0;
  // That batch was aborted: undo every change made since the last
  // commit_state(), drained or not, so the retried batch sees the state as it
  // was before.
  virtual void rollback_state() = 0;
};

// Per-processor hooks the decorator calls; the app implements them with
// Prometheus metrics. Kept here so processors stay free of metrics code.
class ProcessorProbe {
 public:
  virtual ~ProcessorProbe() = default;
  virtual void observe(Outcome::Kind kind, std::chrono::nanoseconds elapsed) = 0;
};

// Counts and times the processor it wraps.
class InstrumentedProcessor final : public Processor {
 public:
  InstrumentedProcessor(std::unique_ptr<Processor> inner, std::shared_ptr<ProcessorProbe> probe);
  std::string_view name() const override { return inner_->name(); }
  Outcome process(Article& article) override;
  Processor& inner() { return *inner_; }

 private:
  std::unique_ptr<Processor> inner_;
  std::shared_ptr<ProcessorProbe> probe_;
};

}  // namespace newsflow::processors
