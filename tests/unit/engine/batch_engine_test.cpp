// The batch engine against in-memory seams: routing, commit boundaries, and
// what an abort, a retriable error and a fatal error do. The Kafka seams are
// tested on the real broker (tests/integration).
#include "newsflow/engine/batch_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "memory_seams.hpp"

namespace newsflow::engine {
namespace {

using namespace memory;

TEST(BatchEngineTest, BoundedSourceIsProcessedAndCommittedOnce) {
  Fixture f;
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_TRUE(r.end_of_input);
  EXPECT_EQ(f.committer.commits, 1);
  EXPECT_EQ(f.committed, 4u);
  EXPECT_EQ(f.source.committed, 4u);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b"}));  // c dropped
  EXPECT_EQ(f.sink.visible(Destination::dead_letter), (std::vector<std::string>{"not json"}));
  EXPECT_EQ(f.sink.visible(Destination::changelog).size(), 3u);  // a, b and a's copy count (c)
}

TEST(BatchEngineTest, DuplicatePolicyRoutesOrEmits) {
  for (const auto policy : {DuplicatePolicy::route, DuplicatePolicy::emit}) {
    Fixture f;
    f.options.on_duplicate = policy;
    ASSERT_TRUE(f.run().status.is_ok());
    const auto out = f.sink.visible(Destination::output);
    const auto dup = f.sink.visible(Destination::duplicate);
    if (policy == DuplicatePolicy::route) {
      EXPECT_EQ(out, (std::vector<std::string>{"a", "b"}));
      EXPECT_EQ(dup, (std::vector<std::string>{"c"}));
    } else {
      EXPECT_EQ(out, (std::vector<std::string>{"a", "b", "c"}));
      EXPECT_TRUE(dup.empty());
    }
  }
}

TEST(BatchEngineTest, CommitRecordsBoundTheBatch) {
  Fixture f;
  f.options.commit_max_records = 2;
  ASSERT_TRUE(f.run().status.is_ok());
  EXPECT_EQ(f.committer.commits, 2);
}

// What the index must hold after a, b and c (a's copy) committed once: a
// and b stored, a seen twice.
const std::vector<std::string> kOnceCommittedChangelog = {"dedup:a", "dedup:b",
                                                          "dedup-copies:a=v2 0000000000000002"};

// The retried batch must not find its own articles in the index: the
// aborted transaction's fingerprints are rolled back with it. Without the
// rollback the retry finds a and b stored already (the same records: not
// duplicates, but not stored again either), so the committed changelog
// would lack them and count c's copy twice.
TEST(BatchEngineTest, AbortRewindsAndRollsBackState) {
  Fixture f;
  f.committer.results = {Status::abortable("coordinator fenced the epoch")};
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(f.committer.aborts, 1);
  EXPECT_EQ(f.source.rewinds, 1);
  EXPECT_EQ(f.polled, 8u);
  EXPECT_EQ(f.committed, 4u);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.sink.visible(Destination::dead_letter).size(), 1u);
  EXPECT_EQ(f.sink.visible(Destination::changelog), kOnceCommittedChangelog);
  EXPECT_EQ(processors::dedup_index_size(*f.index), 2u);
}

// Partitions lost (the group moved on without this member): the open
// transaction is aborted, never committed, the engine does not rewind (the
// partitions are no longer its own) and the index forgets the batch, so
// whoever reads the records next (here this worker, assigned them again)
// processes them as new.
TEST(BatchEngineTest, LostPartitionsAbortTheOpenBatchAndRollBackState) {
  Fixture f;
  f.source.revoke_at_ = 4;  // after a, b, c and the bad record, before the commit at the end
  f.source.lose_ = true;
  f.source.bounded_ = false;
  std::atomic<bool> stop{false};
  f.source.on_poll = [&](size_t position, std::chrono::milliseconds) {
    if (position == 4 && f.committer.aborts == 1 && !f.source.revoke_at_) stop = true;
  };
  // The first four records in one batch, so the loss finds it open.
  f.options.poll_max_records = 4;
  BatchEngine whole(f.options, f.source, f.pipeline.get(), f.sink, f.committer, nullptr);
  const EngineResult r = whole.run(stop);
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(f.committer.aborts, 1);
  EXPECT_EQ(f.source.rewinds, 0);
  // Committed once, at the stop, after the records came again.
  EXPECT_EQ(f.committer.commits, 1);
  EXPECT_EQ(whole.counters().polled.load(), 8u);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.sink.visible(Destination::changelog), kOnceCommittedChangelog);
  EXPECT_EQ(processors::dedup_index_size(*f.index), 2u);
}

