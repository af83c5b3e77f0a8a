#include "newsflow/app/stage.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "newsflow/app/engine_probe.hpp"
#include "newsflow/app/kafka_wiring.hpp"
#include "newsflow/app/logging.hpp"
#include "newsflow/app/thread_name.hpp"
#include "newsflow/consumer/kafka_source.hpp"
#include "newsflow/consumer/topic_reader.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/dedup.hpp"
#include "newsflow/producer/kafka_sink.hpp"

namespace newsflow::app {
namespace {

// How long a worker's teardown (consumer close, producer flush) may block on
// an unreachable broker once the outage limit has passed.
constexpr std::chrono::seconds kGiveUpGrace{10};

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

producer::CloudEventsOptions cloudevents_options(const Config& config) {
  producer::CloudEventsOptions o;
  o.enabled = config.boolean("cloudevents.enabled");
  o.source = config.string("cloudevents.source").empty() ? "/newsflow/" + config.string("kafka.group_id")
                                                          : config.string("cloudevents.source");
  o.type = config.string("cloudevents.type");
  return o;
}

std::chrono::milliseconds stuck_after(const Config& config) {
  // Longer than the longest legitimate silence of a worker's loop: one wait
  // for delivery reports, a poll on each side, and headroom.
  return config.duration("run.delivery_timeout") + 2 * config.duration("run.batch_timeout") +
         std::chrono::seconds(30);
}

Stage::Stage(const Config& config, Metrics& metrics, Health* health)
    : config_(config),
      metrics_(metrics),
      own_health_(stuck_after(config)),
      health_(health ? *health : own_health_),
      topics_(stage_topics(config)),
      resources_(load_resources(config)) {}

void Stage::restore_dedup_state() {
  if (!resources_.dedup_index || config_.boolean("run.passthrough")) return;
  shared_dedup_ = std::make_unique<SharedDedupState>(config_, topics_.changelog, *resources_.dedup_index, &metrics_);
  const ChangelogRead read = shared_dedup_->restore(true);
  spdlog::info("dedup state: {} changelog records from '{}' in {:.1f}s ({} skipped), {} stories indexed; "
               "following it for the other instances' entries",
               read.records, topics_.changelog, read.seconds, read.skipped,
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
    producer::KafkaSink probe(producer::plain_producer(
        client_properties(config_, config_.producer_properties(), client_id(config_, "probe"))));
    for (const auto& topic : probe.missing_topics(wanted, 30000))
      spdlog::warn("topic '{}' does not exist yet: unless the cluster creates topics on first use, deliveries to it "
                   "will fail and the stage will wait for it (processing.outage_limit)",
                   topic);
  }
  // The dedup index is shared by all workers: restored once, then kept in
  // step with the other instances' entries by one follower thread.
  restore_dedup_state();
  spdlog::info("newsflow run: {} with {} worker(s), commit interval {} ms", config_.string("processing.guarantee"),
               workers, config_.duration("processing.commit_interval").count());

  metrics_.set_up(true);
  health_.workers_started(workers);
  // One worker's fatal error stops the others: a half-running stage would
  // hold partitions it no longer processes.
  std::atomic<bool> stop_all{false};
  std::atomic<bool> watching{true};
  // An idle stage (no batch open) waits on no retry, and a worker blocked in
  // one librdkafka call reaches no retry either, so the outage limit that
  // bounds the engine's retries is applied here too: to the broker's absence
  // in the statistics, and to a worker's loop that stops coming round.
  const auto outage_limit = config_.duration("processing.outage_limit");
  std::atomic<bool> gave_up{false};
  std::thread relay([&] {
    name_this_thread("nf-watch");
    std::optional<std::chrono::steady_clock::time_point> giving_up_since;
    while (watching.load()) {
      if (stop.load()) stop_all = true;
      if (const auto gone = health_.broker_unreachable_for(); gone >= outage_limit && !gave_up.exchange(true)) {
        spdlog::error("gave up after {}s without a reachable broker (processing.outage_limit {}s)",
                      gone.count() / 1000, outage_limit.count() / 1000);
        stop_all = true;
      }
      if (const auto quiet = health_.longest_silence();
          !stop_all.load() && quiet.lasted >= outage_limit && !gave_up.exchange(true)) {
        spdlog::error("gave up after {}s: worker {} has waited that long for the broker "
                      "(processing.outage_limit {}s)",
                      quiet.lasted.count() / 1000, quiet.worker, outage_limit.count() / 1000);
        stop_all = true;
      }
      // A worker can sit in one librdkafka call for up to its request timeout
      // (a minute) after the limit has passed. Nothing it holds is worth that
      // wait: its open transaction is aborted by the broker or by the next
      // instance's init_transactions, and uncommitted input is read again.
      if ((gave_up.load() || health_.any_worker_gave_up()) && !giving_up_since) giving_up_since = std::chrono::steady_clock::now();
      if (giving_up_since && std::chrono::steady_clock::now() - *giving_up_since > kGiveUpGrace) {
        spdlog::error("still waiting for the broker {}s after giving up; exiting without closing the Kafka "
                      "clients (processing.outage_limit)",
                      std::chrono::duration_cast<std::chrono::seconds>(kGiveUpGrace).count());
        spdlog::default_logger()->flush();
        std::_Exit(1);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::thread follower;
  if (shared_dedup_)
    follower = std::thread([&] {
      name_this_thread("nf-changelog");
      try {
        shared_dedup_->follow(stop_all);
      } catch (const std::exception& e) {
        // Without it this instance would silently stop seeing the others'
        // stories: stop, so the orchestrator restarts it.
        spdlog::error("dedup changelog follower: {}", e.what());
        stop_all = true;
      }
    });
  std::vector<std::thread> threads;
  std::vector<int> statuses(static_cast<size_t>(workers), 0);
  for (int i = 0; i < workers; ++i)
    threads.emplace_back([&, i] {
      name_this_thread("nf-worker-" + std::to_string(i));
      int status = 1;
      try {
        status = worker(i, stop_all);
      } catch (const std::exception& e) {
        spdlog::error("worker {}: {}", i, e.what());
      }
      if (status != 0) health_.worker_failed(i);
      statuses[static_cast<size_t>(i)] = status;
      if (status != 0) stop_all = true;
    });
  for (auto& t : threads) t.join();
  stop_all = true;
  if (follower.joinable()) follower.join();
  watching = false;
  relay.join();
  health_.stopping();
  metrics_.set_up(false);
  for (int s : statuses)
    if (s != 0) return s;
  return gave_up ? 1 : 0;
}

void Stage::broker_seen(bool reachable) {
  metrics_.broker_reachable(reachable);
  const Health::BrokerChange change = health_.broker_reachable(reachable);
  if (change.lost)
    spdlog::warn("waiting for the broker: no broker connection is up and answering (not ready until one is; "
                 "batches are retried for up to processing.outage_limit)");
  if (change.back) {
    const double seconds = std::chrono::duration<double>(change.outage).count();
    metrics_.broker_unreachable_for(seconds);
    spdlog::info("broker connection back after {:.1f}s", seconds);
  }
}

int Stage::worker(int index, const std::atomic<bool>& stop) {
  const WorkerIds ids = worker_ids(config_, config_.string("kafka.group_id"), index);
  LogFields log_fields{{"worker", index}};
  auto pipeline =
      make_pipeline(config_, resources_, [this](std::string_view name) { return metrics_.processor_probe(name); });
  // An outage longer than transaction.timeout.ms makes the broker abort the
  // open transaction, and librdkafka then reports this worker as fenced
  // although no other producer exists. Kafka Streams closes the task and
  // starts it with a new producer; so does this, a few times, only after such
  // an outage (a real twin with the same instance id is not fought).
  for (int restarts = 0;; ++restarts) {
    const engine::EngineResult result = run_worker_clients(index, ids, pipeline.get(), stop);
    if (result.status.is_ok()) {
      spdlog::info("worker {}: committed and left the group", index);
      return 0;
    }
    if (restartable_after_outage(result.status, result.longest_wait, transaction_timeout(config_)) && restarts < 3 &&
        !stop.load()) {
      spdlog::warn("worker {}: the broker aborted the open transaction during the {:.0f}s outage "
                   "(transaction.timeout.ms {} ms); starting the worker's Kafka clients again",
                   index, std::chrono::duration<double>(result.longest_wait).count(),
                   transaction_timeout(config_).count());
      continue;
    }
    health_.worker_failed(index);
    spdlog::error("worker {}: stopped on a {}", index, describe_fatal(result.status, ids));
    return 1;
  }
}

engine::EngineResult Stage::run_worker_clients(int index, const WorkerIds& ids, processors::Pipeline* pipeline,
                                               const std::atomic<bool>& stop) {
  const auto stats_interval = config_.duration("kafka.statistics_interval").count();
  auto producer_options =
      sink_options(config_, {topics_.output, topics_.dead_letter, topics_.duplicates, topics_.changelog}, ids);
  if (shared_dedup_) producer_options.changelog_writer = shared_dedup_->writer();
  if (stats_interval > 0) {
    producer_options.properties["statistics.interval.ms"] = std::to_string(stats_interval);
    producer_options.on_statistics = [this, index](std::string_view json) { metrics_.producer_statistics(index, json); };
  }
  producer::KafkaSink sink(std::move(producer_options));

  consumer::KafkaSourceOptions source_options;
  source_options.topic = topics_.input;
  source_options.properties = client_properties(config_, config_.consumer_properties(), ids.client_id);
  source_options.properties["group.id"] = config_.string("kafka.group_id");
  if (stats_interval > 0) {
    source_options.properties["statistics.interval.ms"] = std::to_string(stats_interval);
    source_options.on_statistics = [this, stats_interval](std::string_view json) {
      // A late report describes the past (e.g. an outage already over).
      if (auto s = metrics_.consumer_statistics(json); s.parsed && s.age.count() <= stats_interval)
        broker_seen(s.brokers_answering > 0);
    };
  }
  source_options.on_rebalance = [this, index](const std::string& event,
                                              const std::vector<std::pair<std::string, int32_t>>& partitions) {
    spdlog::info("worker {}: {} {} partition(s) of '{}'", index, event, partitions.size(), topics_.input);
    metrics_.rebalanced(event, partitions.size());
    if (event == "assigned") health_.worker_assigned(index, partitions.size());
    if (event == "revoked") health_.worker_revoked(index);
    if (event == "revoked") metrics_.forget_partitions(partitions);
    if (event == "assigned" && !counters_.ready.exchange(true)) spdlog::info("newsflow run: ready");
  };
  consumer::KafkaSource source(std::move(source_options));
  const auto committer = make_committer(config_, sink, source.handle(), ids, stop);

  MetricsEngineProbe probe(metrics_, resources_.dedup_index.get(), {&health_, index});
  engine::BatchEngine engine(engine_options(config_, "worker " + std::to_string(index)), source, pipeline, sink,
                             *committer, &probe, &counters_);
  return engine.run(stop);
}

}  // namespace newsflow::app
