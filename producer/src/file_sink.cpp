#include "newsflow/producer/file_sink.hpp"

#include <simdjson.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "newsflow/core/errors.hpp"
#include "newsflow/core/json_writer.hpp"

namespace newsflow::producer {

FileSink::FileSink(const std::string& path, const std::string& flag, bool append) : path_(path) {
  if (path == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
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

void FileSink::write_bytes(std::string_view bytes) { std::fwrite(bytes.data(), 1, bytes.size(), file_); }

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
  if (simdjson::validate_utf8(input.value.data(), input.value.size())) {
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
  w.end_object().finish();
  return out;
}

std::string format_state_line(const StateChange& change) {
  std::string line;
  JsonWriter w(line);
  w.begin_object().key("key").value(change.key).key("value");
  if (change.value)
    w.value(*change.value);
  else
    w.null();
  w.end_object().finish();
  return line;
}

Status FileRecordSink::write(Destination destination, const RawRecord&, const ProcessedRecord& record) {
  FileSink* target = destination == Destination::duplicate ? targets_.duplicates : targets_.output;
  if (!target) return Status::fatal(std::string("no file for ") + std::string(to_string(destination)) + " records");
  target->write_line(record.value);
  return Status::ok();
}

Status FileRecordSink::write_dead_letter(const RawRecord& input, const ProcessedRecord& rejection) {
  const std::string line = format_reject_line(input, rejection);
  if (targets_.rejects)
    targets_.rejects->write_line(line);
  else
    std::fprintf(stderr, "%s\n", line.c_str());
  return Status::ok();
}

Status FileRecordSink::write_state_change(const StateChange& change) {
  if (targets_.state) state_lines_.append(format_state_line(change)).push_back('\n');
  return Status::ok();
}

Status FileRecordSink::write_passthrough(const RawRecord& input) {
  targets_.output->write_line(input.value);
  return Status::ok();
}

Status FileRecordSink::flush() {
  try {
    for (FileSink* f : {targets_.output, targets_.rejects, targets_.duplicates})
      if (f) f->flush();
    if (targets_.state) {
      targets_.state->write_bytes(state_lines_);
      state_lines_.clear();
      targets_.state->flush();
    }
  } catch (const std::exception& e) {
    return Status::fatal(e.what());
  }
  return Status::ok();
}

}  // namespace newsflow::producer