// The time bound: an open batch is committed once commit_interval has passed,
// with the record bound far off and the source unbounded (so neither the
// record count nor the end of the input can be what commits it), and no
// poll waits past the moment it is due.
TEST(BatchEngineTest, CommitIntervalBoundsTheBatchInTime) {
  Fixture f;
  f.source.bounded_ = false;
  f.options.commit_interval = std::chrono::milliseconds(50);
  f.options.poll_wait = std::chrono::milliseconds(1000);
  std::atomic<bool> stop{false};
  std::chrono::milliseconds longest_wait_while_open{0};
  int commits_before_stop = -1;
  const auto started = std::chrono::steady_clock::now();
  f.source.on_poll = [&](size_t position, std::chrono::milliseconds wait) {
    if (position < 4) return;
    if (f.committer.commits == 0) {
      longest_wait_while_open = std::max(longest_wait_while_open, wait);
      std::this_thread::sleep_for(wait);  // nothing new arrives: poll waits as told
    }
    // A generous deadline: a commit never due would otherwise spin forever.
    if (f.committer.commits > 0 || std::chrono::steady_clock::now() - started > std::chrono::seconds(20)) {
      if (commits_before_stop < 0) commits_before_stop = f.committer.commits;
      stop = true;
    }
  };
  BatchEngine engine(f.options, f.source, f.pipeline.get(), f.sink, f.committer, nullptr);
  ASSERT_TRUE(engine.run(stop).status.is_ok());
  EXPECT_EQ(commits_before_stop, 1);
  EXPECT_EQ(f.source.committed, 4u);
  EXPECT_LE(longest_wait_while_open, f.options.commit_interval);
}

TEST(BatchEngineTest, AtLeastOnceAbortKeepsStateAndRepeats) {
  Fixture f(/*transactional=*/false);
  f.committer.results = {Status::abortable("rebalance in progress")};
  ASSERT_TRUE(f.run().status.is_ok());
  // The first attempt's outputs stayed written: at-least-once repeats them,
  // and the redelivered records are not duplicates of themselves.
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "a", "b"}));
}

TEST(BatchEngineTest, RetriableErrorsAreRetried) {
  Fixture f;
  f.sink.flush_results = {Status::retriable("timed out"), Status::retriable("timed out")};
  f.committer.results = {Status::retriable("coordinator loading")};
  ASSERT_TRUE(f.run().status.is_ok());
  EXPECT_EQ(f.committer.aborts, 0);
  EXPECT_EQ(f.committer.commits, 1);
}

TEST(BatchEngineTest, OutageLimitEndsRetryingWithAFatalError) {
  Fixture f;
  for (int i = 0; i < 100; ++i) f.sink.flush_results.push_back(Status::retriable("broker down"));
  const EngineResult r = f.run();
  EXPECT_TRUE(r.status.is_fatal());
  EXPECT_NE(r.status.message().find("processing.outage_limit"), std::string::npos) << r.status.message();
}

TEST(BatchEngineTest, GivingUpIsReportedBeforeTheTeardown) {
  // The stage bounds the teardown's blocking calls from this report on.
  struct GiveUpProbe : EngineProbe {
    std::vector<std::string> reasons;
    size_t closes_seen = 0;
    const LogSource* source = nullptr;
    void gave_up(const Status& why) override {
      reasons.push_back(why.message());
      closes_seen = source->closes;
    }
  } probe;
  Fixture f;
  probe.source = &f.source;
  f.probe = &probe;
  for (int i = 0; i < 100; ++i) f.sink.flush_results.push_back(Status::retriable("broker down"));
  const EngineResult r = f.run();
  ASSERT_EQ(probe.reasons.size(), 1u);
  EXPECT_EQ(probe.reasons[0], r.status.message());
  EXPECT_EQ(probe.closes_seen, 0u);
  EXPECT_GE(f.source.closes, 1u);
}

