#pragma once
// The subcommands. main.cpp parses flags and calls one of these; each returns
// the process exit status.
#include <optional>
#include <string>

#include "newsflow/app/config.hpp"

namespace newsflow::app {

// Exit statuses shared by the subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSomeRejected = 3;  // `process`: finished, some records rejected

struct ProcessArgs {
  std::string input = "-";
  std::string output = "-";
  std::optional<std::string> rejects;     // default: stderr
  std::optional<std::string> state_file;  // dedup index to load and save
  bool progress = false;
};
int process_command(const Config& config, const ProcessArgs& args);

}  // namespace newsflow::app
