#include "newsflow/app/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

#include "newsflow/app/health.hpp"

namespace newsflow::app {

SystemdNotifier::SystemdNotifier(const Health& health, const std::atomic<bool>& stop) : health_(health), stop_(stop) {
  if (!std::getenv("NOTIFY_SOCKET")) return;  // not under systemd (or not Type=notify)
  thread_ = std::thread([this] { loop(); });
}

SystemdNotifier::~SystemdNotifier() {
  done_ = true;
  if (thread_.joinable()) thread_.join();
}

void SystemdNotifier::loop() {
  using clock = std::chrono::steady_clock;
  uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) <= 0) watchdog_usec = 0;
  const auto ping_every = std::chrono::microseconds(watchdog_usec / 2);
  auto next_ping = clock::now();
  const auto tick = watchdog_usec > 0 ? std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(ping_every) / 2,
                                                   std::chrono::milliseconds(1), std::chrono::milliseconds(500))
                                      : std::chrono::milliseconds(500);
  bool ready_sent = false, stopping_sent = false;
  std::string status;
  while (!done_) {
    const auto now = clock::now();
    if (!ready_sent && health_.running()) {
      sd_notify(0, "READY=1");
      ready_sent = true;
    }
    if (!stopping_sent && stop_) {
      sd_notify(0, "STOPPING=1");
      stopping_sent = true;
    }
    const HealthReport readiness = health_.readiness();
    const std::string now_status = readiness.ok ? "ready" : "not ready: " + readiness.problem;
    if (now_status != status) {
      status = now_status;
      sd_notifyf(0, "STATUS=%s", status.c_str());
    }
    if (watchdog_usec > 0 && now >= next_ping && health_.liveness().ok) {
      sd_notify(0, "WATCHDOG=1");
      next_ping = now + ping_every;
    }
    std::this_thread::sleep_for(tick);
  }
}

}  // namespace newsflow::app
