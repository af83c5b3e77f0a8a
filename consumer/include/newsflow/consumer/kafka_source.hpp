#pragma once
// Kafka input: one consumer in the stage's group. Offsets are never
// auto-committed; the run loop commits a batch's offsets once the batch's
// outputs are delivered. Not thread-safe: one KafkaSource per worker thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/record.hpp"

namespace newsflow::consumer {

// Partition -> next offset to consume (last processed + 1), per topic.
using OffsetMap = std::map<std::pair<std::string, int32_t>, int64_t>;

struct KafkaSourceOptions {
  std::string topic;
  std::map<std::string, std::string> properties;  // bootstrap.servers, group.id, pass-through
  // Called from poll with librdkafka's statistics JSON.
  std::function<void(std::string_view json)> on_statistics;
  // Called from poll when partitions are assigned or revoked.
  std::function<void(const std::string& event, const std::vector<std::pair<std::string, int32_t>>& partitions)>
      on_rebalance;
};

enum class PollStatus { ok, fatal };

// Copies a consumed message (key, value, headers, origin) out of librdkafka's buffer.
RawRecord to_raw_record(const rd_kafka_message_t* msg);

class KafkaSource {
 public:
  explicit KafkaSource(KafkaSourceOptions options);
  ~KafkaSource();  // closes the consumer (leaves the group) if close() was not called
  KafkaSource(const KafkaSource&) = delete;
  KafkaSource& operator=(const KafkaSource&) = delete;

  // Appends up to max records, waiting at most timeout_ms for the first.
  // Returns fatal (with error()) on an unrecoverable consumer error.
  PollStatus poll_batch(std::vector<RawRecord>& batch, size_t max, int timeout_ms);

  // Synchronously commits offsets. Returns false with error() on failure; the
  // offsets are then kept and committed again before the partitions are
  // revoked (a commit refused while the group rebalances would otherwise make
  // the next owner redo records that were already delivered).
  bool commit(const OffsetMap& offsets);

  // Leaves the group cleanly (runs the revoke path). Idempotent.
  void close();

  size_t assigned_partitions() const { return assigned_.load(); }
  const std::string& error() const { return error_; }
  rd_kafka_t* handle() { return rk_.get(); }

 private:
  static void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                           void* opaque);
  static int stats_cb(rd_kafka_t* rk, char* json, size_t len, void* opaque);

  KafkaSourceOptions options_;
  // Member order matters: the queue must be destroyed before the handle.
  kafka::Handle rk_;
  kafka::Queue queue_;
  std::vector<rd_kafka_message_t*> messages_;  // reused batch buffer
  std::atomic<size_t> assigned_{0};
  std::string error_;
  OffsetMap pending_;  // delivered but not yet committed
  bool closed_ = false;
};

}  // namespace newsflow::consumer
