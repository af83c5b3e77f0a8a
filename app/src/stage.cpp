#include "newsflow/app/stage.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>
#include <vector>

#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/producer/kafka_sink.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::app {
namespace {

std::map<std::string, std::string> client_properties(const Config& config,
                                                     const std::map<std::string, std::string>& pass_through) {
  std::map<std::string, std::string> p;
  p["bootstrap.servers"] = config.string("kafka.brokers");
  p["client.id"] = "newsflow";
  if (!config.string("kafka.sasl_password").empty()) p["sasl.password"] = config.string("kafka.sasl_password");
  for (const auto& [k, v] : pass_through) p[k] = v;
  return p;
}

// A refused password or certificate: no retry helps, so the worker stops.
int fail_on_client_error(int index, const std::string& failure, std::atomic<bool>& failed) {
  spdlog::error("worker {}: cannot connect to Kafka, stopping: {}", index, failure);
  failed = true;
  return 1;
}

}  // namespace

StageTopics stage_topics(const Config& config) {
  StageTopics t;
  t.input = config.string("input.topic");
  t.output = config.string("output.topic");
  t.dead_letter = config.string("output.dlq_topic").empty() ? t.input + ".dlq" : config.string("output.dlq_topic");
  t.duplicates = config.string("dedup.duplicates_topic").empty() ? t.output + ".duplicates"
                                                                 : config.string("dedup.duplicates_topic");
  t.changelog = config.string("dedup.changelog_topic").empty()
                    ? config.string("kafka.group_id") + ".dedup-changelog"
                    : config.string("dedup.changelog_topic");
  return t;
}

Stage::Stage(const Config& config, Metrics& metrics)
    : config_(config), metrics_(metrics), topics_(stage_topics(config)), resources_(load_resources(config)) {}

void Stage::restore_dedup_state(processors::Pipeline& pipeline) {
  if (!resources_.dedup_index || config_.boolean("run.passthrough")) return;
  const auto started = std::chrono::steady_clock::now();
  uint64_t skipped = 0;
  auto result = consumer::read_topic_to_end(
      client_properties(config_, config_.consumer_properties()), topics_.changelog, 120000,
      [&](const RawRecord& record, bool tombstone) {
        StateChange change{record.key.value_or(""), tombstone ? std::nullopt : std::optional<std::string>(record.value)};
        if (!pipeline.restore(change)) ++skipped;
      });
  if (!result.topic_exists) {
    // Compacted, so the latest fingerprint per story survives indefinitely.
    producer::KafkaSink admin({client_properties(config_, config_.producer_properties())});
    admin.ensure_topic(topics_.changelog, 6, {{"cleanup.policy", "compact"}}, 15000);
    spdlog::info("created dedup changelog topic '{}'", topics_.changelog);
  }
  spdlog::info("dedup state: {} changelog records from '{}' in {:.1f}s ({} skipped), {} stories indexed",
               result.records, topics_.changelog,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), skipped,
               processors::dedup_index_size(*resources_.dedup_index));
}

int Stage::run(const std::atomic<bool>& stop) {
  int workers = static_cast<int>(config_.integer("run.workers"));
  if (workers == 0) workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  {
    // Said at start-up, not a batch later: a cluster without topic
    // auto-creation fails the first delivery to a missing topic only after
    // message.timeout.ms, and then the stage stops uncommitted.
    std::vector<std::string> wanted = {topics_.output, topics_.dead_letter};
    if (config_.string("dedup.on_duplicate") == "route") wanted.push_back(topics_.duplicates);
    producer::KafkaSink probe({client_properties(config_, config_.producer_properties())});
    for (const auto& topic : probe.missing_topics(wanted, 30000))
      spdlog::warn("topic '{}' does not exist yet: unless the cluster creates topics on first use, deliveries to it "
                   "will fail and stop the stage",
                   topic);
  }
  {
    // The dedup index is shared by all workers, so one pipeline restores it for all.
    auto pipeline = make_pipeline(config_, resources_, nullptr);
    restore_dedup_state(*pipeline);
  }

  metrics_.set_up(true);
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  std::vector<int> statuses(static_cast<size_t>(workers), 0);
  for (int i = 0; i < workers; ++i)
    threads.emplace_back([&, i] { statuses[static_cast<size_t>(i)] = worker(i, stop, failed); });
  for (auto& t : threads) t.join();
  metrics_.set_up(false);
  for (int s : statuses)
    if (s != 0) return s;
  return 0;
}

