// The --state file after a kill: a cut last line is cut off before the file
// is read or appended to; complete files are left as they are.
#include "newsflow/app/state_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace newsflow::app {
namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const std::string kLine = R"({"key":"dedup:a","value":"v2 1"})" "\n";

TEST(StateFileTest, CutLastLineIsDropped) {
  const std::string cut = R"({"key":"dedup:b","val)";
  const std::string path = write_file("state-cut", kLine + kLine + cut);
  EXPECT_EQ(cut_torn_tail(path), cut.size());
  EXPECT_EQ(std::filesystem::file_size(path), 2 * kLine.size());
  EXPECT_EQ(read_state_file(path).size(), 2u);
  std::filesystem::remove(path);
}

TEST(StateFileTest, CompleteOrMissingFileIsLeftAlone) {
  const std::string path = write_file("state-whole", kLine);
  EXPECT_EQ(cut_torn_tail(path), 0u);
  EXPECT_EQ(std::filesystem::file_size(path), kLine.size());
  std::filesystem::remove(path);
  EXPECT_EQ(cut_torn_tail(path), 0u);  // missing: an empty state
  // One cut line and nothing before it: the file is emptied.
  const std::string only = write_file("state-only-cut", std::string(70'000, 'x'));
  EXPECT_EQ(cut_torn_tail(only), 70'000u);
  EXPECT_EQ(std::filesystem::file_size(only), 0u);
  std::filesystem::remove(only);
}

}  // namespace
}  // namespace newsflow::app
