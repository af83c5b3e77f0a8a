#pragma once
// The Kafka -> Kafka stage. Each worker thread owns one consumer (in the
// group), one pipeline and one producer, and runs batches; a batch is the
// commit boundary:
//   poll -> process -> produce outputs, dead letters, duplicates and dedup
//   changelog entries -> await every delivery report -> commit offsets.
// A delivery failure stops the stage without committing (at-least-once: the
// batch is re-consumed after restart). Under exactly-once the produce..commit
// part becomes one transaction without changing the shape.
#include <atomic>
#include <cstdint>
#include <string>

#include "newsflow/app/config.hpp"
#include "newsflow/app/health.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/producer/cloudevents.hpp"

namespace newsflow::app {

struct StageTopics {
  std::string input, output, dead_letter, duplicates, changelog;
};
StageTopics stage_topics(const Config& config);
// cloudevents.* settings, with the source defaulting to /newsflow/<group id>.
producer::CloudEventsOptions cloudevents_options(const Config& config);
// How long a worker may go without progress before /healthz calls it stuck:
// longer than the longest legitimate wait (a batch's delivery timeout).
std::chrono::milliseconds stuck_after(const Config& config);

struct StageCounters {
  std::atomic<uint64_t> consumed{0};
  std::atomic<uint64_t> committed{0};  // records whose offsets are committed
  std::atomic<uint64_t> output{0}, duplicates{0}, dead_letters{0};
  std::atomic<bool> ready{false};  // first partitions assigned
};

class Stage {
 public:
  // health: where the run loop reports liveness and readiness (the metrics
  // listener serves it); null keeps a private one nobody reads.
  Stage(const Config& config, Metrics& metrics, Health* health = nullptr);

  // Runs until stop becomes true (then drains and commits) or a fatal error.
  // Returns an exit status.
  int run(const std::atomic<bool>& stop);
  const StageCounters& counters() const { return counters_; }

 private:
  int worker(int index, const std::atomic<bool>& stop, std::atomic<bool>& failed);
  void restore_dedup_state(processors::Pipeline& pipeline);

  const Config& config_;
  Metrics& metrics_;
  Health own_health_;
  Health& health_;
  StageTopics topics_;
  producer::CloudEventsOptions cloudevents_;
  SharedResources resources_;
  StageCounters counters_;
};

}  // namespace newsflow::app
