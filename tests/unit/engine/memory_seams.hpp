#pragma once
// In-memory seams for the batch engine's tests: a partitioned log, a sink
// whose writes become visible at a commit, a committer that can fail, hold a
// commit back or let it overlap the next batch.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <functional>
#include <thread>

#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/processors/normalize.hpp"

namespace newsflow::engine::memory {

// A partitioned log: polls from a position, rewinds to the committed one.
class LogSource final : public BatchSource {
 public:
  explicit LogSource(std::vector<std::string> values) : values_(std::move(values)) {}
  Status poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) override {
    if (revoke_at_ && position_ == *revoke_at_ && handler_) {
      revoke_at_.reset();
      handler_(lose_);
      // Assigned again (to this worker, say): it reads from the committed offsets.
      if (lose_) position_ = committed;
    }
    if (on_poll) on_poll(position_, wait);
    for (size_t n = 0; n < max && position_ < values_.size(); ++n, ++position_) {
      RawRecord r;
      r.value = values_[position_];
      r.origin = Origin{"in", 0, static_cast<int64_t>(position_), 0};
      batch.push_back(std::move(r));
    }
    return Status::ok();
  }
  bool exhausted() const override { return bounded_ && position_ >= values_.size(); }
  Status rewind() override {
    ++rewinds;
    position_ = committed;
    return Status::ok();
  }
  void on_revoke(RevokeHandler h) override { handler_ = std::move(h); }
  void close() override { ++closes; }

  size_t committed = 0;
  size_t closes = 0;
  int rewinds = 0;
  bool bounded_ = true;
  std::optional<size_t> revoke_at_;
  bool lose_ = false;  // the revoke at revoke_at_ is a loss (rd_kafka_assignment_lost)
  std::function<void(size_t position, std::chrono::milliseconds wait)> on_poll;

 private:
  std::vector<std::string> values_;
  size_t position_ = 0;
  RevokeHandler handler_;
};

// Records what a batch wrote; a commit makes the open writes visible (like
// a transaction) and a discarding abort drops them.
class MemorySink final : public RecordSink {
 public:
  Status write(Destination d, const RawRecord&, const ProcessedRecord& r) override { return add(d, r.key); }
  Status write_dead_letter(const RawRecord& input, const ProcessedRecord&) override {
    return add(Destination::dead_letter, input.value);
  }
  Status write_state_change(const StateChange& c) override {
    return add(Destination::changelog, c.key.starts_with("dedup-copies:") ? c.key + "=" + c.value.value_or("") : c.key);
  }
  Status write_passthrough(const RawRecord& input) override { return add(Destination::output, input.value); }
  Status flush() override {
    if (!flush_results.empty()) {
      Status s = flush_results.front();
      flush_results.pop_front();
      return s;
    }
    return Status::ok();
  }
  // Marks count writes; delivered() answers from delivery_reports (nullopt:
  // not yet), then says delivered.
  Mark mark() override { return open.size() + stored.size(); }
  std::optional<Status> delivered(Mark) override {
    if (delivery_reports.empty()) return Status::ok();
    std::optional<Status> report = delivery_reports.front();
    delivery_reports.pop_front();
    return report;
  }
  void forget_written() override { ++forgotten; }
  Status add(Destination d, std::string key) {
    events.push_back("write " + key);
    open.emplace_back(d, std::move(key));
    return Status::ok();
  }
  std::vector<std::string> visible(Destination d) const {
    std::vector<std::string> out;
    for (const auto& [dest, key] : stored)
      if (dest == d) out.push_back(key);
    return out;
  }
  std::vector<std::pair<Destination, std::string>> open, stored;
  std::deque<Status> flush_results;
  std::deque<std::optional<Status>> delivery_reports;
  std::vector<std::string> events;  // writes and commits, in order
  int forgotten = 0;
};

