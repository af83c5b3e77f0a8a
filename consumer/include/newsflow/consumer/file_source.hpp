#pragma once
// NDJSON input for `newsflow process`: one record per line, from a file or
// stdin. Blank lines are skipped but still counted for line numbers.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "newsflow/core/record.hpp"

namespace newsflow::consumer {

class FileSource {
 public:
  // path "-" reads stdin. Throws ConfigError naming `flag` when the file
  // cannot be opened.
  explicit FileSource(const std::string& path, const std::string& flag = "--input");
  ~FileSource();
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  // Appends up to max records to batch; returns false once input is exhausted
  // and nothing was appended.
  bool next_batch(std::vector<RawRecord>& batch, size_t max);
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::FILE* file_ = nullptr;
  bool owns_ = false;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  char* line_ = nullptr;  // getline's buffer, reused
  size_t capacity_ = 0;
};

}  // namespace newsflow::consumer
