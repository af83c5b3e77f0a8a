#include "newsflow/app/metrics.hpp"

#include <simdjson.h>

#include "newsflow/core/errors.hpp"
#include "newsflow/core/version.hpp"

namespace newsflow::app {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

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
                             .Add({})) {
  BuildGauge()
      .Name("newsflow_build_info")
      .Help("Build information")
      .Register(*registry_)
      .Add({{"version", std::string(version())}})
      .Set(1);
  dedup_by_status_[0] = &dedup_family_.Add({{"result", "unique"}});
  dedup_by_status_[1] = &dedup_family_.Add({{"result", "duplicate"}});
  dedup_by_status_[2] = &dedup_family_.Add({{"result", "near_duplicate"}});
  for (const char* kind : {"output", "duplicate", "dead_letter", "changelog"})
    produced_.emplace(kind, &produced_family_.Add({{"kind", kind}}));
}

void Metrics::replay_progress(int64_t done, int64_t total) {
  replay_done_.Set(static_cast<double>(done));
  replay_total_.Set(static_cast<double>(total));
}

void Metrics::serve(const std::string& address) {
  if (address.empty()) return;
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    throw ConfigError("metrics.address '" + address + "': cannot listen: " + e.what());
  }
  exposer_->RegisterCollectable(registry_);
  const auto ports = exposer_->GetListeningPorts();
  const auto host = address.substr(0, address.rfind(':'));
  endpoint_ = "http://" + host + ":" + std::to_string(ports.empty() ? 0 : ports.front()) + "/metrics";
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

void Metrics::consumer_statistics(std::string_view json) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return;
  simdjson::ondemand::object topics;
  if (doc["topics"].get_object().get(topics)) return;
  std::lock_guard lock(mutex_);
  for (auto topic_field : topics) {
    std::string_view topic_name;
    simdjson::ondemand::field tf;
    if (std::move(topic_field).get(tf) || tf.unescaped_key().get(topic_name)) return;
    const std::string topic(topic_name);
    simdjson::ondemand::object partitions;
    if (tf.value()["partitions"].get_object().get(partitions)) continue;
    for (auto partition_field : partitions) {
      simdjson::ondemand::field pf;
      std::string_view key;
      if (std::move(partition_field).get(pf) || pf.unescaped_key().get(key)) return;
      if (key == "-1") continue;  // librdkafka's internal unassigned partition
      int64_t lag = -1;
      if (pf.value()["consumer_lag"].get_int64().get(lag)) continue;
      if (lag < 0) continue;  // unknown until the first fetch
      const int partition = std::stoi(std::string(key));
      auto it = lag_.find({topic, partition});
      if (it == lag_.end())
        it = lag_.emplace(std::make_pair(topic, partition),
                          &lag_family_.Add({{"topic", topic}, {"partition", std::to_string(partition)}}))
                 .first;
      it->second->Set(static_cast<double>(lag));
    }
  }
}

}  // namespace newsflow::app

namespace newsflow::app {

void Metrics::forget_partitions(const std::vector<std::pair<std::string, int32_t>>& partitions) {
  std::lock_guard lock(mutex_);
  for (const auto& [topic, partition] : partitions) {
    auto it = lag_.find({topic, partition});
    if (it == lag_.end()) continue;
    lag_family_.Remove(it->second);
    lag_.erase(it);
  }
}

}  // namespace newsflow::app
