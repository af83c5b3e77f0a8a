// `newsflow process`: the batch engine between NDJSON files, the same loop
// and processors as `newsflow run`. It is also what the accuracy evaluations
// run through.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/state_file.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/consumer/file_source.hpp"
#include "newsflow/engine/batch_engine.hpp"
#include "newsflow/producer/file_sink.hpp"

namespace newsflow::app {
namespace {

// Progress on stderr every two seconds (the engine's probe hooks).
class ProgressProbe final : public engine::EngineProbe {
 public:
  ProgressProbe(bool enabled, const consumer::FileSource& source) : enabled_(enabled), source_(source) {}
  void polled(size_t records) override {
    read_ += records;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(2)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - started_).count();
    std::fprintf(stderr, "\rnewsflow process: %llu records, %.0f/s, %.1f MB read ",
                 static_cast<unsigned long long>(read_), read_ / secs, source_.bytes_read() / 1e6);
  }
  void finish() const {
    if (enabled_) std::fputc('\n', stderr);
  }

 private:
  bool enabled_;
  const consumer::FileSource& source_;
  uint64_t read_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now(), last_ = started_;
};

}  // namespace

int process_command(const Config& config, const ProcessArgs& args) {
  const SharedResources resources = load_resources(config);
  auto pipeline = make_pipeline(config, resources, nullptr);
  if (!pipeline && args.state_file)
    throw ConfigError("run.passthrough=true runs no processors, so there is no dedup state for --state");
  const auto on_duplicate = engine::parse_duplicate_policy(config.string("dedup.on_duplicate"));
  if (on_duplicate == engine::DuplicatePolicy::route && !args.duplicates)
    throw ConfigError("dedup.on_duplicate=route: give --duplicates FILE for the routed duplicates");

  consumer::FileSource source(args.input);
  producer::FileSink output(args.output, "--output");
  std::unique_ptr<producer::FileSink> rejects, duplicates, state_log;
  if (args.rejects) rejects = std::make_unique<producer::FileSink>(*args.rejects, "--rejects");
  if (args.duplicates) duplicates = std::make_unique<producer::FileSink>(*args.duplicates, "--duplicates");
  if (args.state_file) {
    if (const size_t cut = cut_torn_tail(*args.state_file))
      spdlog::warn("'{}' ended in a cut line ({} bytes, a run killed while saving): dropped it; the batch it "
                   "belonged to was not finished",
                   *args.state_file, cut);
    const auto state = read_state_file(*args.state_file);
    size_t bad = 0;
    for (const auto& change : state)
      if (!pipeline->restore(change)) ++bad;
    spdlog::info("loaded {} state entries from '{}'{}", state.size(), *args.state_file,
                 bad ? fmt::format(" ({} not understood, skipped)", bad) : "");
    // Each committed batch appends its state changes, like the changelog
    // topic: a run that is killed leaves every finished batch in the file.
    state_log = std::make_unique<producer::FileSink>(*args.state_file, "--state", /*append=*/true);
  }
  producer::FileRecordSink sink({&output, rejects.get(), duplicates.get(), state_log.get()});
  producer::FileCommitter committer;

  engine::EngineOptions options;
  options.poll_max_records = 256;
  options.commit_max_records = 256;  // a file has no positions to commit: batches only bound memory
  options.commit_interval = std::chrono::hours(1);
  options.on_duplicate = on_duplicate;
  options.passthrough = !pipeline;
  options.worker_name = "process";
  ProgressProbe progress(args.progress, source);
  engine::BatchEngine engine(options, source, pipeline.get(), sink, committer, &progress);
  const std::atomic<bool> never{false};
  const auto started = std::chrono::steady_clock::now();
  const engine::EngineResult result = engine.run(never);
  progress.finish();
  if (!result.status.is_ok()) {
    spdlog::error("newsflow process: {}", result.status.message());
    return kExitFailure;
  }
  if (args.state_file) {
    state_log.reset();
    // Compact the log into one entry per story.
    write_state_file(*args.state_file, read_state_file(*args.state_file));
  }

  const auto& c = engine.counters();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const char* where = on_duplicate == engine::DuplicatePolicy::drop    ? "dropped"
                      : on_duplicate == engine::DuplicatePolicy::route ? "to --duplicates"
                                                                       : "marked in the output";
  std::fprintf(stderr, "newsflow process: %llu read, %llu written, %llu duplicates (%s), %llu rejected in %.2fs\n",
               static_cast<unsigned long long>(c.polled.load()), static_cast<unsigned long long>(c.output.load()),
               static_cast<unsigned long long>(c.duplicates.load()), where,
               static_cast<unsigned long long>(c.dead_letters.load()), secs);
  return c.dead_letters.load() > 0 ? kExitSomeRejected : kExitOk;
}

}  // namespace newsflow::app
