#include "newsflow/consumer/range_source.hpp"

#include <gtest/gtest.h>

namespace newsflow::consumer {
namespace {

TEST(RangeSourceTest, LookbackDurations) {
  EXPECT_EQ(parse_lookback("-PT6H"), 6 * 3'600'000);
  EXPECT_EQ(parse_lookback("-P2D"), 2 * 86'400'000);
  EXPECT_EQ(parse_lookback("-P1DT12H30M"), 86'400'000 + 12 * 3'600'000 + 30 * 60'000);
  EXPECT_EQ(parse_lookback("-PT90S"), 90'000);
  EXPECT_EQ(parse_lookback("-P1W"), 7 * 86'400'000LL);
  for (const char* bad : {"PT6H", "-P", "-PT", "-P6H", "-PT6D", "-PTT1H", "-P1", "-PT1H2", "6h", ""})
    EXPECT_FALSE(parse_lookback(bad).has_value()) << bad;
}

}  // namespace
}  // namespace newsflow::consumer
