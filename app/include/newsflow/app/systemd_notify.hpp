#pragma once
// sd_notify(3) for the systemd unit (Type=notify, WatchdogSec=):
//   READY=1     once the run loop has started (after the dedup restore, which
//               can take minutes: the unit's TimeoutStartSec allows for it)
//   STATUS=...  the first failing readiness check, or "ready"
//   WATCHDOG=1  every WatchdogSec/2 while /healthz would answer 200, so
//               systemd restarts a stuck stage even if the HTTP port is closed
//   STOPPING=1  when the drain after SIGTERM begins
// Outside systemd (no NOTIFY_SOCKET) every call is a no-op. One background
// thread; the destructor stops it.
#include <atomic>
#include <thread>

namespace newsflow::app {

class Health;

class SystemdNotifier {
 public:
  SystemdNotifier(const Health& health, const std::atomic<bool>& stop);
  ~SystemdNotifier();
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

 private:
  void loop();

  const Health& health_;
  const std::atomic<bool>& stop_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace newsflow::app
