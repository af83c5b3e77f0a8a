#pragma once
// Log output on stderr, as text (people at a terminal) or as one JSON object
// per line (log collectors: Loki, Elasticsearch, Cloud Logging). Structured
// fields (worker, topic, partition, error_class, ...) come from LogFields
// scopes on the logging thread, so call sites keep plain spdlog calls:
//
//   LogFields fields{{"worker", index}};   // every line this thread logs while alive
//   spdlog::error("delivery failed: {}", why);
//
// JSON:  {"time":"2026-12-01T09:00:00.123Z","level":"error","message":"delivery failed: ...","worker":0}
// text:  2026-12-01T09:00:00.123 error delivery failed: ... worker=0
// librdkafka's own log lines are routed through the same logger (field
// "kafka_facility"), so a JSON stream stays JSON.
#include <spdlog/spdlog.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/core/record.hpp"

namespace newsflow::app {

enum class LogFormat { text, json };

// text when stderr is a terminal, json otherwise (containers, systemd, CI).
LogFormat default_log_format();
std::optional<LogFormat> parse_log_format(std::string_view name);

// Makes the default spdlog logger write to stderr in the given format and
// routes librdkafka's logs into it. Called again (once the config is read),
// it only swaps the format; call it before any other thread logs.
void install_logger(LogFormat format);

// The formatter install_logger uses (exposed for tests and other sinks).
std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format);

struct LogField {
  LogField(std::string_view k, std::string v) : key(k), value(std::move(v)) {}
  LogField(std::string_view k, const char* v) : key(k), value(v) {}
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, int64_t v) : key(k), value(std::to_string(v)), number(true) {}
  LogField(std::string_view k, int v) : LogField(k, static_cast<int64_t>(v)) {}
  std::string_view key;  // a literal: field names are fixed at the call site
  std::string value;
  bool number = false;
};

// RAII: adds fields to every line the current thread logs until destroyed.
// Scopes nest; an inner field with the same key shadows the outer one.
class LogFields {
 public:
  LogFields(std::initializer_list<LogField> fields);
  ~LogFields();
  LogFields(const LogFields&) = delete;
  LogFields& operator=(const LogFields&) = delete;

 private:
  size_t count_;
};

// One debug line per dead letter, with topic, partition, offset and error_class fields.
void log_dead_letter(const RawRecord& record, const ProcessedRecord& result);

// The fields in scope on this thread (oldest first); for the formatters.
const std::vector<LogField>& current_log_fields();

}  // namespace newsflow::app
