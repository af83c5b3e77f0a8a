// `newsflow replay`: a bounded range of a topic (or an NDJSON archive)
// through the same batch engine and processors as `newsflow run`, into any
// output topic, exactly-once by default. It reads by manual assignment and
// commits to its own group (never the live group's offsets), stops by itself
// at the end of its range, shows progress, and can be interrupted and resumed.
#include <spdlog/spdlog.h>
#include <xxhash.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "newsflow/app/shared_dedup.hpp"
#include "newsflow/app/commands.hpp"
#include "newsflow/app/engine_probe.hpp"
#include "newsflow/app/kafka_wiring.hpp"
#include "newsflow/app/replay_progress.hpp"
#include "newsflow/app/signals.hpp"
#include "newsflow/app/stage.hpp"
#include "newsflow/consumer/file_source.hpp"
#include "newsflow/consumer/range_source.hpp"
#include "newsflow/core/time.hpp"

namespace newsflow::app {
namespace {

std::string offsets_spec(const consumer::TopicRange& range, bool ends) {
  std::string out;
  for (const auto& [p, r] : range) out += (out.empty() ? "" : ",") + std::to_string(p) + ":" + std::to_string(ends ? r.end : r.start);
  return out;
}

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~!") == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The command that continues this replay: the same flags, the resolved
// range spelled as offsets (so `end` keeps meaning the end seen at the start),
// the replay group, and --resume.
std::string resume_command(const std::vector<std::string>& argv, const consumer::TopicRange& range,
                           const std::string& group) {
  static const std::vector<std::string> dropped_with_value = {"--from", "--to", "--replay-group"};
  static const std::vector<std::string> dropped_flags = {"--resume", "--dry-run"};
  std::string out;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    bool skip = false;
    for (const auto& f : dropped_with_value) {
      if (a == f) {
        ++i;
        skip = true;
      } else if (a.starts_with(f + "=")) {
        skip = true;
      }
    }
    for (const auto& f : dropped_flags) skip |= a == f;
    if (!skip) out += (out.empty() ? "" : " ") + shell_quote(a);
  }
  return out + " --from " + offsets_spec(range, false) + " --to " + offsets_spec(range, true) + " --replay-group " +
         group + " --resume";
}

std::string default_group(const Config& config, const ReplayArgs& args) {
  const std::string spec = config.string("input.topic") + "|" + config.string("output.topic") + "|" + args.from +
                           "|" + args.to + "|" + args.from_file.value_or("");
  const auto stamp = format_rfc3339_ms(now_ms());
  std::string compact;
  for (char c : stamp.substr(0, 19))
    if (std::isdigit(static_cast<unsigned char>(c)) || c == 'T') compact += c;
  return fmt::format("newsflow-replay-{}-{:08x}", compact, static_cast<uint32_t>(XXH3_64bits(spec.data(), spec.size())));
}

// "1 record", "2 records": the summary is read by people.
std::string count(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Records (non-blank lines) of an archive: the "in range" of a file replay,
// read once before it so progress counts records, not compressed bytes.
int64_t records_in_file(const std::string& path) {
  consumer::FileSource counter(path, "--from-file");
  std::vector<RawRecord> lines;
  int64_t n = 0;
  while (counter.next_batch(lines, 1024)) {
    n += static_cast<int64_t>(lines.size());
    lines.clear();
  }
  return n;
}

int64_t records_in(const consumer::TopicRange& range) {
  int64_t n = 0;
  for (const auto& [p, r] : range) n += r.end - r.start;
  return n;
}

}  // namespace

int replay_command(Config config, const ReplayArgs& args) {
  // Checked before --dedup off writes the setting: live needs the index.
  if (args.dedup == ReplayDedup::live && !config.boolean("dedup.enabled"))
    throw ConfigError("--dedup live needs dedup.enabled=true (it is false): without the dedup processor there is no "
                      "index to load the live changelog into; use --dedup off to replay without dedup");
  if (args.dedup == ReplayDedup::off) config.set("dedup.enabled", "false", "--dedup off");
  const StageTopics topics = stage_topics(config);
  const bool from_file = args.from_file.has_value();
  if (!from_file && args.from.empty()) throw ConfigError("replay: give --from (a time, offsets, beginning) or --from-file");
  if (from_file && args.resume) throw ConfigError("--resume works with topic ranges; an archive replays whole");
  const std::string group = args.replay_group.empty() ? default_group(config, args) : args.replay_group;
  if (group == config.string("kafka.group_id"))
    throw ConfigError("--replay-group '" + group + "' is the live group (kafka.group_id): a replay never moves its offsets");
  WorkerIds ids = worker_ids(config, group, 0, "replay");
  // The default group already starts with the prefix ("newsflow-replay-…"):
  // not "newsflow-newsflow-replay-…".
  const std::string prefix = config.string("kafka.transactional_id_prefix") + "-";
  if (group.starts_with(prefix)) ids.transactional_id.erase(0, prefix.size());
  auto consumer_props = client_properties(config, config.consumer_properties(), ids.client_id);
  consumer_props["group.id"] = group;

  consumer::TopicRange range;
  if (!from_file) {
    // resolve_range reads a record to learn a partition's oldest time: it
    // must never commit that to the replay group (--resume starts there).
    auto lookup_props = consumer_props;
    lookup_props["enable.auto.commit"] = "false";
    lookup_props["enable.auto.offset.store"] = "false";
    kafka::Handle lookup = kafka::make_handle(RD_KAFKA_CONSUMER, kafka::make_conf(lookup_props, "kafka.consumer"),
                                              "replay range lookup");
    const auto resolved = consumer::resolve_range(
        lookup.get(), {topics.input, args.from, args.to, args.partitions, now_ms()});
    if (!resolved.error.empty()) {
      spdlog::error("replay: {}", resolved.error);
      return kExitUsage;
    }
    range = resolved.range;
    if (args.resume) {
      kafka::PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(range.size())));
      for (const auto& [p, r] : range) rd_kafka_topic_partition_list_add(list.get(), topics.input.c_str(), p);
      if (auto err = rd_kafka_committed(lookup.get(), list.get(), 15000))
        throw std::runtime_error(std::string("--resume: cannot read the committed offsets of '") + group + "': " +
                                 rd_kafka_err2str(err));
      int64_t already = 0;
      for (int i = 0; i < list->cnt; ++i) {
        auto& r = range[list->elems[i].partition];
        const int64_t committed = list->elems[i].offset;
        if (committed > r.start && committed <= r.end) {
          already += committed - r.start;
          r.start = committed;
        }
      }
      spdlog::info("replay: resuming '{}': {} of the range already committed", group,
                   count(already, "offset", "offsets"));
    }
    std::fprintf(stderr, "replay of '%s' -> '%s' (group %s)\n", topics.input.c_str(), topics.output.c_str(),
                 group.c_str());
    for (const auto& [p, r] : range)
      std::fprintf(stderr, "  partition %-3d offsets %lld .. %lld  (%s)\n", p, static_cast<long long>(r.start),
                   static_cast<long long>(r.end), count(r.end - r.start, "record", "records").c_str());
    std::fprintf(stderr, "  total %s\n", count(records_in(range), "record", "records").c_str());
    if (args.dry_run) return kExitOk;
    if (records_in(range) == 0) {
      std::fprintf(stderr, "replay: nothing left to do (the range was already replayed)\n");
      return kExitOk;
    }
  }
  const int64_t file_records = from_file ? records_in_file(*args.from_file) : 0;
  if (from_file) {
    std::fprintf(stderr, "replay of '%s' -> '%s': %s\n", args.from_file->c_str(), topics.output.c_str(),
                 count(file_records, "record", "records").c_str());
    if (args.dry_run) return kExitOk;
  }

  {
    // A replay is a bounded job: a topic it would write that does not exist
    // is refused now, not retried batch after batch until the outage limit.
    std::vector<std::string> wanted = {topics.output, topics.dead_letter};
    if (config.string("dedup.on_duplicate") == "route") wanted.push_back(topics.duplicates);
    std::erase(wanted, std::string());
    producer::KafkaSink probe(producer::plain_producer(
        client_properties(config, config.producer_properties(), client_id(config, "replay-probe"))));
    const auto missing = probe.missing_topics(wanted, 30000);
    for (const auto& topic : missing)
      spdlog::error("replay: topic '{}' does not exist: create it first (a replay does not wait for the cluster to "
                    "create topics on first use)",
                    topic);
    if (!missing.empty()) return kExitUsage;
  }
  std::atomic<bool> stop{false};
  SignalWatcher signals(stop, config.duration("run.shutdown_timeout"));
  Metrics metrics;
  metrics.serve(args.metrics_address);
  if (!metrics.endpoint().empty()) spdlog::info("metrics at {}", metrics.endpoint());

  const SharedResources resources = load_resources(config);
  auto pipeline = make_pipeline(config, resources, [&](std::string_view name) { return metrics.processor_probe(name); });
  if (args.dedup == ReplayDedup::live && resources.dedup_index) {
    SharedDedupState live_state(config, topics.changelog, *resources.dedup_index, nullptr);
    const ChangelogRead read = live_state.restore(false);
    if (!read.topic_exists) spdlog::warn("--dedup live: the changelog '{}' does not exist; starting empty", topics.changelog);
    spdlog::info("--dedup live: {} entries of '{}' (read only) in {:.1f}s", read.records, topics.changelog, read.seconds);
  }
  // The changelog topic is left out: a replay never writes the live state.
  producer::KafkaSink sink(sink_options(config, {topics.output, topics.dead_letter, topics.duplicates, ""}, ids));

  std::unique_ptr<consumer::RangeSource> range_source;
  std::unique_ptr<consumer::FileSource> file_source;
  BatchSource* source = nullptr;
  ReplayProgress::Sample sample;
  const engine::BatchEngine* running = nullptr;  // set below; the sample reads its counters
  if (from_file) {
    file_source = std::make_unique<consumer::FileSource>(*args.from_file, "--from-file");
    source = file_source.get();
    sample = [&] {
      const int64_t read = running ? static_cast<int64_t>(running->counters().polled.load()) : 0;
      return std::vector<consumer::RangeProgress>{{-1, read, file_records}};
    };
  } else {
    range_source = std::make_unique<consumer::RangeSource>(consumer_props, topics.input, range);
    source = range_source.get();
    sample = [&] { return range_source->progress(); };
  }
  const auto committer = make_committer(config, sink, range_source ? range_source->handle() : nullptr, ids, stop);

  MetricsEngineProbe metrics_probe(metrics, resources.dedup_index.get());
  ReplayProgress progress(from_file && args.progress == ProgressStyle::partitions ? ProgressStyle::bar : args.progress,
                          sample, metrics_probe, metrics);
  engine::BatchEngine engine(engine_options(config, "replay"), *source, pipeline.get(), sink, *committer, &progress);
  running = &engine;
  const auto started = std::chrono::steady_clock::now();
  const engine::EngineResult result = engine.run(stop);
  progress.finish();
  const auto& c = engine.counters();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const int64_t in_range = from_file ? file_records : records_in(range);
  std::fprintf(stderr, "replay: %s in range, %llu read, %llu output, %s (%s), %s, %s committed (%llu aborted) in %.1fs\n",
               count(in_range, "record", "records").c_str(), static_cast<unsigned long long>(c.polled.load()),
               static_cast<unsigned long long>(c.output.load()),
               count(static_cast<int64_t>(c.duplicates.load()), "duplicate", "duplicates").c_str(),
               config.string("dedup.on_duplicate").c_str(),
               count(static_cast<int64_t>(c.dead_letters.load()), "dead letter", "dead letters").c_str(),
               count(static_cast<int64_t>(c.batches.load()), "batch", "batches").c_str(),
               static_cast<unsigned long long>(c.aborts.load()), secs);
  if (!result.status.is_ok()) {
    spdlog::error("replay: stopped on a {}", describe_fatal(result.status, ids));
    return kExitFailure;
  }
  if (!result.end_of_input) {
    std::fprintf(stderr, "replay: interrupted; %s committed. Continue with:\n  %s\n",
                 count(static_cast<int64_t>(c.committed.load()), "record", "records").c_str(),
                 from_file ? "(an archive replays whole: run the same command again)"
                           : resume_command(args.argv, range, group).c_str());
    return kExitInterrupted;
  }
  return kExitOk;
}

}  // namespace newsflow::app
