#pragma once
// NDJSON output for `newsflow process`: enriched records (duplicates
// included, marked) to one stream, rejects with their reason to another.
#include <cstdio>
#include <string>

#include "newsflow/core/record.hpp"
#include "newsflow/core/seams.hpp"

namespace newsflow::producer {

class FileSink {
 public:
  // path "-" writes stdout. Throws ConfigError when the file cannot be opened.
  // append: add to an existing file instead of replacing it (the state log).
  FileSink(const std::string& path, const std::string& flag, bool append = false);
  ~FileSink();
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  void write_line(std::string_view line);
  void write_bytes(std::string_view bytes);
  // Throws std::runtime_error when data could not be written (disk full).
  void flush();

 private:
  std::FILE* file_ = nullptr;
  bool owns_ = false;
  std::string path_;
};

// The reject line of file mode (schemas/reject-line.schema.json).
std::string format_reject_line(const RawRecord& input, const ProcessedRecord& result);
// One state entry as the state file keeps it: {"key": ..., "value": ... | null}.
std::string format_state_line(const StateChange& change);

// File mode's RecordSink: enriched records to `output`, dead letters as
// reject lines to `rejects` (stderr when null), routed duplicates to
// `duplicates`, and state changes appended to `state` (dropped when null), so
// the state file is a log that a crash leaves readable. A batch's state
// changes are held until flush() and written after its other files are
// flushed: a story in the state file after a kill has its output written.
// Write errors (disk full) are fatal. The files must outlive the sink.
struct FileSinkTargets {
  FileSink* output = nullptr;
  FileSink* rejects = nullptr;
  FileSink* duplicates = nullptr;
  FileSink* state = nullptr;
};

class FileRecordSink final : public RecordSink {
 public:
  explicit FileRecordSink(FileSinkTargets targets) : targets_(targets) {}
  Status write(Destination destination, const RawRecord& input, const ProcessedRecord& record) override;
  Status write_dead_letter(const RawRecord& input, const ProcessedRecord& rejection) override;
  Status write_state_change(const StateChange& change) override;
  Status write_passthrough(const RawRecord& input) override;
  Status flush() override;

 private:
  FileSinkTargets targets_;
  std::string state_lines_;  // this batch's, until flush()
};

// File mode's Committer: the sink's flush already stored everything, and
// nothing written can be taken back.
class FileCommitter final : public Committer {
 public:
  Status begin() override { return Status::ok(); }
  Status commit(const OffsetMap&) override { return Status::ok(); }
  Status abort() override { return Status::ok(); }
  bool discards_writes_on_abort() const override { return false; }
  std::string_view name() const override { return "file"; }
};

}  // namespace newsflow::producer