TEST(BatchEngineTest, FatalErrorStopsWithoutCommitting) {
  Fixture f;
  f.committer.results = {Status::fatal("producer fenced")};
  const EngineResult r = f.run();
  EXPECT_TRUE(r.status.is_fatal());
  EXPECT_EQ(r.status.message(), "producer fenced");
  EXPECT_TRUE(f.sink.stored.empty());
  EXPECT_EQ(f.source.committed, 0u);
}

TEST(BatchEngineTest, RevokeCommitsTheOpenBatch) {
  Fixture f;
  f.source.revoke_at_ = 2;  // after the first poll of two records
  ASSERT_TRUE(f.run().status.is_ok());
  EXPECT_EQ(f.committer.commits, 2);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b"}));
}

// At-least-once: the worker goes on with the next batch while a sealed one
// is delivered, and commits the sealed ones in order.
TEST(BatchEngineTest, AtLeastOnceCommitsSealedBatchesInOrderAfterDelivery) {
  Fixture f(/*transactional=*/false);
  f.committer.after_delivery = true;
  f.options.commit_max_records = 2;
  f.sink.delivery_reports = {std::nullopt, std::nullopt};  // the first batch is slow to be delivered
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(f.committer.commits, 2);
  EXPECT_EQ(f.committed, 4u);
  EXPECT_EQ(f.source.committed, 4u);
  const auto& ev = f.sink.events;
  const auto at = [&](const std::string& e) { return std::find(ev.begin(), ev.end(), e) - ev.begin(); };
  ASSERT_LT(at("commit 2"), static_cast<long>(ev.size()));
  EXPECT_LT(at("write not json"), at("commit 2"));  // the second batch did not wait for the first
  EXPECT_LT(at("commit 2"), at("commit 4"));
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b"}));
}

// Only waiting (the end of the input, a revoke, a stop) confirms a commit;
// in steady state it is sent without waiting for the answer.
TEST(BatchEngineTest, AtLeastOnceSendsCommitsWithoutWaitingUntilTheEnd) {
  Fixture f(/*transactional=*/false, {"1", "2", "3", "4", "5", "6"});
  f.committer.after_delivery = true;
  f.options.passthrough = true;
  f.options.commit_max_records = 2;
  ASSERT_TRUE(f.run().status.is_ok());
  EXPECT_EQ(f.committer.commits, 3);
  EXPECT_EQ(f.committer.sent_without_waiting, 2);  // the last batch, at the end, waits
  EXPECT_EQ(f.source.committed, 6u);
}

TEST(BatchEngineTest, AtLeastOnceFailedDeliveryAbortsTheSealedBatchAndRepeats) {
  Fixture f(/*transactional=*/false);
  f.committer.after_delivery = true;
  f.options.commit_max_records = 2;
  f.sink.delivery_reports = {Status::abortable("delivery to 'out' failed: Local: Message timed out")};
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(f.source.rewinds, 1);
  EXPECT_EQ(f.sink.forgotten, 1);
  EXPECT_EQ(f.committed, 4u);
  EXPECT_EQ(f.source.committed, 4u);
  // Nothing is lost: the aborted batch's records come again (and at-least-once
  // may show them twice).
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "a", "b"}));
}

TEST(BatchEngineTest, AtLeastOnceRevokeCommitsSealedAndOpenBatches) {
  Fixture f(/*transactional=*/false);
  f.committer.after_delivery = true;
  f.options.commit_max_records = 2;
  f.sink.delivery_reports = {std::nullopt, std::nullopt, std::nullopt};
  f.source.revoke_at_ = 4;  // with the first batch sealed and undelivered
  ASSERT_TRUE(f.run().status.is_ok());
  EXPECT_EQ(f.committer.commits, 2);
  EXPECT_EQ(f.source.committed, 4u);
}

TEST(BatchEngineTest, PassthroughCopiesInput) {
  Fixture f(true, {"x", "y"});
  f.options.passthrough = true;
  BatchEngine engine(f.options, f.source, nullptr, f.sink, f.committer, nullptr);
  const std::atomic<bool> stop{false};
  ASSERT_TRUE(engine.run(stop).status.is_ok());
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"x", "y"}));
}

}  // namespace
}  // namespace newsflow::engine
