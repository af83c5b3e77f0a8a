// sd_notify messages on a socket standing in for systemd's NOTIFY_SOCKET.
#include "newsflow/app/systemd_notify.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "newsflow/app/health.hpp"

namespace newsflow::app {
namespace {

using namespace std::chrono_literals;

struct FakeSystemd {
  FakeSystemd() {
    path = "/tmp/newsflow-notify-" + std::to_string(::getpid()) + ".sock";
    ::unlink(path.c_str());
    fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.copy(addr.sun_path, sizeof addr.sun_path - 1);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
    ::setenv("WATCHDOG_USEC", "200000", 1);  // 200 ms: pings every 100 ms
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  }
  ~FakeSystemd() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
    ::close(fd);
    ::unlink(path.c_str());
  }
  // Every message received within the window, concatenated with newlines.
  std::string receive(std::chrono::milliseconds window) {
    std::string all;
    const auto until = std::chrono::steady_clock::now() + window;
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buf[1024];
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) all.append(buf, static_cast<size_t>(n)).push_back('\n');
    }
    return all;
  }
  std::string path;
  int fd = -1;
};

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SystemdNotifyTest, ReadyStatusWatchdogAndStopping) {
  FakeSystemd systemd;
  Health health(60s);
  std::atomic<bool> stop{false};
  SystemdNotifier notifier(health, stop);

  std::string got = systemd.receive(350ms);
  EXPECT_EQ(count(got, "READY=1"), 0u) << "ready before the run loop started: " << got;
  EXPECT_GE(count(got, "WATCHDOG=1"), 2u) << "alive during start-up: " << got;
  EXPECT_NE(got.find("STATUS=not ready: run loop: starting"), std::string::npos) << got;

  health.workers_started(1);
  health.worker_assigned(0, 2);
  got = systemd.receive(700ms);
  EXPECT_EQ(count(got, "READY=1"), 1u) << got;
  EXPECT_NE(got.find("STATUS=ready"), std::string::npos) << got;

  health.worker_failed(0);  // not alive: the watchdog pings stop
  systemd.receive(150ms);
  got = systemd.receive(400ms);
  EXPECT_EQ(count(got, "WATCHDOG=1"), 0u) << got;

  stop = true;
  got = systemd.receive(700ms);
  EXPECT_EQ(count(got, "STOPPING=1"), 1u) << got;
}

TEST(SystemdNotifyTest, NothingOutsideSystemd) {
  ::unsetenv("NOTIFY_SOCKET");
  Health health(60s);
  std::atomic<bool> stop{false};
  SystemdNotifier notifier(health, stop);  // no thread, no socket: must simply work
  health.workers_started(1);
  SUCCEED();
}

}  // namespace
}  // namespace newsflow::app
