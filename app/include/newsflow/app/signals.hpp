#pragma once
// Waits for SIGTERM/SIGINT on a dedicated thread (the constructor blocks them
// in the calling thread, so create it before any other thread starts: every
// thread started later inherits the mask and only the watcher receives them).
// The first signal sets `stop` so the stage drains; a drain that overruns
// shutdown_timeout exits without committing, which at-least-once allows; a
// second signal exits at once.
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace newsflow::app {

class SignalWatcher {
 public:
  SignalWatcher(std::atomic<bool>& stop, std::chrono::milliseconds shutdown_timeout);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void watch();

  std::atomic<bool>& stop_;
  std::chrono::milliseconds timeout_;
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace newsflow::app
