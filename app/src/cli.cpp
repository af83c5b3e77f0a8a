// Command-line front end: flags -> Config -> one subcommand.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "newsflow/app/cli.hpp"
#include "newsflow/app/commands.hpp"
#include "newsflow/app/config.hpp"
#include "newsflow/app/logging.hpp"
#include "newsflow/core/version.hpp"

namespace newsflow::app {
namespace {

struct CommonFlags {
  std::optional<std::string> config_file;
  std::vector<std::string> sets;      // --set key=value
  std::vector<std::string> kafka_x;   // -X librdkafka.property=value
};

void add_common(CLI::App* cmd, CommonFlags& flags) {
  cmd->add_option("-c,--config", flags.config_file, "YAML configuration file (also NEWSFLOW_CONFIG)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", flags.sets, "Override one setting: --set key=value (repeatable)");
}

std::vector<std::pair<std::string, std::string>> split_pairs(const std::vector<std::string>& items,
                                                             const std::string& flag, const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw ConfigError(flag + " expects key=value, got '" + item + "'");
    out.emplace_back(prefix + item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

// The flags that set a setting (--brokers, --group, ...), those given only.
std::vector<std::pair<std::string, std::string>> given(const std::map<std::string, std::string>& flag_settings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : flag_settings)
    if (!value.empty()) out.emplace_back(key, value);
  return out;
}

Config load_config(const CommonFlags& flags, std::vector<std::pair<std::string, std::string>> overrides) {
  auto env = newsflow_environment();
  std::optional<std::string> file = flags.config_file;
  if (!file && env.contains("NEWSFLOW_CONFIG")) file = env["NEWSFLOW_CONFIG"];
  auto sets = split_pairs(flags.sets, "--set", "");
  overrides.insert(overrides.begin(), sets.begin(), sets.end());
  for (const auto& [k, v] : split_pairs(flags.kafka_x, "-X", "")) {
    overrides.emplace_back("kafka.consumer." + k, v);
    overrides.emplace_back("kafka.producer." + k, v);
  }
  return Config::load(file, env, overrides);
}

// --log-format wins; else log.format from the file or NEWSFLOW_LOG_FORMAT. Then
// the one warning about ignored environment variables, in the final format.
void apply_log_settings(const Config& config, const std::string& format_flag, const std::string& level_flag,
                        const char* level_default = nullptr) {
  const std::string& format = format_flag.empty() ? config.string("log.format") : format_flag;
  install_logger(format == "auto" ? default_log_format() : *parse_log_format(format));
  const std::string level = !level_flag.empty() ? level_flag : level_default ? level_default : config.string("log.level");
  spdlog::set_level(spdlog::level::from_str(level));
  const auto& ignored = config.ignored_environment();
  if (!ignored.empty()) {
    std::string names;
    for (const auto& n : ignored) names += (names.empty() ? "" : ", ") + n;
    // Names only: a value could be a secret meant for another program.
    spdlog::warn("ignoring {} environment variable(s) that name no newsflow setting (Kubernetes service links, "
                 "other tools, or a typo?): {}",
                 ignored.size(), names);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"newsflow: a streaming news-ingest stage. Consumes raw articles from Kafka, normalizes,\n"
               "deduplicates and enriches them (IPTC topics, entities, quotes) and produces enriched\n"
               "records; bad input goes to a dead-letter topic with its reason."};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string(version()));
  std::string log_level, log_format;

  // process
  CommonFlags process_flags;
  ProcessArgs process_args;
  std::string rejects, state, duplicates;
  auto* process = cli.add_subcommand(
      "process",
      "Run the processor chain over NDJSON (one article per line), through the same batch loop as\n"
      "`run`. Every input line yields one output line or one reject line with its reason, except\n"
      "duplicates, which follow dedup.on_duplicate as in Kafka mode: drop (default; counted), route\n"
      "(to --duplicates FILE) or emit (marked, in the output). Exit status: 0 all processed, 3 some\n"
      "lines rejected, 1 failure, 2 usage error.");
  add_common(process, process_flags);
  process->add_option("-i,--input", process_args.input, "Input NDJSON file, or - for stdin")->required();
  process->add_option("-o,--output", process_args.output, "Output NDJSON file, or - for stdout")->required();
  process->add_option("-r,--rejects", rejects, "Reject lines go here (default: stderr)");
  process->add_option("--duplicates", duplicates, "Routed duplicates go here (with --set dedup.on_duplicate=route)");
  process->add_option("--state", state,
                      "Dedup index file: loaded before, each batch's changes appended as it commits, compacted at "
                      "the end (created if missing)");
  process->add_flag("--progress", process_args.progress, "Show progress on stderr (default when it is a terminal)");

  // run
  CommonFlags run_flags;
  std::map<std::string, std::string> run_overrides;  // flag -> setting
  auto* run = cli.add_subcommand(
      "run",
      "Run the Kafka -> Kafka stage until SIGTERM/SIGINT (then commit the open batch, leave the group,\n"
      "exit 0). processing.guarantee=exactly_once (default): each batch is one Kafka transaction holding\n"
      "its outputs, dead letters, routed duplicates, dedup changelog entries and input offsets, so a\n"
      "crash repeats nothing on a read_committed reader. at_least_once: offsets are committed only\n"
      "after a batch's outputs and dead letters are delivered; a crash repeats the batches in flight.");
  add_common(run, run_flags);
  run->add_option("-X", run_flags.kafka_x, "librdkafka property for consumer and producer: -X key=value (repeatable)");
  const std::vector<std::pair<std::string, std::string>> run_flag_settings = {
      {"--brokers", "kafka.brokers"},      {"--input-topic", "input.topic"}, {"--output-topic", "output.topic"},
      {"--dlq-topic", "output.dlq_topic"}, {"--group", "kafka.group_id"},    {"--metrics-address", "metrics.address"},
      {"--workers", "run.workers"}};
  for (const auto& [flag, key] : run_flag_settings)
    run->add_option(flag, run_overrides[key], "Sets " + key);

  // replay
  CommonFlags replay_flags;
  ReplayArgs replay_args;
  std::map<std::string, std::string> replay_overrides;
  std::string replay_dedup = "fresh", replay_progress = "auto", replay_partitions, replay_file;
  auto* replay = cli.add_subcommand(
      "replay",
      "Re-run a range of a topic, or an NDJSON archive, through the stage into the output topic, then exit.\n"
      "Reads by manual assignment and commits to its own group (never the live group), exactly-once\n"
      "by default, with progress. Ctrl-C/SIGTERM: commit, print the --resume command, exit 4.\n"
      "FROM/TO: beginning | end (the end when the replay starts) | an RFC 3339 time (the first record\n"
      "at or after it, per partition) | a duration back from now (-PT6H, -P2D) | offsets 0:1200,1:880.\n"
      "Start inclusive, end exclusive. Refused (exit 2): an empty or reversed range, a malformed bound,\n"
      "an offset outside the retained log, a time older than the oldest record kept where retention or\n"
      "delete-records removed records, an output or dead-letter topic that does not exist (create it\n"
      "first). Exit: 0 done, 2 bad range, missing topic or usage, 4 interrupted, 1 failure\n"
      "(also when records of the range are deleted while it reads them).");
  add_common(replay, replay_flags);
  replay->add_option("-X", replay_flags.kafka_x, "librdkafka property for consumer and producer: -X key=value");
  for (const auto& [flag, key] : std::vector<std::pair<std::string, std::string>>{
           {"--brokers", "kafka.brokers"}, {"--input-topic", "input.topic"}, {"--output-topic", "output.topic"},
           {"--dlq-topic", "output.dlq_topic"}})
    replay->add_option(flag, replay_overrides[key], "Sets " + key);
  replay->add_option("--from", replay_args.from, "Start of the range (inclusive)");
  replay->add_option("--to", replay_args.to, "End of the range (exclusive)")->capture_default_str();
  replay->add_option("--partitions", replay_partitions, "Only these partitions, e.g. 0,3,5 (default: all)");
  replay->add_option("--from-file", replay_file, "Replay an NDJSON archive (.ndjson or .ndjson.gz) instead of a topic")
      ->excludes("--from")
      ->excludes("--partitions");
  replay->add_option("--dedup", replay_dedup,
                     "fresh (default): an empty index, so the output depends only on the range and the rules, the\n"
                     "same on every run, and the live state is never read; live: start from the live changelog\n"
                     "(read only), so copies of stories already published are marked (needs dedup.enabled); off: no dedup")
      ->check(CLI::IsMember({"fresh", "live", "off"}));
  replay->add_option("--progress", replay_progress,
                     "auto (a bar on a terminal, a log line every 5 s otherwise), bar, partitions, log, none")
      ->check(CLI::IsMember({"auto", "bar", "partitions", "log", "none"}));
  replay->add_option("--replay-group", replay_args.replay_group,
                     "The replay's own consumer group (default newsflow-replay-<time>-<hash>); --resume needs the same");
  replay->add_flag("--resume", replay_args.resume, "Continue from the replay group's committed offsets");
  replay->add_flag("--dry-run", replay_args.dry_run, "Print the resolved offsets per partition and the record count; process nothing");
  replay->add_option("--metrics-address", replay_args.metrics_address, "host:port for the replay's metrics (default: none)");

  // demo
  CommonFlags demo_flags;
  DemoArgs demo_args;
  demo_args.articles = std::string(NEWSFLOW_SAMPLES_DIR) + "/articles.ndjson";
  demo_args.bad_articles = std::string(NEWSFLOW_SAMPLES_DIR) + "/bad-articles.ndjson";
  auto* demo = cli.add_subcommand(
      "demo",
      "Start an in-process Kafka-protocol broker, load the bundled sample articles (and bad records),\n"
      "run the stage against it, print the enriched records, dead letters, metrics and a summary.");
  add_common(demo, demo_flags);
  demo->add_option("--articles", demo_args.articles, "NDJSON of articles to load")->capture_default_str();
  demo->add_option("--bad-articles", demo_args.bad_articles, "NDJSON of bad records to load (optional)")
      ->capture_default_str();
  demo->add_flag("--keep-running", demo_args.keep_running, "Keep the metrics endpoint up until Ctrl-C");
  demo->add_flag("--json", demo_args.json, "Print the enriched records as JSON lines");

  // lag
  CommonFlags lag_flags;
  LagArgs lag_args;
  std::map<std::string, std::string> lag_overrides;
  std::string lag_interval = "15s";
  auto* lag = cli.add_subcommand(
      "lag",
      "Print the consumer group's lag on the input topic, read from the brokers (committed and end\n"
      "offsets), so it is there with every instance stopped. --serve exports it for Prometheus as\n"
      "newsflow_group_lag{topic,partition} until SIGTERM (alert: NewsflowGroupLagHigh).");
  add_common(lag, lag_flags);
  lag->add_option("-X", lag_flags.kafka_x, "librdkafka property: -X key=value (repeatable)");
  for (const auto& [flag, key] : std::vector<std::pair<std::string, std::string>>{
           {"--brokers", "kafka.brokers"}, {"--input-topic", "input.topic"}, {"--group", "kafka.group_id"}})
    lag->add_option(flag, lag_overrides[key], "Sets " + key);
  lag->add_option("--serve", lag_args.serve, "host:port: serve /metrics with the lag until SIGTERM");
  lag->add_option("--interval", lag_interval, "Between readings with --serve (a duration: 15s, 1m)")->capture_default_str();
  lag->add_flag("--json", lag_args.json, "Print one JSON object instead of the table")->excludes("--serve");

  // config
  CommonFlags config_flags;
  bool config_markdown = false;
  bool config_list = false;
  auto* config_cmd = cli.add_subcommand("config", "Check a configuration and print the effective settings");
  add_common(config_cmd, config_flags);
  // The same -X as run, so a command line can be checked before it is deployed.
  config_cmd->add_option("-X", config_flags.kafka_x, "librdkafka property for consumer and producer: -X key=value");
  config_cmd->add_flag("--markdown", config_markdown, "Print the settings reference as a Markdown table");
  config_cmd->add_flag("--list", config_list, "Print every setting: key, type, default")->excludes("--markdown");

  for (auto* sub : {process, run, replay, lag, demo, config_cmd}) {
    sub->add_option("--log-level", log_level, "trace, debug, info, warn or error (also log.level)")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
    sub->add_option("--log-format", log_format,
                    "json (one object per line) or text; default: text on a terminal, json otherwise (also log.format)")
        ->check(CLI::IsMember({"json", "text"}));
  }

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  // Until the config is read (its errors are logged too): the flag or auto.
  install_logger(log_format.empty() ? default_log_format() : *parse_log_format(log_format));

  try {
    if (*process) {
      if (!rejects.empty()) process_args.rejects = rejects;
      if (!state.empty()) process_args.state_file = state;
      if (!duplicates.empty()) process_args.duplicates = duplicates;
      if (!process->count("--progress")) process_args.progress = ::isatty(STDERR_FILENO) && process_args.input != "-";
      Config config = load_config(process_flags, {});
      apply_log_settings(config, log_format, log_level);
      return process_command(config, process_args);
    }
    if (*run) {
      Config config = load_config(run_flags, given(run_overrides));
      apply_log_settings(config, log_format, log_level);
      return run_command(config);
    }
    if (*replay) {
      Config config = load_config(replay_flags, given(replay_overrides));
      apply_log_settings(config, log_format, log_level);
      replay_args.dedup = replay_dedup == "live" ? ReplayDedup::live : replay_dedup == "off" ? ReplayDedup::off
                                                                                             : ReplayDedup::fresh;
      replay_args.progress = replay_progress == "bar"          ? ProgressStyle::bar
                             : replay_progress == "partitions" ? ProgressStyle::partitions
                             : replay_progress == "log"        ? ProgressStyle::log
                             : replay_progress == "none"       ? ProgressStyle::none
                                                               : ProgressStyle::automatic;
      if (!replay_file.empty()) replay_args.from_file = replay_file;
      for (size_t pos = 0; pos < replay_partitions.size();) {
        size_t comma = replay_partitions.find(',', pos);
        if (comma == std::string::npos) comma = replay_partitions.size();
        const std::string item = replay_partitions.substr(pos, comma - pos);
        try {
          size_t used = 0;
          const int p = std::stoi(item, &used);
          if (used != item.size() || p < 0) throw std::invalid_argument(item);
          replay_args.partitions.push_back(p);
        } catch (const std::exception&) {
          throw ConfigError("--partitions: '" + item + "' is not a partition number");
        }
        pos = comma + 1;
      }
      replay_args.argv.assign(argv, argv + argc);
      return replay_command(std::move(config), replay_args);
    }
    if (*lag) {
      Config config = load_config(lag_flags, given(lag_overrides));
      apply_log_settings(config, log_format, log_level);
      const auto interval = parse_duration(lag_interval);
      if (!interval || interval->count() <= 0)
        throw ConfigError("--interval: '" + lag_interval + "' is not a duration (e.g. 15s, 1m)");
      lag_args.interval = *interval;
      return lag_command(config, lag_args);
    }
    if (*demo) {
      Config config = load_config(demo_flags, {});
      apply_log_settings(config, log_format, log_level, "warn");
      return demo_command(std::move(config), demo_args);
    }
    if (*config_cmd) {
      if (config_markdown || config_list) {
        std::cout << (config_list ? settings_list() : settings_markdown());
        return kExitOk;
      }
      Config config = load_config(config_flags, {});
      apply_log_settings(config, log_format, log_level);
      std::cout << config.describe();
      return kExitOk;
    }
  } catch (const ConfigError& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitFailure;
  }
  return kExitUsage;
}

}  // namespace newsflow::app
