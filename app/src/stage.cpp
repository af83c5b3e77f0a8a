#include "newsflow/app/stage.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "newsflow/app/engine_probe.hpp"
#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {
namespace {

std::string instance_name(const Config& config) {
  if (!config.string("kafka.instance_id").empty()) return config.string("kafka.instance_id");
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "newsflow";
  return host;
}

bool exactly_once(const Config& config) { return config.string("processing.guarantee") == "exactly_once"; }

}  // namespace

WorkerIds worker_ids(const Config& config, int worker) {
  const std::string instance = instance_name(config);
  return {config.string("kafka.client_id_prefix") + "-" + instance + "-" + std::to_string(worker),
          config.string("kafka.transactional_id_prefix") + "-" + config.string("kafka.group_id") + "-" + instance +
              "-" + std::to_string(worker)};
}

std::map<std::string, std::string> client_properties(const Config& config,
                                                     const std::map<std::string, std::string>& pass_through,
                                                     const std::string& client_id) {
  std::map<std::string, std::string> p;
  p["bootstrap.servers"] = config.string("kafka.brokers");
  p["client.id"] = client_id;
  if (!config.string("kafka.sasl_password").empty()) p["sasl.password"] = config.string("kafka.sasl_password");
  for (const auto& [k, v] : pass_through) p[k] = v;
  return p;
}

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
  auto properties = client_properties(config_, config_.consumer_properties(), worker_ids(config_, 0).client_id);
  // Only committed changelog entries: an aborted batch's fingerprints were
  // never part of the state.
  properties["isolation.level"] = "read_committed";
  auto result = consumer::read_topic_to_end(
      properties, topics_.changelog, 120000, [&](const RawRecord& record, bool tombstone) {
        StateChange change{record.key.value_or(""), tombstone ? std::nullopt : std::optional<std::string>(record.value)};
        if (!pipeline.restore(change)) ++skipped;
      });
  if (!result.topic_exists) {
    // Compacted, so the latest fingerprint per story survives indefinitely.
    producer::KafkaSink admin(
        {client_properties(config_, config_.producer_properties(), worker_ids(config_, 0).client_id)});
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
    // message.timeout.ms.
    std::vector<std::string> wanted = {topics_.output, topics_.dead_letter};
    if (config_.string("dedup.on_duplicate") == "route") wanted.push_back(topics_.duplicates);
    producer::KafkaSink probe(
        {client_properties(config_, config_.producer_properties(), worker_ids(config_, 0).client_id)});
    for (const auto& topic : probe.missing_topics(wanted, 30000))
      spdlog::warn("topic '{}' does not exist yet: unless the cluster creates topics on first use, deliveries to it "
                   "will fail and the stage will wait for it (processing.outage_limit)",
                   topic);
  }
  {
    // The dedup index is shared by all workers, so one pipeline restores it for all.
    auto pipeline = make_pipeline(config_, resources_, nullptr);
    restore_dedup_state(*pipeline);
  }
  spdlog::info("newsflow run: {} with {} worker(s), commit interval {} ms", config_.string("processing.guarantee"),
               workers, config_.duration("processing.commit_interval").count());

  metrics_.set_up(true);
  // One worker's fatal error stops the others: a half-running stage would
  // hold partitions it no longer processes.
  std::atomic<bool> stop_all{false};
  std::atomic<bool> watching{true};
  std::thread relay([&] {
    while (watching.load()) {
      if (stop.load()) stop_all = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::vector<std::thread> threads;
  std::vector<int> statuses(static_cast<size_t>(workers), 0);
  for (int i = 0; i < workers; ++i)
    threads.emplace_back([&, i] {
      int status = 1;
      try {
        status = worker(i, stop_all);
      } catch (const std::exception& e) {
        spdlog::error("worker {}: {}", i, e.what());
      }
      statuses[static_cast<size_t>(i)] = status;
      if (status != 0) stop_all = true;
    });
  for (auto& t : threads) t.join();
  watching = false;
  relay.join();
  metrics_.set_up(false);
  for (int s : statuses)
    if (s != 0) return s;
  return 0;
}

int Stage::worker(int index, const std::atomic<bool>& stop) {
  const WorkerIds ids = worker_ids(config_, index);
  const bool transactional = exactly_once(config_);
  auto pipeline = config_.boolean("run.passthrough")
                      ? nullptr
                      : make_pipeline(config_, resources_, [this](std::string_view name) {
                          return metrics_.processor_probe(name);
                        });

  producer::KafkaSinkOptions sink_options;
  sink_options.properties = client_properties(config_, config_.producer_properties(), ids.client_id);
  if (transactional) sink_options.properties["transactional.id"] = ids.transactional_id;
  sink_options.topics = {topics_.output, topics_.dead_letter, topics_.duplicates, topics_.changelog};
  sink_options.flush_timeout_ms = static_cast<int>(config_.duration("run.delivery_timeout").count());
  producer::KafkaSink sink(std::move(sink_options));

  consumer::KafkaSourceOptions source_options;
  source_options.topic = topics_.input;
  source_options.properties = client_properties(config_, config_.consumer_properties(), ids.client_id);
  source_options.properties["group.id"] = config_.string("kafka.group_id");
  if (const auto stats_interval = config_.duration("kafka.statistics_interval").count(); stats_interval > 0) {
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

  std::unique_ptr<Committer> committer;
  if (transactional) {
    auto txn = std::make_unique<producer::TransactionCommitter>(sink, source.handle());
    // Fences a zombie with the same transactional.id (a previous run of this
    // worker) and aborts whatever it left open.
    Status init = txn->init();
    for (int attempt = 1; init.is_retriable() && attempt < 20 && !stop.load(); ++attempt) {
      spdlog::warn("worker {}: init_transactions: {}; retrying", index, init.message());
      init = txn->init();
    }
    if (!init.is_ok()) {
      spdlog::error("worker {}: cannot start exactly-once ({}): {}", index, to_string(init.error_class()),
                    init.message());
      return 1;
    }
    spdlog::info("worker {}: exactly-once, transactional.id '{}'", index, ids.transactional_id);
    committer = std::move(txn);
  } else {
    committer = std::make_unique<consumer::OffsetCommitter>(source);
  }

  engine::EngineOptions options;
  options.poll_max_records = static_cast<size_t>(std::max<int64_t>(1, config_.integer("run.batch_size")));
  options.poll_wait = config_.duration("run.batch_timeout");
  options.commit_interval = config_.duration("processing.commit_interval");
  options.commit_max_records = static_cast<size_t>(std::max<int64_t>(1, config_.integer("processing.commit_records")));
  options.on_duplicate = engine::parse_duplicate_policy(config_.string("dedup.on_duplicate"));
  options.passthrough = config_.boolean("run.passthrough");
  options.outage_limit = config_.duration("processing.outage_limit");
  options.worker_name = "worker " + std::to_string(index);

  MetricsEngineProbe probe(metrics_, resources_.dedup_index.get());
  engine::BatchEngine engine(options, source, pipeline.get(), sink, *committer, &probe, &counters_);
  const engine::EngineResult result = engine.run(stop);
  if (!result.status.is_ok()) {
    const int code = result.status.code();
    const bool fenced = code == RD_KAFKA_RESP_ERR__FENCED || code == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
                        code == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH;
    spdlog::error("worker {}: stopped on a {} error: {}{}", index, to_string(result.status.error_class()),
                  result.status.message(),
                  fenced ? fmt::format(" (fenced: a newer producer took transactional.id '{}'; two instances "
                                       "share kafka.instance_id, or this one was replaced)",
                                       ids.transactional_id)
                         : "");
    return 1;
  }
  spdlog::info("worker {}: committed and left the group", index);
  return 0;
}

}  // namespace newsflow::app
