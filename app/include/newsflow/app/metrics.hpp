#pragma once
// Prometheus metrics (prometheus-cpp). Families are built once and the
// per-label children cached, because Family::Add per event is slow; the
// stage code gets one-line hooks (the probe pattern). Thread-safe.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsflow/app/status_server.hpp"
#include "newsflow/core/article.hpp"
#include "newsflow/processors/processor.hpp"

namespace newsflow::app {

// Per worker (not thread-safe): notes each output record's input timestamp
// and publish time, and observes both ages once the batch is delivered, which
// is when the record is durably on the output (Kafka Streams' KIP-613 record
// end-to-end latency, measured at the sink).
class LatencyRecorder {
 public:
  LatencyRecorder(prometheus::Histogram& end_to_end, prometheus::Histogram& event_age)
      : end_to_end_(end_to_end), event_age_(event_age) {}
  void output(int64_t input_timestamp_ms, std::optional<int64_t> published_at_ms) {
    open_.emplace_back(input_timestamp_ms, published_at_ms.value_or(-1));
  }
  // The open batch was sealed (at-least-once): its records are the next
  // delivered() ones, while later outputs belong to the next batch.
  void sealed() { sealed_.push_back(std::move(open_)); open_.clear(); }
  // Observes, at the current time, the oldest sealed batch's records, or
  // those of the open batch when none is sealed.
  void delivered();
  void discard() { open_.clear(); sealed_.clear(); }  // aborted: nothing was delivered

 private:
  using Samples = std::vector<std::pair<int64_t, int64_t>>;  // -1: unknown
  prometheus::Histogram& end_to_end_;
  prometheus::Histogram& event_age_;
  Samples open_;
  std::deque<Samples> sealed_;
};

// What the statistics say about the cluster connection, for readiness.
struct KafkaStatsSummary {
  bool parsed = false;
  int brokers_up = 0;  // broker connections in state UP
  // Of those, the ones that received something within the last 10 s. A
  // frozen broker keeps its TCP connections UP for as long as the requests'
  // socket timeout (60 s); a consumer hears from a live one at least every
  // heartbeat (3 s) and fetch wait, so silence says it is gone.
  int brokers_answering = 0;
  // How long ago librdkafka wrote it: statistics queue up while the worker
  // is busy (e.g. retrying through an outage) and arrive late, all at once.
  std::chrono::milliseconds age{0};
};

class Metrics {
 public:
  Metrics();

  // Starts the HTTP endpoint (/metrics, and /healthz and /readyz from
  // health when given); throws ConfigError when the address is taken.
  void serve(const std::string& address, const Health* health = nullptr);
  std::string endpoint() const { return endpoint_; }
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

  std::shared_ptr<processors::ProcessorProbe> processor_probe(std::string_view processor);

