#include "newsflow/app/signals.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>

namespace newsflow::app {

SignalWatcher::SignalWatcher(std::atomic<bool>& stop, std::chrono::milliseconds shutdown_timeout)
    : stop_(stop), timeout_(shutdown_timeout) {
  sigemptyset(&set_);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
  done_ = true;
  thread_.join();
}

void SignalWatcher::watch() {
  const timespec tick{0, 200'000'000};
  std::chrono::steady_clock::time_point stop_requested{};
  while (!done_) {
    const int sig = sigtimedwait(&set_, nullptr, &tick);
    if (sig > 0) {
      if (stop_.exchange(true)) {
        spdlog::warn("second signal: exiting now without draining");
        std::_Exit(130);
      }
      spdlog::info("received {}: draining (at most {} ms)", sig == SIGTERM ? "SIGTERM" : "SIGINT", timeout_.count());
      stop_requested = std::chrono::steady_clock::now();
    }
    if (stop_requested.time_since_epoch().count() != 0 &&
        std::chrono::steady_clock::now() - stop_requested > timeout_) {
      spdlog::error("drain exceeded run.shutdown_timeout; exiting without committing the last batch");
      std::_Exit(1);
    }
  }
}

}  // namespace newsflow::app
