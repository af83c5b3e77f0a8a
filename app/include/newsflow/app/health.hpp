#pragma once
// Liveness and readiness of `newsflow run`, served as GET /healthz and
// GET /readyz on the metrics listener (see deploy/README.md, "Health").
//
//   /healthz  200 while every worker's loop keeps coming round (each poll,
//             batch and commit reports progress) and none has failed fatally;
//             503 when a worker has not come round for stuck_after, or failed.
//             Start-up (the dedup restore) counts as alive: it is bounded by
//             its own timeout and exits the process when it fails.
//   /readyz   200 while the stage runs, every worker holds a group assignment
//             (possibly empty: a replica beyond the partition count is
//             healthy and idle, and must not stall a rolling update) and the
//             broker is reachable; 503 during start-up, a rebalance, a broker
//             outage and the drain after SIGTERM.
//
// The run loop reports through one-line hooks; the HTTP threads read. All
// methods are thread-safe (atomics; workers are fixed once started).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace newsflow::app {

struct HealthReport {
  bool ok = false;
  std::string text;     // one line per check, for people reading the probe
  std::string problem;  // the first failing check ("broker: unreachable"), empty when ok
};

class Health {
 public:
  // A worker that reports no progress for stuck_after is stuck.
  explicit Health(std::chrono::milliseconds stuck_after);

  // The run loop starts with this many workers (before their first poll).
  void workers_started(int count);
  // Drain after SIGTERM or the end of the run: no longer ready.
  void stopping() { stopping_ = true; }

  void worker_progress(int index);
  void worker_failed(int index);
  // Eager rebalance: revoked -> no assignment until the next assigned.
  void worker_assigned(int index, size_t partitions);
  void worker_revoked(int index);

  // From librdkafka statistics (any broker connection UP). Every worker's
  // consumer reports; the change is seen once, by the report that makes it,
  // so the stage logs an outage once however many workers there are.
  struct BrokerChange {
    bool lost = false;                    // reachable -> unreachable
    bool back = false;                    // unreachable -> reachable
    std::chrono::milliseconds outage{0};  // with back: how long it was gone
  };
  BrokerChange broker_reachable(bool reachable);
  // How long no broker has been reachable (0 while one is).
  std::chrono::milliseconds broker_unreachable_for() const;

  // The worker whose loop has gone longest without coming round, and for how
  // long. A loop that stops coming round is blocked in one librdkafka call
  // (a transaction call waits up to the request timeout for a broker that
  // keeps its connections but does not answer), where neither the engine's
  // retries nor the statistics can see the outage.
  struct Silence {
    int worker = -1;
    std::chrono::milliseconds lasted{0};
  };
  Silence longest_silence() const;

  // A worker reached processing.outage_limit; the stage exits soon after.
  void worker_gave_up() { worker_gave_up_ = true; }
  bool any_worker_gave_up() const { return worker_gave_up_.load(); }

  // The run loop has started (the dedup restore is over).
  bool running() const { return count_.load(std::memory_order_acquire) > 0; }

  HealthReport liveness() const;
  HealthReport readiness() const;

 private:
  struct Worker {
    std::atomic<int64_t> last_progress_ms{0};  // steady clock
    std::atomic<bool> failed{false};
    std::atomic<bool> assigned{false};
    std::atomic<size_t> partitions{0};
  };
  static int64_t now_ms();

  const int64_t stuck_after_ms_;
  std::unique_ptr<Worker[]> workers_;
  std::atomic<int> count_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> broker_up_{true};  // until statistics say otherwise
  std::atomic<int64_t> broker_down_since_ms_{0};
  std::atomic<bool> worker_gave_up_{false};
};

}  // namespace newsflow::app