  void consumed(uint64_t n) { consumed_.Increment(static_cast<double>(n)); }
  void produced(std::string_view kind, uint64_t n = 1);
  void dead_lettered(const std::string& error_class);
  void duplicate_dropped() { duplicates_dropped_.Increment(); }
  void batch_done(double seconds) { batch_seconds_.Observe(seconds); }
  void commit_waited(double seconds) { commit_wait_seconds_.Observe(seconds); }
  void batch_committed() { batches_committed_.Increment(); }
  void commit_failed() { commit_failures_.Increment(); }
  void delivery_failed(uint64_t n) { delivery_failures_.Increment(static_cast<double>(n)); }
  void batch_aborted() { batches_aborted_.Increment(); }
  // newsflow replay: offsets of the range done and in total.
  void replay_progress(int64_t done, int64_t total);
  void broker_waited(double seconds) { broker_wait_seconds_.Increment(seconds); }
  // From consumer statistics: no broker connection UP (whether or not a
  // batch is waiting on one); the seconds are added when it comes back.
  void broker_reachable(bool reachable) { broker_reachable_.Set(reachable ? 1 : 0); }
  void broker_unreachable_for(double seconds) { broker_unreachable_seconds_.Increment(seconds); }
  void set_up(bool up) { up_.Set(up ? 1 : 0); }
  void set_dedup_index_entries(size_t n) { dedup_index_entries_.Set(static_cast<double>(n)); }
  // Another instance's dedup changelog entry applied to this index, and how
  // long after it was produced.
  void dedup_remote_entry() { dedup_remote_entries_.Increment(); }
  void dedup_propagated(double seconds) { dedup_propagation_seconds_.Observe(seconds); }
  // Another instance stored a copy of a story this one stored too, both as
  // new; kept: which of the two every instance keeps (theirs_kept, ours_kept).
  void dedup_race(std::string_view kept);
  // Outcome counters derived from what the processors wrote into the article.
  void article_processed(const Article& article);
  // librdkafka's statistics JSON (kafka_statistics.cpp): per-partition
  // consumer lag and broker round-trip times from a consumer; queue depth,
  // internal queue latency and round-trip times from a worker's producer.
  KafkaStatsSummary consumer_statistics(std::string_view json);
  void producer_statistics(int worker, std::string_view json);
  // A group rebalance handed this process (assigned) or took (revoked) partitions.
  void rebalanced(const std::string& event, size_t partitions);
  LatencyRecorder latency_recorder() { return LatencyRecorder(end_to_end_seconds_, event_age_seconds_); }
  // Drops the lag series of partitions this process no longer owns, so a lost
  // partition does not keep reporting its last lag.
  void forget_partitions(const std::vector<std::pair<std::string, int32_t>>& partitions);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<StatusServer> server_;
  std::string endpoint_;

  prometheus::Counter& consumed_;
  prometheus::Family<prometheus::Counter>& produced_family_;
  prometheus::Family<prometheus::Counter>& dead_lettered_family_;
  prometheus::Counter& duplicates_dropped_;
  prometheus::Histogram& batch_seconds_;
  prometheus::Histogram& commit_wait_seconds_;
  prometheus::Counter& batches_committed_;
  prometheus::Counter& commit_failures_;
  prometheus::Counter& delivery_failures_;
  prometheus::Counter& batches_aborted_;
  prometheus::Counter& broker_wait_seconds_;
  prometheus::Counter& dedup_remote_entries_;
  prometheus::Histogram& dedup_propagation_seconds_;
  prometheus::Family<prometheus::Counter>& dedup_races_family_;
  prometheus::Gauge& broker_reachable_;
  prometheus::Counter& broker_unreachable_seconds_;
  prometheus::Gauge& replay_done_;
  prometheus::Gauge& replay_total_;
  prometheus::Gauge& up_;
  prometheus::Family<prometheus::Gauge>& lag_family_;
  prometheus::Family<prometheus::Histogram>& processor_seconds_family_;
  prometheus::Family<prometheus::Counter>& processor_records_family_;
  prometheus::Family<prometheus::Counter>& dedup_family_;
  prometheus::Gauge& dedup_index_entries_;
  prometheus::Counter& quotes_extracted_;
  prometheus::Counter& articles_with_quotes_;
  prometheus::Counter& unsupported_language_;
  prometheus::Counter& normalize_suspect_;
  prometheus::Histogram& end_to_end_seconds_;
  prometheus::Histogram& event_age_seconds_;
  prometheus::Family<prometheus::Counter>& rebalances_family_;
  prometheus::Gauge& assigned_partitions_;
  prometheus::Family<prometheus::Gauge>& rtt_family_;
  prometheus::Family<prometheus::Gauge>& int_latency_family_;
  prometheus::Family<prometheus::Gauge>& producer_queue_family_;

  std::mutex mutex_;  // guards the caches below
  std::map<std::string, prometheus::Counter*, std::less<>> produced_;
  std::map<std::string, prometheus::Counter*, std::less<>> dead_lettered_;
  std::map<std::pair<std::string, int>, prometheus::Gauge*> lag_;
  std::map<std::vector<std::string>, prometheus::Gauge*> stats_gauges_;  // family name + label values
  prometheus::Counter* dedup_by_status_[3] = {};
};

}  // namespace newsflow::app
