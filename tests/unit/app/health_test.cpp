// Liveness/readiness semantics (health.hpp) and the HTTP listener that serves
// them with /metrics (status_server.hpp), over a real socket.
#include "newsflow/app/health.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "newsflow/app/metrics.hpp"
#include "newsflow/app/status_server.hpp"

namespace newsflow::app {
namespace {

using namespace std::chrono_literals;

// Status code and body of GET base_url + path.
std::pair<int, std::string> get(const std::string& base_url, const std::string& path) {
  const int port = std::stoi(base_url.substr(base_url.rfind(':') + 1));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {0, ""};
  }
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<size_t>(n));
  close(fd);
  const auto space = response.find(' ');
  const auto body = response.find("\r\n\r\n");
  if (space == std::string::npos || body == std::string::npos) return {0, response};
  return {std::stoi(response.substr(space + 1, 3)), response.substr(body + 4)};
}

TEST(HealthTest, NotReadyUntilEveryWorkerHoldsAnAssignment) {
  Health h(60s);
  EXPECT_TRUE(h.liveness().ok);  // start-up (dedup restore) is alive
  EXPECT_FALSE(h.readiness().ok);
  h.workers_started(2);
  EXPECT_FALSE(h.readiness().ok);
  h.worker_assigned(0, 3);
  EXPECT_FALSE(h.readiness().ok) << h.readiness().text;
  h.worker_assigned(1, 0);  // an idle member beyond the partition count is ready
  EXPECT_TRUE(h.readiness().ok) << h.readiness().text;
  h.worker_revoked(0);  // rebalance
  EXPECT_FALSE(h.readiness().ok);
  EXPECT_NE(h.readiness().text.find("worker 0: no assignment"), std::string::npos) << h.readiness().text;
  h.worker_assigned(0, 2);
  EXPECT_TRUE(h.readiness().ok);
  h.stopping();
  EXPECT_FALSE(h.readiness().ok);
  EXPECT_TRUE(h.liveness().ok);  // draining is alive
}

TEST(HealthTest, BrokerOutageIsNotReadyButAlive) {
  Health h(60s);
  h.workers_started(1);
  h.worker_assigned(0, 1);
  h.broker_reachable(false);
  EXPECT_FALSE(h.readiness().ok);
  EXPECT_NE(h.readiness().text.find("broker: unreachable"), std::string::npos);
  EXPECT_TRUE(h.liveness().ok);
  h.broker_reachable(true);
  EXPECT_TRUE(h.readiness().ok);
}

TEST(HealthTest, BrokerOutageIsReportedOnceByTheReportThatStartsOrEndsIt) {
  Health h(60s);
  EXPECT_FALSE(h.broker_reachable(true).lost);
  EXPECT_FALSE(h.broker_reachable(true).back);
  EXPECT_TRUE(h.broker_reachable(false).lost);
  EXPECT_FALSE(h.broker_reachable(false).lost);  // a second worker's report: same outage
  std::this_thread::sleep_for(20ms);
  const auto back = h.broker_reachable(true);
  EXPECT_TRUE(back.back);
  EXPECT_GE(back.outage, 20ms);
  EXPECT_FALSE(h.broker_reachable(true).back);
  EXPECT_EQ(h.broker_unreachable_for(), 0ms);
  h.broker_reachable(false);
  std::this_thread::sleep_for(20ms);
  EXPECT_GE(h.broker_unreachable_for(), 20ms);  // what the stage's outage limit is applied to
}

TEST(HealthTest, StuckOrFailedWorkerIsNotAlive) {
  Health h(500ms);
  h.workers_started(2);
  h.worker_progress(0);
  h.worker_progress(1);
  EXPECT_TRUE(h.liveness().ok);
  std::this_thread::sleep_for(700ms);
  h.worker_progress(1);
  const auto stuck = h.liveness();
  EXPECT_FALSE(stuck.ok);
  EXPECT_NE(stuck.text.find("worker 0: stuck"), std::string::npos) << stuck.text;
  EXPECT_NE(stuck.text.find("worker 1: ok"), std::string::npos) << stuck.text;
  h.worker_progress(0);
  EXPECT_TRUE(h.liveness().ok);
  h.worker_failed(1);
  EXPECT_FALSE(h.liveness().ok);
  EXPECT_FALSE(h.readiness().ok);
}

TEST(HealthTest, LongestSilenceNamesTheWorkerWhoseLoopStoppedComingRound) {
  Health h(60s);
  EXPECT_EQ(h.longest_silence().worker, -1);  // before the run loop starts
  h.workers_started(3);
  std::this_thread::sleep_for(30ms);
  h.worker_progress(0);
  h.worker_progress(2);
  const auto quiet = h.longest_silence();  // worker 1 sits in one call
  EXPECT_EQ(quiet.worker, 1);
  EXPECT_GE(quiet.lasted, 30ms);
  h.worker_progress(1);
  EXPECT_LT(h.longest_silence().lasted, 30ms);
}

TEST(StatusServerTest, ServesMetricsHealthAndReadiness) {
  Metrics metrics;
  Health health(60s);
  metrics.serve("127.0.0.1:0", &health);
  const std::string base = metrics.endpoint().substr(0, metrics.endpoint().rfind('/'));

  auto [code, body] = get(base, "/metrics");
  EXPECT_EQ(code, 200);
  EXPECT_NE(body.find("# TYPE newsflow_records_consumed_total counter"), std::string::npos) << body;
  EXPECT_NE(body.find("newsflow_build_info{version="), std::string::npos);

  EXPECT_EQ(get(base, "/healthz").first, 200);
  EXPECT_EQ(get(base, "/readyz").first, 503);
  health.workers_started(1);
  health.worker_assigned(0, 4);
  std::tie(code, body) = get(base, "/readyz");
  EXPECT_EQ(code, 200) << body;
  EXPECT_NE(body.find("worker 0: ok (4 partitions)"), std::string::npos) << body;
  health.worker_failed(0);
  EXPECT_EQ(get(base, "/healthz").first, 503);
  EXPECT_EQ(get(base, "/nothing-here").first, 404);
}

TEST(StatusServerTest, WithoutHealthTheHealthPathsAre404) {
  Metrics metrics;
  metrics.serve("127.0.0.1:0");
  const std::string base = metrics.endpoint().substr(0, metrics.endpoint().rfind('/'));
  EXPECT_EQ(get(base, "/metrics").first, 200);
  EXPECT_EQ(get(base, "/readyz").first, 404);
}

TEST(StatusServerTest, AddressInUseNamesTheSetting) {
  Metrics first;
  first.serve("127.0.0.1:0");
  const std::string port = first.endpoint().substr(first.endpoint().rfind(':') + 1);
  Metrics second;
  try {
    second.serve("127.0.0.1:" + port.substr(0, port.find('/')));
    FAIL() << "listening twice on one port succeeded";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("metrics.address"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace newsflow::app
