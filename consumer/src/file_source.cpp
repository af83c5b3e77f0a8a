#include "newsflow/consumer/file_source.hpp"

#include <cerrno>
#include <cstdlib>
#include <algorithm>
#include <cstring>

#include <zlib.h>

#include "newsflow/core/errors.hpp"

namespace newsflow::consumer {
namespace {

// A gzip file as a FILE*, so the line reader below serves both.
ssize_t gz_read(void* cookie, char* buf, size_t size) {
  const int n = gzread(static_cast<gzFile>(cookie), buf, static_cast<unsigned>(std::min<size_t>(size, 1u << 30)));
  return n < 0 ? -1 : n;
}
int gz_close(void* cookie) { return gzclose(static_cast<gzFile>(cookie)) == Z_OK ? 0 : EOF; }

std::FILE* open_gzip(const std::string& path, void*& handle) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return nullptr;
  handle = gz;
  gzbuffer(gz, 1 << 17);
  return fopencookie(gz, "r", cookie_io_functions_t{gz_read, nullptr, nullptr, gz_close});
}

}  // namespace

FileSource::FileSource(const std::string& path, const std::string& flag) {
  if (path == "-") {
    file_ = stdin;
    return;
  }
  file_ = path.ends_with(".gz") ? open_gzip(path, gz_) : std::fopen(path.c_str(), "rb");
  if (!file_) throw ConfigError(flag + ": cannot open '" + path + "': " + std::strerror(errno));
  owns_ = true;
}

FileSource::~FileSource() {
  if (owns_) std::fclose(file_);
  std::free(line_);
}

bool FileSource::next_batch(std::vector<RawRecord>& batch, size_t max) {
  size_t added = 0;
  while (added < max) {
    // getline, not fgets: a line may hold a body of many megabytes.
    const ssize_t n = ::getline(&line_, &capacity_, file_);
    if (n < 0) {
      eof_ = true;
      break;
    }
    ++line_number_;
    bytes_read_ += static_cast<uint64_t>(n);
    std::string_view line(line_, static_cast<size_t>(n));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    RawRecord r;
    r.value.assign(line);
    r.line_number = line_number_;
    batch.push_back(std::move(r));
    ++added;
  }
  return added > 0;
}

uint64_t FileSource::compressed_bytes_read() const {
  return gz_ ? static_cast<uint64_t>(gzoffset(static_cast<gzFile>(gz_))) : bytes_read_;
}

Status FileSource::poll(std::vector<RawRecord>& batch, size_t max, std::chrono::milliseconds) {
  if (!eof_) next_batch(batch, max);
  if (std::ferror(file_)) return Status::fatal(std::string("reading input: ") + std::strerror(errno));
  return Status::ok();
}

}  // namespace newsflow::consumer