class MemoryCommitter final : public Committer {
 public:
  MemoryCommitter(LogSource& source, MemorySink& sink, bool transactional)
      : source_(source), sink_(sink), transactional_(transactional) {}
  Status begin() override { return Status::ok(); }
  Status commit(const OffsetMap& offsets) override {
    if (hold_commit) hold_commit();
    if (!results.empty()) {
      Status s = results.front();
      results.pop_front();
      if (!s.is_ok()) return s;
    }
    for (auto& w : sink_.open) sink_.stored.push_back(w);
    sink_.open.clear();
    if (auto it = offsets.find({"in", 0}); it != offsets.end()) {
      source_.committed = static_cast<size_t>(it->second);
      sink_.events.push_back("commit " + std::to_string(it->second));
    }
    ++commits;
    return Status::ok();
  }
  Status abort() override {
    ++aborts;
    if (!transactional_) {  // at-least-once: what was written stays written
      for (auto& w : sink_.open) sink_.stored.push_back(w);
    }
    sink_.open.clear();
    return Status::ok();
  }
  bool discards_writes_on_abort() const override { return transactional_; }
  bool commits_after_delivery() const override { return after_delivery; }
  bool commit_can_overlap() const override { return overlap; }
  Status send_commit(const OffsetMap& offsets) override {
    ++sent_without_waiting;
    return commit(offsets);
  }
  std::string_view name() const override { return "memory"; }

  std::deque<Status> results;
  std::atomic<int> commits{0};  // counted on the committing thread
  int aborts = 0;
  bool after_delivery = false;  // like the at-least-once OffsetCommitter
  bool overlap = false;          // like the exactly-once TransactionCommitter
  std::function<void()> hold_commit;  // runs first in commit(), on the thread that commits
  int sent_without_waiting = 0;

 private:
  LogSource& source_;
  MemorySink& sink_;
  bool transactional_;
};

inline std::string article(const std::string& id, const std::string& body) {
  return R"({"id":")" + id + R"(","title":"T )" + id + R"(","body":")" + body + R"("})";
}

const std::string kStory =
    "The harbour board in Bergen voted on Tuesday to close the old ferry terminal after forty years of service, "
    "citing falling passenger numbers and the cost of repairs to the quay, which engineers say is unsafe.";
const std::string kOther =
    "A regional court in Lyon ruled that the city council had acted lawfully when it refused a permit for a "
    "new shopping centre on farmland, ending a dispute that had lasted more than six years in the courts.";

struct Fixture {
  explicit Fixture(bool transactional = true, std::vector<std::string> values = {})
      : source(values.empty() ? std::vector<std::string>{article("a", kStory), article("b", kOther),
                                                          article("c", kStory), "not json"}
                              : std::move(values)),
        committer(source, sink, transactional),
        index(processors::make_dedup_index({})) {
    std::vector<std::unique_ptr<processors::Processor>> chain;
    chain.push_back(processors::make_normalize_processor(processors::load_normalize_rules(
        std::string(NEWSFLOW_DATA_DIR_FOR_TESTS) + "/normalize/chrome.rules")));
    chain.push_back(processors::make_dedup_processor(index));
    pipeline = std::make_unique<processors::Pipeline>(processors::ParserOptions{}, processors::SerializerOptions{},
                                                      std::move(chain));
    options.poll_max_records = 2;
    options.commit_max_records = 100;
    options.commit_interval = std::chrono::hours(1);
    options.outage_limit = std::chrono::milliseconds(400);
  }
  EngineResult run() {
    BatchEngine engine(options, source, pipeline.get(), sink, committer, probe);
    const std::atomic<bool> stop{false};
    EngineResult r = engine.run(stop);
    polled = engine.counters().polled.load();
    committed = engine.counters().committed.load();
    return r;
  }
  LogSource source;
  MemorySink sink;
  MemoryCommitter committer;
  std::shared_ptr<processors::DedupIndex> index;
  std::unique_ptr<processors::Pipeline> pipeline;
  EngineOptions options;
  EngineProbe* probe = nullptr;
  uint64_t polled = 0, committed = 0;
};


}  // namespace newsflow::engine::memory
