#pragma once
// The subcommands. main.cpp parses flags and calls one of these; each returns
// the process exit status.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

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
  std::optional<std::string> duplicates;  // routed duplicates (dedup.on_duplicate=route)
  std::optional<std::string> state_file;  // dedup index to load and save
  bool progress = false;
};
int process_command(const Config& config, const ProcessArgs& args);

// `newsflow run`: the long-running Kafka -> Kafka stage until SIGTERM/SIGINT.
int run_command(const Config& config);

enum class ReplayDedup { fresh, live, off };
enum class ProgressStyle { automatic, bar, partitions, log, none };

struct ReplayArgs {
  std::string from;                    // see consumer::resolve_range
  std::string to = "end";
  std::vector<int32_t> partitions;     // empty: all
  std::optional<std::string> from_file;  // NDJSON (.gz) archive instead of a topic range
  std::string replay_group;            // empty: newsflow-replay-<time>-<hash>
  bool resume = false;
  bool dry_run = false;
  ReplayDedup dedup = ReplayDedup::fresh;
  ProgressStyle progress = ProgressStyle::automatic;
  std::string metrics_address;         // empty: no endpoint
  std::vector<std::string> argv;       // the command line, to print the resume command
};
// `newsflow replay`: a bounded range of a topic, or an archive file, through
// the stage's engine into the output topic. Exit: 0 done, 2 bad range or
// usage, 4 interrupted (resumable), 1 failure.
inline constexpr int kExitInterrupted = 4;
int replay_command(Config config, const ReplayArgs& args);

struct LagArgs {
  std::string serve;                 // host:port: export newsflow_group_lag at /metrics until SIGTERM
  std::chrono::milliseconds interval{15000};  // between readings when serving
  bool json = false;                 // one JSON object instead of the table (one-shot)
};
// `newsflow lag`: the group's lag on the input topic, from the brokers (works
// with every instance stopped). One-shot prints it; --serve exports it.
int lag_command(const Config& config, const LagArgs& args);

struct DemoArgs {
  std::string articles;      // NDJSON of good sample articles
  std::string bad_articles;  // NDJSON of bad ones (may be missing)
  bool keep_running = false; // keep the metrics endpoint up until Ctrl-C
  bool json = false;         // print enriched records as JSON instead of a summary
};
// `newsflow demo`: the stage against an in-process Kafka-protocol broker.
int demo_command(Config config, const DemoArgs& args);

}  // namespace newsflow::app
