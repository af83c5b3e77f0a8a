#pragma once
// NDJSON input for `newsflow process`: one record per line, from a file or
// stdin. Blank lines are skipped but still counted for line numbers.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "newsflow/core/record.hpp"
#include "newsflow/core/seams.hpp"

namespace newsflow::consumer {

class FileSource final : public BatchSource {
 public:
  // path "-" reads stdin; a path ending in .gz is decompressed as it is read.
  // Throws ConfigError naming `flag` when the file cannot be opened.
  explicit FileSource(const std::string& path, const std::string& flag = "--input");
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  // Appends up to max records to batch; returns false once input is exhausted
  // and nothing was appended.
  bool next_batch(std::vector<RawRecord>& batch, size_t max);

  // BatchSource: a file is bounded and never waits; it cannot be rewound
  // (file mode never aborts a batch: its committer keeps what was written).
  Status poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds wait) override;
  bool exhausted() const override { return eof_; }
  Status rewind() override { return Status::fatal("file input cannot be rewound"); }
  uint64_t bytes_read() const { return bytes_read_; }
  // Bytes of the file itself read so far (for a .gz file: compressed bytes).
  uint64_t compressed_bytes_read() const;

 private:
  std::FILE* file_ = nullptr;
  bool owns_ = false;
  uint64_t line_number_ = 0;
  bool eof_ = false;
  void* gz_ = nullptr;  // the gzFile behind file_, for .gz input
  uint64_t bytes_read_ = 0;
  char* line_ = nullptr;  // getline's buffer, reused
  size_t capacity_ = 0;
};

}  // namespace newsflow::consumer
