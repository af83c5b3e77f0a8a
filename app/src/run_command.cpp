// `newsflow run`: signals, metrics endpoint and the stage.
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/app/signals.hpp"
#include "newsflow/app/stage.hpp"

namespace newsflow::app {

int run_command(const Config& config) {
  const auto topics = stage_topics(config);
  spdlog::info("newsflow run: {} -> {} (dead letters: {}), brokers {}, group {}", topics.input, topics.output,
               topics.dead_letter, config.string("kafka.brokers"), config.string("kafka.group_id"));
  spdlog::debug("effective configuration:\n{}", config.describe());
  // Signals are blocked before any thread starts (metrics server, librdkafka)
  // so only the watcher ever receives them.
  std::atomic<bool> stop{false};
  SignalWatcher signals(stop, config.duration("run.shutdown_timeout"));
  Metrics metrics;
  metrics.serve(config.string("metrics.address"));
  if (!metrics.endpoint().empty()) spdlog::info("metrics at {}", metrics.endpoint());
  Stage stage(config, metrics);
  const int status = stage.run(stop);
  const auto& c = stage.counters();
  spdlog::info("newsflow run: stopped ({}): {} consumed, {} committed, {} output, {} duplicates, {} dead letters, "
               "{} batches committed, {} aborted",
               status == 0 ? "clean" : "failed", c.polled.load(), c.committed.load(), c.output.load(),
               c.duplicates.load(), c.dead_letters.load(), c.batches.load(), c.aborts.load());
  return status;
}

}  // namespace newsflow::app
