#include "newsflow/core/time.hpp"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(TimeTest, ParsesRfc3339Variants) {
  EXPECT_EQ(parse_rfc3339_ms("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339_ms("2024-07-09T08:30:00Z"), 1720513800000);
  EXPECT_EQ(parse_rfc3339_ms("2024-07-09T10:30:00+02:00"), 1720513800000);
  EXPECT_EQ(parse_rfc3339_ms("2024-07-09T08:30:00.250Z"), 1720513800250);
  EXPECT_EQ(parse_rfc3339_ms("2024-07-09 08:30:00"), 1720513800000);
  EXPECT_EQ(parse_rfc3339_ms("2024-07-09"), 1720483200000);
}

TEST(TimeTest, RejectsGarbage) {
  EXPECT_FALSE(parse_rfc3339_ms(""));
  EXPECT_FALSE(parse_rfc3339_ms("yesterday"));
  EXPECT_FALSE(parse_rfc3339_ms("2024-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_ms("2024-07-09T08:30:00Zjunk"));
}

TEST(TimeTest, FormatsRoundTrip) {
  EXPECT_EQ(format_rfc3339_ms(1720513800250), "2024-07-09T08:30:00.250Z");
  EXPECT_EQ(parse_rfc3339_ms(format_rfc3339_ms(951782400000)), 951782400000);  // 2000-02-29
}

}  // namespace
}  // namespace newsflow
