#pragma once
// Kafka output: one producer per worker for enriched records, dead letters,
// routed duplicates and dedup changelog entries, a RecordSink for the batch
// engine. Idempotent always; transactional when given a transactional.id,
// and then a TransactionCommitter makes each batch one transaction.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "newsflow/core/kafka.hpp"
#include "newsflow/core/record.hpp"
#include "newsflow/core/seams.hpp"
#include "newsflow/producer/cloudevents.hpp"
#include "newsflow/producer/delivery_tracker.hpp"

namespace newsflow::producer {

struct SinkTopics {
  std::string output, dead_letter, duplicates;
  std::string changelog;  // empty: state changes are dropped (a replay never writes the live state)
};

struct KafkaSinkOptions {
  std::map<std::string, std::string> properties;  // bootstrap.servers, transactional.id, pass-through
  SinkTopics topics;                              // for the RecordSink methods
  int flush_timeout_ms = 60000;                   // one flush() waits this long, then says retriable
  CloudEventsOptions cloudevents;                 // ce_* headers on outputs and duplicates
  // Sent as the newsflow_writer header of every changelog entry, so the
  // instance that wrote it can tell its own entries from the others' when it
  // follows the changelog (empty: no header).
  std::string changelog_writer;
  // Called from poll with librdkafka's statistics JSON (statistics.interval.ms > 0).
  std::function<void(std::string_view json)> on_statistics = nullptr;
};

// Options of a producer used only to load records or administer topics: its
// client properties, nothing routed to it.
inline KafkaSinkOptions plain_producer(std::map<std::string, std::string> properties) {
  KafkaSinkOptions options;
  options.properties = std::move(properties);
  return options;
}

class KafkaSink final : public RecordSink {
 public:
  explicit KafkaSink(KafkaSinkOptions options);
  ~KafkaSink() override;  // flushes what is queued (bounded), then destroys
  KafkaSink(const KafkaSink&) = delete;
  KafkaSink& operator=(const KafkaSink&) = delete;

  // RecordSink: each maps to produce() on its topic.
  // Outputs and duplicates get the CloudEvents headers (options.cloudevents).
  Status write(Destination destination, const RawRecord& input, const ProcessedRecord& record) override;
  Status write_dead_letter(const RawRecord& input, const ProcessedRecord& rejection) override;
  Status write_state_change(const StateChange& change) override;
  Status write_passthrough(const RawRecord& input) override;
  // Waits for every delivery report since the last flush, at most
  // flush_timeout_ms: retriable when records are still outstanding, abortable
  // when some failed, fatal when retrying cannot help (authorization, a
  // record too large for the broker, the producer's fatal error).
  Status flush() override { return flush_to(deliveries_.mark()); }
  // Marks over the records' write order (DeliveryTracker): at-least-once
  // seals batches and commits each once its records are stored.
  Mark mark() override { return deliveries_.mark(); }
  std::optional<Status> delivered(Mark mark) override;
  Status flush_to(Mark mark) override { return await_delivery(mark, options_.flush_timeout_ms); }
  void forget_written() override { deliveries_.forget(); }
  void serve() override { poll(); }

  // Queues one record; blocks (serving delivery reports) while the local
  // queue is full.
  Status produce(const std::string& topic, std::optional<std::string_view> key, std::optional<std::string_view> value,
                 const Headers& headers, int64_t timestamp_ms = 0);
  // Waits for the delivery reports of every record written so far (or up to mark).
  Status await_delivery(int timeout_ms) { return await_delivery(deliveries_.mark(), timeout_ms); }
  Status await_delivery(Mark mark, int timeout_ms);

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
  // A transactional call's result as a Status: kafka::to_status, except that
  // an authorization failure is fatal and names the refused topic.
  Status transaction_status(rd_kafka_error_t* error, std::string_view what);

 private:
  static void delivery_cb(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);
  static void log_cb(const rd_kafka_t* rk, int level, const char* facility, const char* message);
  // message, prefixed with the topic a transaction could not add when code says so.
  std::string denied(int code, std::string message);
  // After purged deliveries: the open transaction's error, if it has one.
  std::optional<Status> transaction_error(const std::string& records);
  Status classify(rd_kafka_resp_err_t err, std::string message);
  // The failure of a record up to mark as the engine sees it (then forgotten).
  Status failure();
  static int stats_cb(rd_kafka_t* rk, char* json, size_t len, void* opaque);

  KafkaSinkOptions options_;
  // Set from log_cb (librdkafka's threads), so declared before rk_: they
  // outlive the handle's destruction.
  std::mutex denied_mutex_;
  std::string denied_topic_;
  Headers changelog_headers_;
  // An output's headers with the CloudEvents ones added; reused so the
  // copied headers keep their buffers from record to record.
  Headers output_headers_;
  kafka::Handle rk_;
  // Written from delivery_cb, which runs inside poll/flush on this thread.
  DeliveryTracker deliveries_;
  rd_kafka_resp_err_t first_error_code_ = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string first_error_;
};

// A failed produce or delivery by what the loop should do, once the client
// has no fatal error (that comes first): fatal when retrying cannot help
// (authorization, a record over the broker's size limit), else abortable
// (the batch is aborted and processed again).
Status classify_produce_error(rd_kafka_resp_err_t err, std::string message);

// The exactly-once committer: each batch is one transaction on the sink's
// producer holding its outputs, dead letters, duplicates, changelog entries
// and the input offsets (sent with the consumer's group metadata, KIP-447, so
// a zombie of an older group generation is fenced at commit).
class TransactionCommitter final : public Committer {
 public:
  // consumer: the handle whose group the offsets belong to.
  TransactionCommitter(KafkaSink& sink, rd_kafka_t* consumer, int timeout_ms = 30000);

  // init_transactions: registers the transactional.id and fences any older
  // producer with the same id. Call once before the first begin().
  Status init();
  Status begin() override;
  Status commit(const OffsetMap& next_offsets) override;
  Status abort() override;
  bool discards_writes_on_abort() const override { return true; }
  // The flush and commit_transaction run on the engine's commit thread; the
  // consumer handle (group metadata, offsets_store) is thread-safe.
  bool commit_can_overlap() const override { return true; }
  std::string_view name() const override { return "exactly_once"; }

 private:
  KafkaSink& sink_;
  rd_kafka_t* consumer_;
  int timeout_ms_;
  bool offsets_sent_ = false;  // a retried commit() does not send them twice
};

// Headers of a dead-letter record: the original headers, then the reason and
// where the record came from (Kafka Connect / Streams conventions, newsflow names).
Headers dead_letter_headers(const RawRecord& input, const ProcessedRecord& result);

}  // namespace newsflow::producer
