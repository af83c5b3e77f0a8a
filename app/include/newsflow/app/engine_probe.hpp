#pragma once
// The batch engine's hooks implemented with the stage's Prometheus metrics.
#include "newsflow/app/metrics.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/processors/dedup.hpp"

namespace newsflow::app {

class MetricsEngineProbe final : public engine::EngineProbe {
 public:
  MetricsEngineProbe(Metrics& metrics, const processors::DedupIndex* index) : metrics_(metrics), index_(index) {}
  void polled(size_t records) override { metrics_.consumed(records); }
  void processed(const Article& article) override { metrics_.article_processed(article); }
  void dead_lettered(const std::string& error_class) override { metrics_.dead_lettered(error_class); }
  void duplicate_dropped() override { metrics_.duplicate_dropped(); }
  void committed(const std::array<uint64_t, 4>& written, size_t records,
                 std::chrono::duration<double> open_for) override;
  void aborted(engine::AbortCause cause, const Status& why) override;
  void waiting(const Status& why, std::chrono::milliseconds so_far) override;
  void resumed(std::chrono::milliseconds outage) override;

 private:
  Metrics& metrics_;
  const processors::DedupIndex* index_;
  std::chrono::milliseconds reported_wait_{0};  // of the current outage, already counted
};

}  // namespace newsflow::app
