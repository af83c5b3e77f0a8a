#pragma once
// Progress of a replay, shown as a person expects it: on a terminal a bar
// (or one per partition) redrawn in place at most 10 times a second; in a
// log (CI, a pod) one plain line every 5 s; always the replay gauges in the
// metrics. Wraps the metrics probe so the engine sees one EngineProbe.
// Redraws are driven by the engine's heartbeat (after every poll, records
// or not) as well as by batches, so a stalled replay (partitions waiting,
// the broker away) still prints its line on time, with a falling rate.
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/metrics.hpp"
#include "newsflow/consumer/range_source.hpp"
#include "newsflow/engine/batch_engine.hpp"

namespace newsflow::app {

// done / total with the rate and time left (rounded up, so never 0:00 before
// the end), e.g. " 52%  10,400/20,000 records  2,600/s  ETA 0:04".
std::string progress_text(int64_t done, int64_t total, double seconds);
// A bar of `width` cells for done / total.
std::string progress_bar(int64_t done, int64_t total, int width);

class ReplayProgress final : public engine::EngineProbe {
 public:
  using Sample = std::function<std::vector<consumer::RangeProgress>()>;
  // style automatic: bar on a terminal (stderr), log otherwise. log_every:
  // between two log lines.
  ReplayProgress(ProgressStyle style, Sample sample, engine::EngineProbe& inner, Metrics& metrics,
                 std::chrono::milliseconds log_every = std::chrono::milliseconds(5000));

  void polled(size_t records) override;
  void heartbeat() override;
  void processed(const RawRecord& input, const Article& article, bool written) override {
    inner_.processed(input, article, written);
  }
  void dead_lettered(const RawRecord& input, const ProcessedRecord& rejection) override {
    inner_.dead_lettered(input, rejection);
  }
  void duplicate_dropped() override { inner_.duplicate_dropped(); }
  void committed(const std::array<uint64_t, 4>& written, size_t records,
                 std::chrono::duration<double> open_for) override;
  void commit_waited(std::chrono::duration<double> waited) override { inner_.commit_waited(waited); }
  void sealed() override { inner_.sealed(); }
  void aborted(engine::AbortCause cause, const Status& why) override { inner_.aborted(cause, why); }
  void waiting(const Status& why, std::chrono::milliseconds so_far) override;
  void resumed(std::chrono::milliseconds outage) override { inner_.resumed(outage); }

  // Draws the final state (100 % when complete) and ends the line.
  void finish();

 private:
  void show(bool force);

  ProgressStyle style_;
  Sample sample_;
  engine::EngineProbe& inner_;
  Metrics& metrics_;
  std::chrono::milliseconds log_every_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), last_{}, last_sample_{};
  int drawn_lines_ = 0;
};

}  // namespace newsflow::app
