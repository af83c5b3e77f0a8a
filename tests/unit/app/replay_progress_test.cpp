#include "newsflow/app/replay_progress.hpp"

#include <gtest/gtest.h>
#include <thread>

#include "newsflow/app/logging.hpp"

namespace newsflow::app {
namespace {

TEST(ReplayProgressTest, TextShowsShareCountsRateAndEta) {
  // 9,600 left at 2,600/s: 3.7 s, shown as 0:04 (rounded up).
  EXPECT_EQ(progress_text(10400, 20000, 4.0), " 52%  10,400/20,000 records  2,600/s  ETA 0:04");
  EXPECT_EQ(progress_text(20000, 20000, 8.0), "100%  20,000/20,000 records  2,500/s  ETA 0:00");
  // No rate (and so no ETA) from the first second's numbers.
  EXPECT_EQ(progress_text(5, 100, 0.2), "  5%  5/100 records  --/s  ETA --:--");
  EXPECT_EQ(progress_text(0, 1, 0.2), "  0%  0/1 record  --/s  ETA --:--");
}

TEST(ReplayProgressTest, EtaIsNeverZeroBeforeTheEnd) {
  // 67 % with a third of a second left: the review saw "ETA 0:00" here.
  EXPECT_EQ(progress_text(670, 1000, 2.0), " 67%  670/1,000 records  335/s  ETA 0:01");
}

TEST(ReplayProgressTest, BarFillsInProportion) {
  EXPECT_EQ(progress_bar(0, 10, 10), "[..........]");
  EXPECT_EQ(progress_bar(5, 10, 10), "[#####.....]");
  EXPECT_EQ(progress_bar(10, 10, 10), "[##########]");
  EXPECT_EQ(progress_bar(0, 0, 4), "[####]");  // an empty range is complete
}

struct NullProbe final : engine::EngineProbe {};

double gauge(const Metrics& m, const std::string& name) {
  for (const auto& family : m.registry()->Collect())
    if (family.name == name && !family.metric.empty()) return family.metric.front().gauge.value;
  ADD_FAILURE() << name << " is not registered";
  return -1;
}

// A stalled replay (no batch arrives) still logs its line on time: the
// engine's heartbeat after every empty poll drives it, and the gauges follow.
TEST(ReplayProgressTest, LogLinesAndGaugesComeFromHeartbeatsWithoutBatches) {
  // The library's logger (its spdlog registry, not this binary's), to stderr.
  install_logger(LogFormat::text);
  ::testing::internal::CaptureStderr();
  NullProbe inner;
  Metrics metrics;
  int64_t done = 40;
  ReplayProgress progress(
      ProgressStyle::log, [&] { return std::vector<consumer::RangeProgress>{{0, done, 100}}; }, inner, metrics,
      std::chrono::milliseconds(1000));
  progress.heartbeat();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  progress.heartbeat();
  // Within the second after the last line: no line. (A 150 ms interval
  // failed on a loaded machine, which can hold a thread that long.)
  progress.heartbeat();
  done = 60;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  progress.waiting(Status::retriable("broker away"), std::chrono::milliseconds(200));
  const std::string text = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
  EXPECT_NE(text.find("replay:  40%  40/100 records"), std::string::npos) << text;
  EXPECT_NE(text.find("replay:  60%  60/100 records"), std::string::npos) << text;
  EXPECT_EQ(gauge(metrics, "newsflow_replay_records_done"), 60);
  EXPECT_EQ(gauge(metrics, "newsflow_replay_records_total"), 100);
}

}  // namespace
}  // namespace newsflow::app
