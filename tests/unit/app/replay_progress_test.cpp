#include "newsflow/app/replay_progress.hpp"

#include <gtest/gtest.h>

namespace newsflow::app {
namespace {

TEST(ReplayProgressTest, TextShowsShareCountsRateAndEta) {
  EXPECT_EQ(progress_text(10400, 20000, 4.0), " 52%  10,400/20,000  2,600/s  ETA 0:03");
  EXPECT_EQ(progress_text(20000, 20000, 8.0), "100%  20,000/20,000  2,500/s  ETA 0:00");
  // No rate (and so no ETA) from the first second's numbers.
  EXPECT_EQ(progress_text(5, 100, 0.2), "  5%  5/100  --/s  ETA --:--");
}

TEST(ReplayProgressTest, BarFillsInProportion) {
  EXPECT_EQ(progress_bar(0, 10, 10), "[..........]");
  EXPECT_EQ(progress_bar(5, 10, 10), "[#####.....]");
  EXPECT_EQ(progress_bar(10, 10, 10), "[##########]");
  EXPECT_EQ(progress_bar(0, 0, 4), "[####]");  // an empty range is complete
}

}  // namespace
}  // namespace newsflow::app