int Stage::worker(int index, const std::atomic<bool>& stop, std::atomic<bool>& failed) {
  const bool passthrough = config_.boolean("run.passthrough");
  const std::string on_duplicate = config_.string("dedup.on_duplicate");
  const size_t batch_size = static_cast<size_t>(std::max<int64_t>(1, config_.integer("run.batch_size")));
  const int batch_timeout = static_cast<int>(config_.duration("run.batch_timeout").count());
  const int delivery_timeout = static_cast<int>(config_.duration("run.delivery_timeout").count());

  auto pipeline = make_pipeline(config_, resources_, [this](std::string_view name) {
    return metrics_.processor_probe(name);
  });

  producer::KafkaSink sink({client_properties(config_, config_.producer_properties())});

  auto consumer_props = client_properties(config_, config_.consumer_properties());
  consumer_props["group.id"] = config_.string("kafka.group_id");
  const auto stats_interval = config_.duration("kafka.statistics_interval").count();
  consumer::KafkaSourceOptions source_options;
  source_options.topic = topics_.input;
  source_options.properties = consumer_props;
  if (stats_interval > 0) {
    source_options.properties["statistics.interval.ms"] = std::to_string(stats_interval);
    source_options.on_statistics = [this](std::string_view json) { metrics_.consumer_statistics(json); };
  }
  source_options.on_rebalance = [this, index](const std::string& event,
                                              const std::vector<std::pair<std::string, int32_t>>& partitions) {
    spdlog::info("worker {}: {} {} partition(s) of '{}'", index, event, partitions.size(), topics_.input);
    if (event == "revoked") metrics_.forget_partitions(partitions);
    if (event == "assigned" && !counters_.ready.exchange(true)) spdlog::info("newsflow run: ready");
  };
  consumer::KafkaSource source(std::move(source_options));

  std::vector<RawRecord> batch;
  std::vector<StateChange> changes;
  consumer::OffsetMap offsets;
  while (!stop.load() && !failed.load()) {
    batch.clear();
    if (auto failure = kafka::fatal_client_error()) return fail_on_client_error(index, *failure, failed);
    if (source.poll_batch(batch, batch_size, batch_timeout) == consumer::PollStatus::fatal) {
      spdlog::error("worker {}: {}", index, source.error());
      failed = true;
      return 1;
    }
    if (batch.empty()) continue;
    const auto started = std::chrono::steady_clock::now();
    counters_.consumed += batch.size();
    metrics_.consumed(batch.size());

    offsets.clear();
    uint64_t n_output = 0, n_duplicates = 0, n_dead = 0, n_dropped = 0, n_changelog = 0;
    bool produce_failed = false;
    for (const RawRecord& record : batch) {
      offsets[{record.origin->topic, record.origin->partition}] = record.origin->offset + 1;
      if (passthrough) {
        produce_failed |= !sink.produce(topics_.output, record.key, record.value, record.headers);
        ++n_output;
        continue;
      }
      ProcessedRecord result = pipeline->process(record);
      switch (result.disposition) {
        case Disposition::reject:
          produce_failed |= !sink.produce(topics_.dead_letter, record.key, record.value,
                                          producer::dead_letter_headers(record, result), record.origin->timestamp_ms);
          metrics_.dead_lettered(result.error_class);
          ++n_dead;
          continue;
        case Disposition::duplicate:
          metrics_.article_processed(pipeline->last_article());
          if (on_duplicate == "drop") {
            ++n_dropped;
            metrics_.duplicate_dropped();
          } else {
            produce_failed |= !sink.produce(on_duplicate == "route" ? topics_.duplicates : topics_.output, result.key,
                                            result.value, result.headers);
            ++n_duplicates;
          }
          continue;
        case Disposition::output:
          metrics_.article_processed(pipeline->last_article());
          produce_failed |= !sink.produce(topics_.output, result.key, result.value, result.headers);
          ++n_output;
          continue;
      }
    }
    changes.clear();
    pipeline->drain_state_changes(changes);
    for (const auto& c : changes) {
      produce_failed |= !sink.produce(topics_.changelog, std::string_view(c.key),
                                      c.value ? std::optional<std::string_view>(*c.value) : std::nullopt, {});
      ++n_changelog;
    }

    const producer::DeliveryResult delivery = sink.await_delivery(delivery_timeout);
    if (produce_failed || !delivery.ok) {
      // Never commit past a record whose output is not safely stored.
      metrics_.delivery_failed(std::max<uint64_t>(delivery.failed, 1));
      spdlog::error("worker {}: delivery failed, stopping without committing this batch: {}", index,
                    delivery.first_error.empty() ? "produce refused" : delivery.first_error);
      failed = true;
      return 1;
    }
    metrics_.produced("output", n_output);
    metrics_.produced(on_duplicate == "route" ? "duplicate" : "output", n_duplicates);
    metrics_.produced("dead_letter", n_dead);
    metrics_.produced("changelog", n_changelog);
    if (resources_.dedup_index) metrics_.set_dedup_index_entries(processors::dedup_index_size(*resources_.dedup_index));

    if (source.commit(offsets)) {
      metrics_.batch_committed();
      counters_.committed += batch.size();
    } else {
      // The outputs are delivered; a failed commit only means these records may
      // be processed again after a rebalance or restart (at-least-once).
      metrics_.commit_failed();
      spdlog::warn("worker {}: {}", index, source.error());
    }
    counters_.output += n_output;
    counters_.duplicates += n_duplicates + n_dropped;
    counters_.dead_letters += n_dead;
    metrics_.batch_done(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  spdlog::info("worker {}: draining and leaving the group", index);
  source.close();
  return 0;
}

}  // namespace newsflow::app
