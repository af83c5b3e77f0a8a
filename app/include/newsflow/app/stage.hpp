#pragma once
// The Kafka -> Kafka stage (`newsflow run`): start-up checks, the dedup state
// rebuilt from its changelog, then one worker thread per `run.workers`, each
// running the batch engine (engine/) over its own consumer (in the group),
// pipeline and producer. Under exactly-once each worker's producer is
// transactional with a stable transactional.id, and each batch one
// transaction; under at-least-once the offsets follow the outputs.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "newsflow/app/config.hpp"
#include "newsflow/app/health.hpp"
#include "newsflow/app/kafka_wiring.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/app/shared_dedup.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/producer/cloudevents.hpp"

namespace newsflow::app {

struct StageTopics {
  std::string input, output, dead_letter, duplicates, changelog;
};
StageTopics stage_topics(const Config& config);
// cloudevents.* settings, with the source defaulting to /newsflow/<group id>.
producer::CloudEventsOptions cloudevents_options(const Config& config);
// How long a worker may go without progress before /healthz calls it stuck:
// longer than the longest legitimate wait (one wait for delivery reports).
std::chrono::milliseconds stuck_after(const Config& config);
// cloudevents.* settings, with the source defaulting to /newsflow/<group id>.
producer::CloudEventsOptions cloudevents_options(const Config& config);
// How long a worker may go without progress before /healthz calls it stuck:
// longer than the longest legitimate wait (a batch's delivery timeout).
std::chrono::milliseconds stuck_after(const Config& config);

// Every worker's engine counts into the same counters, live.
struct StageCounters : engine::EngineCounters {
  std::atomic<bool> ready{false};  // first partitions assigned
};

class Stage {
 public:
  // health: where the run loop reports liveness and readiness (the metrics
  // listener serves it); null keeps a private one nobody reads.
  Stage(const Config& config, Metrics& metrics, Health* health = nullptr);

  // Runs until stop becomes true (then commits and leaves) or a fatal error.
  // Returns an exit status.
  int run(const std::atomic<bool>& stop);
  const StageCounters& counters() const { return counters_; }

 private:
  int worker(int index, const std::atomic<bool>& stop);
  // One set of Kafka clients (consumer, producer, committer) and the engine
  // over them, until stop or a fatal error.
  engine::EngineResult run_worker_clients(int index, const WorkerIds& ids, processors::Pipeline* pipeline,
                                          const std::atomic<bool>& stop);
  void restore_dedup_state();
  // A consumer's statistics say whether any broker connection is UP; an
  // outage is logged when it starts and ends, even with no batch waiting.
  void broker_seen(bool reachable);

  const Config& config_;
  Metrics& metrics_;
  Health own_health_;
  Health& health_;
  StageTopics topics_;
  producer::CloudEventsOptions cloudevents_;
  SharedResources resources_;
  StageCounters counters_;
  std::unique_ptr<SharedDedupState> shared_dedup_;  // null when dedup is off
};

}  // namespace newsflow::app
