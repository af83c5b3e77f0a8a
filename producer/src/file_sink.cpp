#include "newsflow/producer/file_sink.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "newsflow/core/errors.hpp"
#include "newsflow/core/json_writer.hpp"

namespace newsflow::producer {

FileSink::FileSink(const std::string& path, const std::string& flag) : path_(path) {
  if (path == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw ConfigError(flag + ": cannot open '" + path + "' for writing: " + std::strerror(errno));
  owns_ = true;
}

FileSink::~FileSink() {
  if (owns_) std::fclose(file_);
}

void FileSink::write_line(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
}

void FileSink::flush() {
  if (std::fflush(file_) != 0 || std::ferror(file_))
    throw std::runtime_error("cannot write '" + path_ + "': " + std::strerror(errno));
}

std::string format_reject_line(const RawRecord& input, const ProcessedRecord& result) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("line").value(input.line_number);
  w.key("error_class").value(result.error_class);
  w.key("error_message").value(result.error_message);
  // The record goes back as a string: it may not be JSON, or not UTF-8.
  bool valid_utf8 = true;
  for (size_t i = 0; i < input.value.size() && valid_utf8;) {
    const auto c = static_cast<unsigned char>(input.value[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > input.value.size()) valid_utf8 = false;
    for (size_t k = 1; k < len && valid_utf8; ++k)
      valid_utf8 = (static_cast<unsigned char>(input.value[i + k]) & 0xC0) == 0x80;
    i += len ? len : 1;
  }
  if (valid_utf8) {
    w.key("record").value(input.value);
  } else {
    static constexpr char hex[] = "0123456789abcdef";
    std::string h;
    h.reserve(input.value.size() * 2);
    for (unsigned char c : input.value) {
      h.push_back(hex[c >> 4]);
      h.push_back(hex[c & 0xF]);
    }
    w.key("record_hex").value(h);
  }
  w.end_object();
  return out;
}

}  // namespace newsflow::producer
