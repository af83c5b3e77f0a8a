// `newsflow process`: the processor chain between NDJSON files. It is also the
// offline replay path and what the accuracy evaluations run through.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "newsflow/app/commands.hpp"
#include "newsflow/app/state_file.hpp"
#include "newsflow/app/wiring.hpp"
#include "newsflow/consumer/file_source.hpp"
#include "newsflow/producer/file_sink.hpp"

namespace newsflow::app {

int process_command(const Config& config, const ProcessArgs& args) {
  const SharedResources resources = load_resources(config);
  auto pipeline = make_pipeline(config, resources, nullptr);

  consumer::FileSource source(args.input);
  producer::FileSink output(args.output, "--output");
  std::unique_ptr<producer::FileSink> rejects_file;
  if (args.rejects) rejects_file = std::make_unique<producer::FileSink>(*args.rejects, "--rejects");

  std::vector<StateChange> state;
  if (args.state_file) {
    state = read_state_file(*args.state_file);
    size_t bad = 0;
    for (const auto& change : state)
      if (!pipeline->restore(change)) ++bad;
    spdlog::info("loaded {} state entries from '{}'{}", state.size(), *args.state_file,
                 bad ? fmt::format(" ({} not understood, skipped)", bad) : "");
  }

  uint64_t read = 0, written = 0, duplicates = 0, rejected = 0;
  const auto started = std::chrono::steady_clock::now();
  auto last_progress = started;
  std::vector<RawRecord> batch;
  while (true) {
    batch.clear();
    if (!source.next_batch(batch, 256)) break;
    for (const auto& record : batch) {
      ++read;
      ProcessedRecord result = pipeline->process(record);
      if (result.disposition == Disposition::reject) {
        ++rejected;
        const std::string line = producer::format_reject_line(record, result);
        if (rejects_file)
          rejects_file->write_line(line);
        else
          std::fprintf(stderr, "%s\n", line.c_str());
        continue;
      }
      if (result.disposition == Disposition::duplicate) ++duplicates;
      ++written;
      output.write_line(result.value);
    }
    if (args.progress) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_progress > std::chrono::seconds(2)) {
        last_progress = now;
        const double secs = std::chrono::duration<double>(now - started).count();
        std::fprintf(stderr, "\rnewsflow process: %llu records, %.0f/s, %.1f MB read ",
                     static_cast<unsigned long long>(read), read / secs, source.bytes_read() / 1e6);
      }
    }
  }
  output.flush();
  if (rejects_file) rejects_file->flush();
  if (args.progress) std::fputc('\n', stderr);

  if (args.state_file) {
    pipeline->drain_state_changes(state);
    write_state_file(*args.state_file, state);
  }

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr,
               "newsflow process: %llu read, %llu written (%llu duplicates), %llu rejected in %.2fs\n",
               static_cast<unsigned long long>(read), static_cast<unsigned long long>(written),
               static_cast<unsigned long long>(duplicates), static_cast<unsigned long long>(rejected), secs);
  return rejected > 0 ? kExitSomeRejected : kExitOk;
}

}  // namespace newsflow::app
