#pragma once
// Kafka input: one consumer in the stage's group, a BatchSource for the batch
// engine. Offsets are never auto-committed: an OffsetCommitter (at-least-once)
// or the producer's transaction (exactly-once) commits them once the batch's
// outputs are stored. Reads committed records only (read_committed), so
// aborted transactions upstream are never processed.
// Not thread-safe: one KafkaSource per worker thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/record.hpp"
#include "newsflow/core/seams.hpp"

namespace newsflow::consumer {

using newsflow::OffsetMap;

struct KafkaSourceOptions {
  std::string topic;
  std::map<std::string, std::string> properties;  // bootstrap.servers, group.id, pass-through
  // Called from poll with librdkafka's statistics JSON.
  std::function<void(std::string_view json)> on_statistics;
  // Called from poll after partitions are assigned or revoked (metrics, logs).
  std::function<void(const std::string& event, const std::vector<std::pair<std::string, int32_t>>& partitions)>
      on_rebalance;
};

// Copies a consumed message (key, value, headers, origin) out of librdkafka's buffer.
RawRecord to_raw_record(const rd_kafka_message_t* msg);

class KafkaSource final : public BatchSource {
 public:
  explicit KafkaSource(KafkaSourceOptions options);
  ~KafkaSource() override;  // closes the consumer (leaves the group) if close() was not called
  KafkaSource(const KafkaSource&) = delete;
  KafkaSource& operator=(const KafkaSource&) = delete;

  // Takes what the consumer has fetched already without waiting; waits up to
  // `wait` only when nothing is there, so a record never waits for others to
  // fill a batch. Fatal (the consumer's fatal error) stops the worker.
  Status poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) override;

  // Seeks every assigned partition back to its committed offset (the
  // beginning when none is committed, as auto.offset.reset=earliest).
  Status rewind() override;

  void on_revoke(RevokeHandler handler) override { revoke_handler_ = std::move(handler); }

  // Leaves the group cleanly (runs the revoke path). Idempotent.
  void close() override;

  size_t assigned_partitions() const { return assigned_.load(); }
  rd_kafka_t* handle() { return rk_.get(); }

 private:
  static void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                           void* opaque);
  static int stats_cb(rd_kafka_t* rk, char* json, size_t len, void* opaque);
  size_t take(std::vector<RawRecord>& batch, size_t max, int timeout_ms, Status& status);

  KafkaSourceOptions options_;
  // Member order matters: the queue must be destroyed before the handle.
  kafka::Handle rk_;
  kafka::Queue queue_;
  std::vector<rd_kafka_message_t*> messages_;  // reused batch buffer
  std::atomic<size_t> assigned_{0};
  RevokeHandler revoke_handler_;
  bool closed_ = false;
};

// The at-least-once committer: after the sink has stored a batch's records,
// commits its offsets with the consumer. The engine calls it once a sealed
// batch's records are delivered, in batch order, while later batches are
// processed (commits_after_delivery); in steady state without waiting for
// the answer (send_commit), on a revoke or a stop waiting (commit).
class OffsetCommitter final : public Committer {
 public:
  // consumer: the handle whose group the offsets are committed to (null: a
  // replay from a file, nothing to commit). Destroy before it.
  explicit OffsetCommitter(rd_kafka_t* consumer);
  Status begin() override { return Status::ok(); }
  Status commit(const OffsetMap& next_offsets) override;
  Status send_commit(const OffsetMap& next_offsets) override;
  void partitions_revoked() override;
  Status abort() override { return Status::ok(); }  // the records are stored; nothing to take back
  bool discards_writes_on_abort() const override { return false; }
  bool commits_after_delivery() const override { return true; }
  std::string_view name() const override { return "at_least_once"; }

 private:
  // Reads the answers to commits sent earlier: a retriable failure's offsets
  // are kept to be sent again (unless a later commit of that partition went
  // out), an abortable or fatal one is returned.
  Status collect_answers();
  // next_offsets plus what is to be sent again; remembers what went out.
  kafka::PartitionList outgoing(const OffsetMap& next_offsets);

  rd_kafka_t* consumer_;
  kafka::Queue answers_;  // of commits sent without waiting
  OffsetMap sent_;        // the last offset sent per partition
  OffsetMap resend_;      // sent, failed retriably, not covered by a later one
};

// librdkafka's error for a consumer offset commit, by what the loop should do.
Status classify_commit_error(rd_kafka_resp_err_t err);

}  // namespace newsflow::consumer
