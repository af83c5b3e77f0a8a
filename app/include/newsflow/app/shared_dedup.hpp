#pragma once
// The dedup index of one instance kept in step with the group's compacted
// changelog topic: read to its end at start-up, then followed for as long as
// the stage runs, so a fingerprint another instance committed is in this
// index within the propagation delay (newsflow_dedup_propagation_seconds),
// not only after the next restart. read_committed: an aborted batch's entries
// never reach another instance. docs/dedup.md, "Shared state".
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "newsflow/app/config.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::app {

struct ChangelogRead {
  uint64_t records = 0, skipped = 0;
  bool topic_exists = true;
  double seconds = 0;
};

class SharedDedupState {
 public:
  // metrics may be null (no propagation or race metrics).
  SharedDedupState(const Config& config, std::string changelog_topic, processors::DedupIndex& index,
                   Metrics* metrics);
  ~SharedDedupState();

  // Start-up: reads the changelog to its end into the index. With
  // create_if_missing the topic is created (compacted) when it does not
  // exist yet; `newsflow replay` only reads.
  ChangelogRead restore(bool create_if_missing);
  // Applies the entries the other instances commit until stop (this
  // instance's own entries are already in its index: skipped).
  void follow(const std::atomic<bool>& stop);

  // The newsflow_writer header value of this process's changelog entries:
  // the instance id and a per-process nonce, so even two processes that
  // share an instance id (a misconfiguration) still see each other's entries.
  const std::string& writer() const { return writer_; }

 private:
  void apply(const RawRecord& record, bool tombstone, bool live);

  const Config& config_;
  std::string topic_;
  processors::DedupIndex& index_;
  Metrics* metrics_;
  std::string writer_;
  std::unique_ptr<consumer::TopicFollower> follower_;
  uint64_t skipped_ = 0;
};

}  // namespace newsflow::app
