#include "newsflow/consumer/range_source.hpp"

#include <gmock/gmock.h>
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

TEST(RangeSourceTest, BoundForms) {
  const int64_t now = 1'790'000'000'000;
  using Kind = ReplayBound::Kind;
  EXPECT_EQ(parse_replay_bound("beginning", now, "--from").bound->kind, Kind::beginning);
  EXPECT_EQ(parse_replay_bound("end", now, "--to").bound->kind, Kind::end);
  const auto back = parse_replay_bound("-PT6H", now, "--from").bound;
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, Kind::time);
  EXPECT_EQ(back->time_ms, now - 6 * 3'600'000);
  const auto t = parse_replay_bound("2026-09-21T16:13:20+02:00", now, "--from").bound;
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, Kind::time);
  EXPECT_EQ(t->time_ms, now);
  const auto o = parse_replay_bound("0:1200,3:880", now, "--from").bound;
  ASSERT_TRUE(o);
  EXPECT_EQ(o->kind, Kind::offsets);
  EXPECT_EQ(o->offsets, (std::map<int32_t, int64_t>{{0, 1200}, {3, 880}}));
}

TEST(RangeSourceTest, MalformedBoundsSayWhichFormFailedAndListTheForms) {
  auto error = [](const char* spec) { return parse_replay_bound(spec, 0, "--from").error; };
  for (const char* bad : {"2026-13-01T00:00:00Z", "2026-11-30T25:00:00Z", "2026-11-30T06:00:00Q", "2026-1-30"})
    EXPECT_THAT(error(bad), ::testing::HasSubstr("is not a valid RFC 3339 time")) << bad;
  for (const char* bad : {"-PT6X", "-6h", "-P"})
    EXPECT_THAT(error(bad), ::testing::HasSubstr("is not a valid duration")) << bad;
  for (const char* bad : {"0:12,1:x", "0:1200,1", "0:-5"})
    EXPECT_THAT(error(bad), ::testing::HasSubstr("is not a valid offsets form")) << bad;
  EXPECT_THAT(error("yesterday"), ::testing::HasSubstr("is not a replay bound"));
  // Every message lists what is accepted, and names the flag and the text.
  for (const char* bad : {"2026-13-01T00:00:00Z", "-PT6X", "0:x", "yesterday"}) {
    const std::string e = error(bad);
    EXPECT_THAT(e, ::testing::StartsWith(std::string("--from '") + bad + "'"));
    for (const char* form : {"beginning", "end", "RFC 3339", "-PT6H", "0:1200,1:880"})
      EXPECT_THAT(e, ::testing::HasSubstr(form)) << bad;
  }
  EXPECT_FALSE(parse_replay_bound("2026-13-01T00:00:00Z", 0, "--to").bound);
}

}  // namespace
}  // namespace newsflow::consumer
