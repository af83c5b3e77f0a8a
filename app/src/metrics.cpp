#include "newsflow/app/metrics.hpp"

#include "newsflow/core/errors.hpp"
#include "newsflow/core/time.hpp"
#include "newsflow/core/version.hpp"

namespace newsflow::app {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// 5 ms .. 1 h: from a stage keeping up (tens of ms) to a backlog being worked off.
prometheus::Histogram::BucketBoundaries end_to_end_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};
}

// 1 min .. 7 d: news arrives minutes to days after it was published.
prometheus::Histogram::BucketBoundaries event_age_buckets() {
  return {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400};
}

// 10 ms .. 1 min: a commit interval (100 ms) and a fetch wait, up to a
// follower that fell behind.
prometheus::Histogram::BucketBoundaries propagation_buckets() {
  return {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

prometheus::Histogram::BucketBoundaries latency_buckets() {
  // 10 µs .. 2.5 s: processors run in microseconds, batches in milliseconds.
  return {1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1, 2.5};
}

class PrometheusProcessorProbe final : public processors::ProcessorProbe {
 public:
  PrometheusProcessorProbe(prometheus::Histogram& seconds, prometheus::Counter& pass, prometheus::Counter& dup,
                           prometheus::Counter& reject)
      : seconds_(seconds), pass_(pass), duplicate_(dup), reject_(reject) {}
  void observe(processors::Outcome::Kind kind, std::chrono::nanoseconds elapsed) override {
    seconds_.Observe(std::chrono::duration<double>(elapsed).count());
    switch (kind) {
      case processors::Outcome::Kind::pass: pass_.Increment(); break;
      case processors::Outcome::Kind::duplicate: duplicate_.Increment(); break;
      case processors::Outcome::Kind::reject: reject_.Increment(); break;
    }
  }

 private:
  prometheus::Histogram& seconds_;
  prometheus::Counter& pass_;
  prometheus::Counter& duplicate_;
  prometheus::Counter& reject_;
};

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      consumed_(BuildCounter()
                    .Name("newsflow_records_consumed_total")
                    .Help("Records consumed from the input topic")
                    .Register(*registry_)
                    .Add({})),
      produced_family_(BuildCounter()
                           .Name("newsflow_records_produced_total")
                           .Help("Records delivered, by kind (output, duplicate, dead_letter, changelog)")
                           .Register(*registry_)),
      dead_lettered_family_(BuildCounter()
                                .Name("newsflow_records_dead_lettered_total")
                                .Help("Records sent to the dead-letter topic, by error class")
                                .Register(*registry_)),
      duplicates_dropped_(BuildCounter()
                              .Name("newsflow_duplicates_dropped_total")
                              .Help("Duplicates dropped (dedup.on_duplicate=drop)")
                              .Register(*registry_)
                              .Add({})),
      batch_seconds_(BuildHistogram()
                         .Name("newsflow_batch_duration_seconds")
                         .Help("Poll-to-commit time of one batch")
                         .Register(*registry_)
                         .Add({}, latency_buckets())),
      commit_wait_seconds_(BuildHistogram()
                               .Name("newsflow_commit_wait_seconds")
                               .Help("Time a worker waited per commit, processing nothing (deliveries and the "
                                     "transaction, or the offset commit under at-least-once)")
                               .Register(*registry_)
                               .Add({}, latency_buckets())),
      batches_committed_(BuildCounter()
                             .Name("newsflow_batches_committed_total")
                             .Help("Batches committed (offsets after delivery, or one transaction each)")
                             .Register(*registry_)
                             .Add({})),
      commit_failures_(BuildCounter()
                           .Name("newsflow_commit_failures_total")
                           .Help("Commits (offsets or transaction) that failed; the batch is retried or aborted")
                           .Register(*registry_)
                           .Add({})),
      delivery_failures_(BuildCounter()
                             .Name("newsflow_delivery_failures_total")
                             .Help("Records whose delivery failed; their batch is aborted and processed again")
                             .Register(*registry_)
                             .Add({})),
      batches_aborted_(BuildCounter()
                           .Name("newsflow_batches_aborted_total")
                           .Help("Batches aborted (transaction aborted or delivery failed) and processed again")
                           .Register(*registry_)
                           .Add({})),
      broker_wait_seconds_(BuildCounter()
                               .Name("newsflow_broker_wait_seconds_total")
                               .Help("Time spent waiting for a broker that did not answer (retried deliveries and commits)")
                               .Register(*registry_)
                               .Add({})),
      dedup_remote_entries_(BuildCounter()
                                .Name("newsflow_dedup_remote_entries_total")
                                .Help("Dedup changelog entries of other instances applied to this index while running")
                                .Register(*registry_)
                                .Add({})),
      dedup_propagation_seconds_(BuildHistogram()
                                     .Name("newsflow_dedup_propagation_seconds")
                                     .Help("Another instance's dedup changelog entry: produce time to applied here")
                                     .Register(*registry_)
                                     .Add({}, propagation_buckets())),
      dedup_races_family_(BuildCounter()
                              .Name("newsflow_dedup_races_total")
                              .Help("Copies of one story stored as new by two instances at once (inside the propagation "
                                    "delay), by which copy every instance keeps")
                              .Register(*registry_)),
      broker_reachable_(BuildGauge()
                            .Name("newsflow_broker_reachable")
                            .Help("1 while a consumer has a broker connection UP that answered within 10 s (librdkafka statistics), else 0")
                            .Register(*registry_)
                            .Add({})),
      broker_unreachable_seconds_(BuildCounter()
                                      .Name("newsflow_broker_unreachable_seconds_total")
                                      .Help("Time with no broker connection UP, added when a connection is back")
                                      .Register(*registry_)
                                      .Add({})),
      replay_done_(BuildGauge()
                       .Name("newsflow_replay_records_done")
                       .Help("newsflow replay: offsets of the range processed so far")
                       .Register(*registry_)
                       .Add({})),
      replay_total_(BuildGauge()
                        .Name("newsflow_replay_records_total")
                        .Help("newsflow replay: offsets in the range (records, transaction markers, compacted gaps)")
                        .Register(*registry_)
                        .Add({})),
      up_(BuildGauge().Name("newsflow_up").Help("1 while the stage is running").Register(*registry_).Add({})),
      lag_family_(BuildGauge()
                      .Name("newsflow_consumer_lag")
                      .Help("Consumer lag per input partition, from librdkafka statistics")
                      .Register(*registry_)),
      processor_seconds_family_(BuildHistogram()
                                    .Name("newsflow_processor_duration_seconds")
                                    .Help("Time spent in each processor per record")
                                    .Register(*registry_)),
      processor_records_family_(BuildCounter()
                                    .Name("newsflow_processor_records_total")
                                    .Help("Records through each processor, by outcome")
                                    .Register(*registry_)),
      dedup_family_(BuildCounter()
                        .Name("newsflow_dedup_total")
                        .Help("Dedup decisions, by result")
                        .Register(*registry_)),
      dedup_index_entries_(BuildGauge()
                               .Name("newsflow_dedup_index_entries")
                               .Help("Stories held in the dedup index")
                               .Register(*registry_)
                               .Add({})),
      quotes_extracted_(BuildCounter()
                            .Name("newsflow_quotes_extracted_total")
                            .Help("Direct and partial quotes extracted")
                            .Register(*registry_)
                            .Add({})),
      articles_with_quotes_(BuildCounter()
                                .Name("newsflow_articles_with_quotes_total")
                                .Help("Articles with at least one direct or partial quote")
                                .Register(*registry_)
                                .Add({})),
      unsupported_language_(BuildCounter()
                                .Name("newsflow_topics_unsupported_language_total")
                                .Help("Articles in a language the topic rules have no terms for")
                                .Register(*registry_)
                                .Add({})),
      normalize_suspect_(BuildCounter()
                             .Name("newsflow_normalize_suspect_total")
                             .Help("Articles whose chrome rules would have removed too much: kept unremoved, flagged")
                             .Register(*registry_)
                             .Add({})),
      end_to_end_seconds_(BuildHistogram()
                              .Name("newsflow_end_to_end_latency_seconds")
                              .Help("Output delivery time minus the input record's Kafka timestamp, per output record")
                              .Register(*registry_)
                              .Add({}, end_to_end_buckets())),
      event_age_seconds_(BuildHistogram()
                             .Name("newsflow_event_age_seconds")
                             .Help("Output delivery time minus the article's published_at, per output record")
                             .Register(*registry_)
                             .Add({}, event_age_buckets())),
      rebalances_family_(BuildCounter()
                             .Name("newsflow_rebalances_total")
                             .Help("Group rebalance callbacks, by event (assigned, revoked)")
                             .Register(*registry_)),
      assigned_partitions_(BuildGauge()
                               .Name("newsflow_assigned_partitions")
                               .Help("Input partitions this process holds")
                               .Register(*registry_)
                               .Add({})),
      rtt_family_(BuildGauge()
                      .Name("newsflow_kafka_broker_rtt_seconds")
                      .Help("Broker round-trip time over the last statistics window, from librdkafka")
                      .Register(*registry_)),
      int_latency_family_(BuildGauge()
                              .Name("newsflow_kafka_producer_queue_latency_seconds")
                              .Help("Time records wait in the producer's internal queue (librdkafka int_latency)")
                              .Register(*registry_)),
      producer_queue_family_(BuildGauge()
                                 .Name("newsflow_producer_queue_messages")
                                 .Help("Records in a worker's producer queue, not yet delivered")
                                 .Register(*registry_)) {
  BuildGauge()
      .Name("newsflow_build_info")
      .Help("Build information")
      .Register(*registry_)
      .Add({{"version", std::string(version())}})
      .Set(1);
  // Both series from the start, so a rate over them exists before the first race.
  for (const char* kept : {"theirs_kept", "ours_kept"}) dedup_races_family_.Add({{"kept", kept}});
  dedup_by_status_[0] = &dedup_family_.Add({{"result", "unique"}});
  dedup_by_status_[1] = &dedup_family_.Add({{"result", "duplicate"}});
  dedup_by_status_[2] = &dedup_family_.Add({{"result", "near_duplicate"}});
  for (const char* kind : {"output", "duplicate", "dead_letter", "changelog"})
    produced_.emplace(kind, &produced_family_.Add({{"kind", kind}}));
  for (const char* event : {"assigned", "revoked"}) rebalances_family_.Add({{"event", event}});
}

void Metrics::replay_progress(int64_t done, int64_t total) {
  replay_done_.Set(static_cast<double>(done));
  replay_total_.Set(static_cast<double>(total));
}

void Metrics::rebalanced(const std::string& event, size_t partitions) {
  rebalances_family_.Add({{"event", event}}).Increment();
  if (event == "assigned")
    assigned_partitions_.Increment(static_cast<double>(partitions));
  else
    assigned_partitions_.Decrement(static_cast<double>(partitions));
}

void LatencyRecorder::delivered() {
  Samples& batch = sealed_.empty() ? open_ : sealed_.front();
  const int64_t now = now_ms();
  for (const auto& [input_ms, published_ms] : batch) {
    // A producer clock ahead of ours gives a negative age: not a latency.
    if (input_ms >= 0 && now >= input_ms) end_to_end_.Observe(static_cast<double>(now - input_ms) / 1000.0);
    if (published_ms >= 0 && now >= published_ms) event_age_.Observe(static_cast<double>(now - published_ms) / 1000.0);
  }
  if (sealed_.empty())
    open_.clear();
  else
    sealed_.pop_front();
}

void Metrics::serve(const std::string& address, const Health* health) {
  if (address.empty()) return;
  server_ = std::make_unique<StatusServer>(address, registry_, health);
  endpoint_ = server_->base_url() + "/metrics";
}

std::shared_ptr<processors::ProcessorProbe> Metrics::processor_probe(std::string_view processor) {
  std::lock_guard lock(mutex_);
  const std::string name(processor);
  auto& seconds = processor_seconds_family_.Add({{"processor", name}}, latency_buckets());
  auto& pass = processor_records_family_.Add({{"processor", name}, {"outcome", "pass"}});
  auto& dup = processor_records_family_.Add({{"processor", name}, {"outcome", "duplicate"}});
  auto& reject = processor_records_family_.Add({{"processor", name}, {"outcome", "reject"}});
  return std::make_shared<PrometheusProcessorProbe>(seconds, pass, dup, reject);
}

void Metrics::produced(std::string_view kind, uint64_t n) {
  std::lock_guard lock(mutex_);
  auto it = produced_.find(kind);
  if (it == produced_.end()) it = produced_.emplace(std::string(kind), &produced_family_.Add({{"kind", std::string(kind)}})).first;
  it->second->Increment(static_cast<double>(n));
}

void Metrics::dedup_race(std::string_view kept) { dedup_races_family_.Add({{"kept", std::string(kept)}}).Increment(); }

void Metrics::dead_lettered(const std::string& error_class) {
  std::lock_guard lock(mutex_);
  auto it = dead_lettered_.find(error_class);
  // error_class comes from a closed enum, so the label set stays bounded.
  if (it == dead_lettered_.end())
    it = dead_lettered_.emplace(error_class, &dead_lettered_family_.Add({{"error_class", error_class}})).first;
  it->second->Increment();
}

void Metrics::article_processed(const Article& a) {
  if (a.dedup.evaluated) dedup_by_status_[static_cast<int>(a.dedup.status)]->Increment();
  // Scare quotes and reported speech are not quotations of anyone.
  size_t quotes = 0;
  for (const auto& q : a.quotes)
    if (q.kind == Quote::Kind::direct || q.kind == Quote::Kind::partial) ++quotes;
  if (quotes > 0) {
    articles_with_quotes_.Increment();
    quotes_extracted_.Increment(static_cast<double>(quotes));
  }
  if (!a.topics_language_supported) unsupported_language_.Increment();
  if (a.normalize_suspect) normalize_suspect_.Increment();
}

}  // namespace newsflow::app
