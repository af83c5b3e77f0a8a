#include "newsflow/app/health.hpp"

namespace newsflow::app {

Health::Health(std::chrono::milliseconds stuck_after) : stuck_after_ms_(stuck_after.count()) {}

int64_t Health::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void Health::workers_started(int count) {
  // Published before count_, so a reader that sees the count sees the array.
  workers_ = std::make_unique<Worker[]>(static_cast<size_t>(count));
  const int64_t now = now_ms();
  for (int i = 0; i < count; ++i) workers_[static_cast<size_t>(i)].last_progress_ms = now;
  count_.store(count, std::memory_order_release);
}

void Health::worker_progress(int index) { workers_[static_cast<size_t>(index)].last_progress_ms = now_ms(); }
void Health::worker_failed(int index) { workers_[static_cast<size_t>(index)].failed = true; }

void Health::worker_assigned(int index, size_t partitions) {
  auto& w = workers_[static_cast<size_t>(index)];
  w.partitions = partitions;
  w.assigned = true;
  w.last_progress_ms = now_ms();
}

void Health::worker_revoked(int index) {
  auto& w = workers_[static_cast<size_t>(index)];
  w.assigned = false;
  w.partitions = 0;
}

HealthReport Health::liveness() const {
  HealthReport r;
  r.ok = true;
  const int n = count_.load(std::memory_order_acquire);
  if (n == 0) {
    r.text = "starting: ok\n";
    return r;
  }
  const int64_t now = now_ms();
  for (int i = 0; i < n; ++i) {
    const auto& w = workers_[static_cast<size_t>(i)];
    const int64_t idle = now - w.last_progress_ms.load();
    std::string state = "ok";
    if (w.failed) {
      state = "failed";
      r.ok = false;
    } else if (idle > stuck_after_ms_) {
      state = "stuck (no progress for " + std::to_string(idle / 1000) + "s)";
      r.ok = false;
    }
    r.text += "worker " + std::to_string(i) + ": " + state + "\n";
  }
  return r;
}

Health::BrokerChange Health::broker_reachable(bool reachable) {
  BrokerChange change;
  const int64_t now = now_ms();
  const bool was = broker_up_.exchange(reachable);
  if (was && !reachable) {
    broker_down_since_ms_ = now;
    change.lost = true;
  } else if (!was && reachable) {
    change.back = true;
    change.outage = std::chrono::milliseconds(now - broker_down_since_ms_.load());
  }
  return change;
}

std::chrono::milliseconds Health::broker_unreachable_for() const {
  if (broker_up_.load()) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(now_ms() - broker_down_since_ms_.load());
}

Health::Silence Health::longest_silence() const {
  Silence longest;
  const int n = count_.load(std::memory_order_acquire);
  const int64_t now = now_ms();
  for (int i = 0; i < n; ++i) {
    const auto lasted = std::chrono::milliseconds(now - workers_[static_cast<size_t>(i)].last_progress_ms.load());
    if (longest.worker < 0 || lasted > longest.lasted) longest = {i, lasted};
  }
  return longest;
}

HealthReport Health::readiness() const {
  HealthReport r;
  r.ok = true;
  auto check = [&](bool good, const std::string& what, const std::string& bad) {
    r.text += what + ": " + (good ? std::string("ok") : bad) + "\n";
    if (!good && r.problem.empty()) r.problem = what + ": " + bad;
    r.ok = r.ok && good;
  };
  const int n = count_.load(std::memory_order_acquire);
  check(n > 0 && !stopping_, "run loop", n == 0 ? "starting" : "stopping");
  check(broker_up_, "broker", "unreachable");
  for (int i = 0; i < n; ++i) {
    const auto& w = workers_[static_cast<size_t>(i)];
    check(w.assigned && !w.failed, "worker " + std::to_string(i),
          w.failed ? "failed" : "no assignment (joining the group or rebalancing)");
    if (w.assigned) r.text.insert(r.text.size() - 1, " (" + std::to_string(w.partitions.load()) + " partitions)");
  }
  return r;
}

}  // namespace newsflow::app
