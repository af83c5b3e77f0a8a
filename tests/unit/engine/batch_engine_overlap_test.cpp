// Exactly-once with overlapping commits: a due batch's transaction commits
// on another thread while the next batch is processed, its writes held until
// that commit returns. What must hold: nothing of the next batch reaches the
// sink before the commit, a failed commit takes both batches back (state
// included), and a committed batch stays committed when the next one aborts.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "memory_seams.hpp"

namespace newsflow::engine {
namespace {

using namespace memory;

const std::string kThird =
    "Fishermen on the northern coast of Portugal protested on Monday against new quotas for sardines, blocking "
    "the port of Matosinhos with more than a hundred boats for most of the morning.";
const std::string kFourth =
    "The national library in Prague reopened its baroque reading room after a restoration that took three years "
    "and uncovered ceiling paintings hidden under layers of grey paint since the nineteen-fifties.";

// Four distinct stories, two per batch; the first commit is held back until
// the engine has started polling the second batch (at most 5 s: a commit that
// never overlaps then shows as `overlapped == false`).
struct OverlapFixture : Fixture {
  OverlapFixture()
      : Fixture(true, {article("a", kStory), article("b", kOther), article("c", kThird), article("d", kFourth)}) {
    committer.overlap = true;
    options.commit_max_records = 2;
    source.on_poll = [this](size_t position, std::chrono::milliseconds) {
      if (position >= 2) second_polled = true;
    };
    committer.hold_commit = [this] {
      if (commits_held++ > 0) return;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (!second_polled && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      overlapped = second_polled.load();
      // Give the worker time to process and hold the second batch.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    };
  }
  long at(const std::string& event) const {
    const auto& ev = sink.events;
    return std::find(ev.begin(), ev.end(), event) - ev.begin();
  }
  std::atomic<bool> second_polled{false};
  std::atomic<int> commits_held{0};
  bool overlapped = false;
};

TEST(BatchEngineOverlapTest, NextBatchIsProcessedWhileTheCommitRunsAndWrittenAfterIt) {
  OverlapFixture f;
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_TRUE(f.overlapped);
  EXPECT_EQ(f.committer.commits, 2);
  ASSERT_LT(f.at("commit 2"), static_cast<long>(f.sink.events.size()));
  // Held: c was processed during the first commit but written after it.
  EXPECT_LT(f.at("commit 2"), f.at("write c"));
  EXPECT_LT(f.at("write d"), f.at("commit 4"));
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(f.sink.visible(Destination::changelog),
            (std::vector<std::string>{"dedup:a", "dedup:b", "dedup:c", "dedup:d"}));
  EXPECT_EQ(f.committed, 4u);
}

TEST(BatchEngineOverlapTest, FailedCommitAbortsBothBatchesAndRollsBackTheirState) {
  OverlapFixture f;
  f.committer.results = {Status::abortable("coordinator fenced the epoch")};
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_TRUE(f.overlapped);
  EXPECT_EQ(f.committer.aborts, 1);
  EXPECT_EQ(f.source.rewinds, 1);
  EXPECT_EQ(f.source.committed, 4u);
  // The held batch never reached the sink before the abort; once processed
  // again, every story is stored once (a rollback missing the second batch's
  // stories would leave dedup:c and dedup:d out of the changelog).
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(f.sink.visible(Destination::changelog),
            (std::vector<std::string>{"dedup:a", "dedup:b", "dedup:c", "dedup:d"}));
  EXPECT_EQ(processors::dedup_index_size(*f.index), 4u);
}

TEST(BatchEngineOverlapTest, CommittedBatchStaysWhenTheNextAborts) {
  OverlapFixture f;
  f.committer.results = {Status::ok(), Status::abortable("coordinator fenced the epoch")};
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_TRUE(f.overlapped);
  EXPECT_EQ(f.committer.aborts, 1);
  EXPECT_EQ(f.source.rewinds, 1);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "c", "d"}));
  // The first commit made only its own stories durable: the second batch's
  // were rolled back with it and stored again by the retry.
  EXPECT_EQ(f.sink.visible(Destination::changelog),
            (std::vector<std::string>{"dedup:a", "dedup:b", "dedup:c", "dedup:d"}));
  EXPECT_EQ(processors::dedup_index_size(*f.index), 4u);
}

TEST(BatchEngineOverlapTest, RetriableCommitIsRetriedOnTheWorkersThread) {
  OverlapFixture f;
  f.committer.results = {Status::retriable("coordinator loading")};
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(f.committer.aborts, 0);
  EXPECT_EQ(f.committer.commits, 2);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "c", "d"}));
}

// A rebalance between the launch of a commit and its return: the revoke
// waits for it, or the next owner would read the offsets from before it and
// process its records again (the chaos test's duplicates).
TEST(BatchEngineOverlapTest, RevokeWaitsForTheCommitInFlight) {
  Fixture f(true, {article("a", kStory), article("b", kOther), article("c", kThird), article("d", kFourth)});
  f.committer.overlap = true;
  f.options.commit_max_records = 2;
  f.source.revoke_at_ = 2;  // the first poll after the first batch's commit went off
  f.committer.hold_commit = [] { std::this_thread::sleep_for(std::chrono::milliseconds(100)); };
  int commits_when_revoked = -1;
  f.source.on_poll = [&](size_t position, std::chrono::milliseconds) {
    if (position == 2 && commits_when_revoked < 0) commits_when_revoked = f.committer.commits;
  };
  const EngineResult r = f.run();
  ASSERT_TRUE(r.status.is_ok()) << r.status.message();
  EXPECT_EQ(commits_when_revoked, 1);
  EXPECT_EQ(f.sink.visible(Destination::output), (std::vector<std::string>{"a", "b", "c", "d"}));
}

}  // namespace
}  // namespace newsflow::engine
