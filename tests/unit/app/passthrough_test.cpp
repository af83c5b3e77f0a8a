// run.passthrough=true is the no-op ceiling of the throughput comparisons:
// every command copies its input unchanged, so `newsflow process` gives the
// file-mode ceiling as `newsflow run` gives the Kafka one.
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

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_process(std::vector<std::string> args) {
  std::vector<std::string> all = {"newsflow", "process", "--set",
                                  std::string("data_dir=") + NEWSFLOW_DATA_DIR_FOR_TESTS, "--log-level", "error"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  return newsflow::app::main(static_cast<int>(argv.size()), argv.data());
}

TEST(PassthroughTest, MakePipelineGivesNoneSoTheEngineCopiesRecords) {
  const Config config = Config::load(std::nullopt, {},
                                     {{"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}, {"run.passthrough", "true"}});
  EXPECT_EQ(make_pipeline(config, load_resources(config), nullptr), nullptr);
  const Config processing = Config::load(std::nullopt, {}, {{"data_dir", NEWSFLOW_DATA_DIR_FOR_TESTS}});
  EXPECT_NE(make_pipeline(processing, load_resources(processing), nullptr), nullptr);
}

TEST(PassthroughTest, ProcessCopiesEachLineUnchanged) {
  const std::string dir = ::testing::TempDir();
  const std::string in = dir + "/pt.ndjson", out = dir + "/pt.out", rej = dir + "/pt.rej";
  const std::string lines =
      R"({"id":"a","title":"Council votes","body":"<p>The council voted 7-2 on Tuesday.</p>","x":[1,2]})"
      "\n"
      R"({"id":"b","body":"\"We will appeal,\" she said."})"
      "\n";
  std::ofstream(in) << lines;
  ASSERT_EQ(run_process({"-i", in, "-o", out, "-r", rej, "--set", "run.passthrough=true"}), 0) << read_file(rej);
  EXPECT_EQ(read_file(out), lines);
  // The same input processed: enriched, so the comparison above can fail.
  ASSERT_EQ(run_process({"-i", in, "-o", out, "-r", rej}), 0) << read_file(rej);
  EXPECT_NE(read_file(out), lines);
  EXPECT_NE(read_file(out).find(R"("text":)"), std::string::npos);
}

TEST(PassthroughTest, ProcessRefusesAStateFileItWouldNeverWrite) {
  const std::string dir = ::testing::TempDir();
  const std::string in = dir + "/pts.ndjson", out = dir + "/pts.out", state = dir + "/pts.state";
  std::ofstream(in) << R"({"id":"a","body":"Text."})" << "\n";
  EXPECT_NE(run_process({"-i", in, "-o", out, "--state", state, "--set", "run.passthrough=true"}), 0);
}

}  // namespace
}  // namespace newsflow::app
