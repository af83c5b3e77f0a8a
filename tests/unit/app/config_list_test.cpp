// The unknown-setting errors point to `newsflow config --list`; the command
// must exist and print what they promise (issue 16).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "newsflow/app/cli.hpp"
#include "newsflow/app/config.hpp"

namespace newsflow::app {
namespace {

int run_cli(std::vector<std::string> args, std::string& out) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  const int rc = newsflow::app::main(static_cast<int>(argv.size()), argv.data());
  out = ::testing::internal::GetCapturedStdout();
  return rc;
}

TEST(ConfigListTest, UnknownSettingHintNamesACommandThatListsEverySetting) {
  std::string hint;
  try {
    Config::load(std::nullopt, {}, {{"normalize.rule_file", "x"}});
  } catch (const ConfigError& e) {
    hint = e.what();
  }
  ASSERT_NE(hint.find("newsflow config --list"), std::string::npos) << hint;

  std::string out;
  ASSERT_EQ(run_cli({"newsflow", "config", "--list"}, out), 0);
  EXPECT_EQ(out, settings_list());
  std::istringstream lines(out);
  for (const auto& s : all_settings()) {
    std::string line, key, type, def;
    ASSERT_TRUE(std::getline(lines, line)) << "no line for " << s.name;
    std::istringstream fields(line);
    fields >> key >> type >> std::ws;
    std::getline(fields, def);
    EXPECT_EQ(key, s.name);
    EXPECT_EQ(type, to_string(s.type)) << line;
    if (s.name != "data_dir") {
      EXPECT_EQ(def, s.default_value) << line;
    }
  }
  EXPECT_NE(out.find("normalize.rules_file"), std::string::npos);
}

}  // namespace
}  // namespace newsflow::app
