#pragma once
// The batch engine's hooks implemented with the stage's Prometheus metrics.
#include "newsflow/app/health.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::app {

// Per worker: liveness goes to Health.
struct ProbeTargets {
  Health* health = nullptr;
  int worker = 0;
};

class MetricsEngineProbe final : public engine::EngineProbe {
 public:
  MetricsEngineProbe(Metrics& metrics, const processors::DedupIndex* index, ProbeTargets targets = {})
      : metrics_(metrics), index_(index), targets_(targets), latency_(metrics.latency_recorder()) {}
  void heartbeat() override;
  void polled(size_t records) override { metrics_.consumed(records); }
  void processed(const RawRecord& input, const Article& article, bool written) override;
  void dead_lettered(const RawRecord& input, const ProcessedRecord& rejection) override;
  void duplicate_dropped() override { metrics_.duplicate_dropped(); }
  void committed(const std::array<uint64_t, 4>& written, size_t records,
                 std::chrono::duration<double> open_for) override;
  void sealed() override { latency_.sealed(); }
  void commit_waited(std::chrono::duration<double> waited) override { metrics_.commit_waited(waited.count()); }
  void aborted(engine::AbortCause cause, const Status& why) override;
  void waiting(const Status& why, std::chrono::milliseconds so_far) override;
  void resumed(std::chrono::milliseconds outage) override;
  void gave_up(const Status&) override {
    if (targets_.health) targets_.health->worker_gave_up();
  }

 private:
  Metrics& metrics_;
  const processors::DedupIndex* index_;
  ProbeTargets targets_;
  LatencyRecorder latency_;  // this worker's outputs of the open batch
  std::chrono::milliseconds reported_wait_{0};  // of the current outage, already counted
};

}  // namespace newsflow::app
