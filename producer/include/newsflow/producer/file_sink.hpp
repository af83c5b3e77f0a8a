#pragma once
// NDJSON output for `newsflow process`: enriched records (duplicates
// included, marked) to one stream, rejects with their reason to another.
#include <cstdio>
#include <string>

#include "newsflow/core/record.hpp"

namespace newsflow::producer {

class FileSink {
 public:
  // path "-" writes stdout. Throws ConfigError when the file cannot be opened.
  FileSink(const std::string& path, const std::string& flag);
  ~FileSink();
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  void write_line(std::string_view line);
  // Throws std::runtime_error when data could not be written (disk full).
  void flush();

 private:
  std::FILE* file_ = nullptr;
  bool owns_ = false;
  std::string path_;
};

// The reject line of file mode (schemas/reject-line.schema.json).
std::string format_reject_line(const RawRecord& input, const ProcessedRecord& result);

}  // namespace newsflow::producer
