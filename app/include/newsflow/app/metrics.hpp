#pragma once
// Prometheus metrics (prometheus-cpp). Families are built once and the
// per-label children cached, because Family::Add per event is slow; the
// stage code gets one-line hooks (the probe pattern). Thread-safe.
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "newsflow/core/article.hpp"
#include "newsflow/processors/processor.hpp"

namespace newsflow::app {

class Metrics {
 public:
  Metrics();

  // Starts the HTTP endpoint; throws ConfigError when the address is taken.
  void serve(const std::string& address);
  std::string endpoint() const { return endpoint_; }
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }

  std::shared_ptr<processors::ProcessorProbe> processor_probe(std::string_view processor);

  void consumed(uint64_t n) { consumed_.Increment(static_cast<double>(n)); }
  void produced(std::string_view kind, uint64_t n = 1);
  void dead_lettered(const std::string& error_class);
  void duplicate_dropped() { duplicates_dropped_.Increment(); }
  void batch_done(double seconds) { batch_seconds_.Observe(seconds); }
  void batch_committed() { batches_committed_.Increment(); }
  void commit_failed() { commit_failures_.Increment(); }
  void delivery_failed(uint64_t n) { delivery_failures_.Increment(static_cast<double>(n)); }
  void batch_aborted() { batches_aborted_.Increment(); }
  // newsflow replay: offsets of the range done and in total.
  void replay_progress(int64_t done, int64_t total);
  void broker_waited(double seconds) { broker_wait_seconds_.Increment(seconds); }
  void set_up(bool up) { up_.Set(up ? 1 : 0); }
  void set_dedup_index_entries(size_t n) { dedup_index_entries_.Set(static_cast<double>(n)); }
  // Outcome counters derived from what the processors wrote into the article.
  void article_processed(const Article& article);
  // Parses librdkafka's statistics JSON for per-partition consumer lag.
  void consumer_statistics(std::string_view json);
  // Drops the lag series of partitions this process no longer owns, so a lost
  // partition does not keep reporting its last lag.
  void forget_partitions(const std::vector<std::pair<std::string, int32_t>>& partitions);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string endpoint_;

  prometheus::Counter& consumed_;
  prometheus::Family<prometheus::Counter>& produced_family_;
  prometheus::Family<prometheus::Counter>& dead_lettered_family_;
  prometheus::Counter& duplicates_dropped_;
  prometheus::Histogram& batch_seconds_;
  prometheus::Counter& batches_committed_;
  prometheus::Counter& commit_failures_;
  prometheus::Counter& delivery_failures_;
  prometheus::Counter& batches_aborted_;
  prometheus::Counter& broker_wait_seconds_;
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

  std::mutex mutex_;  // guards the caches below
  std::map<std::string, prometheus::Counter*, std::less<>> produced_;
  std::map<std::string, prometheus::Counter*, std::less<>> dead_lettered_;
  std::map<std::pair<std::string, int>, prometheus::Gauge*> lag_;
  prometheus::Counter* dedup_by_status_[3] = {};
};

}  // namespace newsflow::app
