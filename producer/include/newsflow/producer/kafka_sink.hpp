#pragma once
// Kafka output: one idempotent producer per worker for enriched records,
// dead letters, routed duplicates and dedup changelog entries. The run loop
// produces a whole batch, then await_delivery() waits for every delivery
// report of it: that is the point after which the batch may be committed.
// Under exactly-once (next) the same boundary becomes one transaction.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/record.hpp"

namespace newsflow::producer {

struct KafkaSinkOptions {
  std::map<std::string, std::string> properties;  // bootstrap.servers and pass-through
  // Called from poll with librdkafka's statistics JSON (statistics.interval.ms > 0).
  std::function<void(std::string_view json)> on_statistics = nullptr;
};

struct DeliveryResult {
  bool ok = true;
  uint64_t failed = 0;
  std::string first_error;
};

class KafkaSink {
 public:
  explicit KafkaSink(KafkaSinkOptions options);
  ~KafkaSink();  // flushes what is queued (bounded), then destroys
  KafkaSink(const KafkaSink&) = delete;
  KafkaSink& operator=(const KafkaSink&) = delete;

  // Queues one record; blocks (serving delivery reports) while the local
  // queue is full. Returns false only for a non-retriable local error.
  bool produce(const std::string& topic, std::optional<std::string_view> key, std::optional<std::string_view> value,
               const Headers& headers, int64_t timestamp_ms = 0);

  // Waits until every record produced since the last call is acknowledged
  // (or failed), at most timeout_ms. Not ok when any failed or time ran out.
  DeliveryResult await_delivery(int timeout_ms);

  // Serves queued callbacks (statistics) without waiting; the run loop calls
  // it every round, so an idle stage does not pile them up.
  void poll() { rd_kafka_poll(rk_.get(), 0); }

  // Creates topics that do not exist (admin API); existing ones are left as
  // they are. config holds topic configs such as cleanup.policy=compact.
  void ensure_topic(const std::string& topic, int partitions,
                    const std::map<std::string, std::string>& config, int timeout_ms);

  // Returns the topics the cluster does not have (yet). Throws ConfigError
  // when the cluster's metadata cannot be read.
  std::vector<std::string> missing_topics(const std::vector<std::string>& topics, int timeout_ms);

  rd_kafka_t* handle() { return rk_.get(); }

 private:
  static void delivery_cb(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);
  static int stats_cb(rd_kafka_t* rk, char* json, size_t len, void* opaque);

  std::function<void(std::string_view json)> on_statistics_;

  kafka::Handle rk_;
  std::atomic<uint64_t> in_flight_{0};
  std::atomic<uint64_t> failed_{0};
  std::string first_error_;  // written only from delivery_cb, which runs inside poll/flush on this thread
};

// Headers of a dead-letter record: the original headers, then the reason and
// where the record came from (Kafka Connect / Streams conventions, newsflow names).
Headers dead_letter_headers(const RawRecord& input, const ProcessedRecord& result);

}  // namespace newsflow::producer
