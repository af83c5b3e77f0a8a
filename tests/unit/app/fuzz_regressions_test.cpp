// Inputs tests/fuzz/config_fuzz found; docs/fuzzing.md lists them.
#include <gtest/gtest.h>

#include "newsflow/app/config.hpp"

namespace newsflow::app {
namespace {

TEST(FuzzRegressions, DurationsThatOverflowAreRefused) {
  // 18244680000000000 h in milliseconds overflows int64 (UB before).
  EXPECT_FALSE(parse_duration("18244680000000000h"));
  EXPECT_FALSE(parse_duration("9223372036854775807s"));
  EXPECT_EQ(parse_duration("9223372036854775807ms")->count(), INT64_MAX);
  EXPECT_EQ(parse_duration("106751991167d")->count(), 106751991167LL * 86'400'000);
}

TEST(FuzzRegressions, SizesThatOverflowAreRefusedNotWrapped) {
  // 2^54 GiB wrapped to 0 bytes before.
  EXPECT_FALSE(parse_bytes("18014398509481984GiB"));
  EXPECT_FALSE(parse_bytes("18446744073709551615KB"));
  EXPECT_EQ(parse_bytes("17179869183GiB"), uint64_t{17179869183} << 30);
  EXPECT_THROW(Config::load(std::nullopt, {}, {{"input.max_record_bytes", "18014398509481984GiB"}}), ConfigError);
}

}  // namespace
}  // namespace newsflow::app
