// `newsflow run`: signals, metrics endpoint and the stage.
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <thread>
#include <unistd.h>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/app/stage.hpp"

namespace newsflow::app {
namespace {

// Waits for SIGTERM/SIGINT on a dedicated thread (signals are blocked in all
// others), asks the stage to drain, and enforces run.shutdown_timeout: a
// drain that overruns exits without committing, which at-least-once allows.
class SignalWatcher {
 public:
  SignalWatcher(std::atomic<bool>& stop, std::chrono::milliseconds shutdown_timeout)
      : stop_(stop), timeout_(shutdown_timeout) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this] { watch(); });
  }
  ~SignalWatcher() {
    done_ = true;
    thread_.join();
  }

 private:
  void watch() {
    const timespec tick{0, 200'000'000};
    std::chrono::steady_clock::time_point stop_requested;
    while (!done_) {
      const int sig = sigtimedwait(&set_, nullptr, &tick);
      if (sig > 0) {
        if (stop_.exchange(true)) {
          spdlog::warn("second signal: exiting now without draining");
          std::_Exit(130);
        }
        spdlog::info("received {}: draining (at most {} ms)", sig == SIGTERM ? "SIGTERM" : "SIGINT",
                     timeout_.count());
        stop_requested = std::chrono::steady_clock::now();
      }
      if (stop_.load() && stop_requested.time_since_epoch().count() != 0 &&
          std::chrono::steady_clock::now() - stop_requested > timeout_) {
        spdlog::error("drain exceeded run.shutdown_timeout; exiting without committing the last batch");
        std::_Exit(1);
      }
    }
  }

  std::atomic<bool>& stop_;
  std::chrono::milliseconds timeout_;
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace

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
  spdlog::info("newsflow run: stopped ({}): {} consumed, {} committed, {} output, {} duplicates, {} dead letters",
               status == 0 ? "clean" : "failed", c.consumed.load(), c.committed.load(), c.output.load(),
               c.duplicates.load(), c.dead_letters.load());
  return status;
}

}  // namespace newsflow::app
