#include "newsflow/core/time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

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

// The digit-by-digit writer against the calendar of <chrono> and printf, over
// random instants from year 0 to 9999 and the days where months and leap
// years turn.
TEST(TimeTest, FormatsLikeTheCalendar) {
  using namespace std::chrono;
  auto expected = [](int64_t ms) {
    const sys_time<milliseconds> t{milliseconds(ms)};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long long>(hms.hours().count()), static_cast<long long>(hms.minutes().count()),
                  static_cast<long long>(hms.seconds().count()), static_cast<long long>(hms.subseconds().count()));
    return std::string(buf);
  };
  const int64_t first = -62167219200000;  // 0000-01-01T00:00:00Z
  const int64_t last = 253402300799999;   // 9999-12-31T23:59:59.999Z
  std::mt19937_64 rng(12);
  std::vector<int64_t> instants = {first, last, 0, -1, 951782400000 - 1, 951782400000, 1720513800250};
  for (int i = 0; i < 20000; ++i) instants.push_back(first + static_cast<int64_t>(rng() % static_cast<uint64_t>(last - first)));
  for (int64_t day = 0; day < 1500; ++day) instants.push_back(946684800000 + day * 86'400'000 - 1);  // each midnight from 2000
  for (const int64_t ms : instants) {
    Rfc3339Buffer buf;
    ASSERT_EQ(format_rfc3339_ms(ms, buf), expected(ms)) << ms;
    ASSERT_EQ(format_rfc3339_ms(ms), expected(ms)) << ms;
  }
}

}  // namespace
}  // namespace newsflow
