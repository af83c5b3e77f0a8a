// input.max_depth and input.max_record_bytes: the ranges that keep every
// output readable by Python's json and Jackson's defaults are enforced at
// start-up, and the value given with --set is the one the parser applies.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsflow/app/cli.hpp"
#include "newsflow/app/config.hpp"
#include "newsflow/app/wiring.hpp"

namespace newsflow::app {
namespace {

std::string refusal(std::vector<std::pair<std::string, std::string>> overrides) {
  try {
    (void)parser_options(Config::load(std::nullopt, {}, overrides));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ParserSettingsTest, DepthOutsideOneToFiveHundredIsRefusedNamingTheSetting) {
  for (const char* bad : {"0", "501", "1000", "10000"}) {
    const std::string why = refusal({{"input.max_depth", bad}});
    EXPECT_NE(why.find("input.max_depth: must be between 1 and 500"), std::string::npos) << bad << ": " << why;
  }
  // Not a count at all: the config loader's own refusal, naming the setting too.
  EXPECT_NE(refusal({{"input.max_depth", "-1"}}).find("'input.max_depth'"), std::string::npos);
  for (const char* fine : {"1", "64", "500"}) {
    EXPECT_EQ(refusal({{"input.max_depth", fine}}), "") << fine;
    EXPECT_EQ(parser_options(Config::load(std::nullopt, {}, {{"input.max_depth", fine}})).max_depth,
              std::stoul(fine));
  }
}

TEST(ParserSettingsTest, RecordSizeAboveJacksonsLongestStringIsRefused) {
  const std::string why = refusal({{"input.max_record_bytes", "20000001"}});
  EXPECT_NE(why.find("input.max_record_bytes"), std::string::npos) << why;
  EXPECT_EQ(refusal({{"input.max_record_bytes", "20000000"}}), "");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The command line as an operator types it, through newsflow process.
TEST(ParserSettingsTest, DepthGivenWithSetReachesTheParser) {
  const std::string dir = ::testing::TempDir();
  const std::string in = dir + "/depth.ndjson", out = dir + "/depth.out", rej = dir + "/depth.rej";
  // The root is level 1: [[1]] makes 3 levels, [[[1]]] 4.
  std::ofstream(in) << R"({"id":"a","body":"Some text.","extra":[[1]]})" << "\n"
                    << R"({"id":"b","body":"Other text.","extra":[[[1]]]})" << "\n";
  auto run = [&](std::vector<std::string> args) {
    std::vector<std::string> all = {"newsflow", "process", "-i", in, "-o", out, "-r", rej,
                                    "--set", std::string("data_dir=") + NEWSFLOW_DATA_DIR_FOR_TESTS,
                                    "--set", "dedup.enabled=false", "--log-level", "error"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    return newsflow::app::main(static_cast<int>(argv.size()), argv.data());
  };
  ASSERT_EQ(run({"--set", "input.max_depth=3"}), 3) << "one line rejected";
  const std::string rejects = read_file(rej);
  EXPECT_NE(rejects.find("too_deep"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("input.max_depth (3)"), std::string::npos) << rejects;
  EXPECT_NE(read_file(out).find(R"("id":"a")"), std::string::npos);
  // The default (64) takes both.
  ASSERT_EQ(run({}), 0) << read_file(rej);
  EXPECT_NE(read_file(out).find(R"("id":"b")"), std::string::npos);
  // Out of range on the command line: a usage error naming the setting, nothing processed.
  EXPECT_NE(run({"--set", "input.max_depth=501"}), 0);
}

}  // namespace
}  // namespace newsflow::app
