#include "newsflow/app/logging.hpp"

#include <librdkafka/rdkafka.h>
#include <simdjson.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

#include "newsflow/core/json_writer.hpp"
#include "newsflow/core/kafka.hpp"
#include "newsflow/core/time.hpp"

namespace newsflow::app {
namespace {

thread_local std::vector<LogField> t_fields;

// The effective fields: later (inner) scopes shadow earlier ones.
template <typename F>
void for_each_field(F&& f) {
  const auto& all = t_fields;
  for (size_t i = 0; i < all.size(); ++i) {
    bool shadowed = false;
    for (size_t j = i + 1; j < all.size() && !shadowed; ++j) shadowed = all[j].key == all[i].key;
    if (!shadowed) f(all[i]);
  }
}

// Log text may quote a record's bytes; a JSON line must stay valid UTF-8.
std::string_view valid_utf8(std::string_view s, std::string& scratch) {
  if (simdjson::validate_utf8(s.data(), s.size())) return s;
  scratch.assign(s);
  for (char& c : scratch)
    if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  return scratch;
}

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    line_.clear();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
    JsonWriter w(line_);
    w.begin_object();
    w.key("time").value(format_rfc3339_ms(ms));
    const auto level = spdlog::level::to_string_view(msg.level);
    w.key("level").value(std::string_view(level.data(), level.size()));
    w.key("message").value(valid_utf8(std::string_view(msg.payload.data(), msg.payload.size()), scratch_));
    for_each_field([&](const LogField& f) {
      w.key(f.key);
      if (f.number)
        w.raw(f.value);
      else
        w.value(valid_utf8(f.value, scratch_));
    });
    w.end_object().finish().push_back('\n');
    dest.append(line_.data(), line_.data() + line_.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }

 private:
  std::string line_, scratch_;
};

// %* in the text pattern: " key=value" for each field in scope.
class TextFieldsFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    for_each_field([&](const LogField& f) {
      dest.push_back(' ');
      dest.append(f.key.data(), f.key.data() + f.key.size());
      dest.push_back('=');
      dest.append(f.value.data(), f.value.data() + f.value.size());
    });
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<TextFieldsFlag>(); }
};

// librdkafka calls this from its own threads; spdlog's _mt logger is thread-safe.
void kafka_log(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  // syslog levels: 0..3 error, 4 warning, 5..6 info, 7 debug.
  const auto spd = level <= 3 ? spdlog::level::err
                   : level == 4 ? spdlog::level::warn
                   : level <= 6 ? spdlog::level::info
                                : spdlog::level::debug;
  LogFields fields{{"kafka_facility", facility}, {"kafka_client", rk ? rd_kafka_name(rk) : "?"}};
  spdlog::log(spd, "librdkafka: {}", message);
}

}  // namespace

LogFormat default_log_format() { return ::isatty(STDERR_FILENO) ? LogFormat::text : LogFormat::json; }

std::optional<LogFormat> parse_log_format(std::string_view name) {
  if (name == "text") return LogFormat::text;
  if (name == "json") return LogFormat::json;
  return std::nullopt;
}

std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format) {
  if (format == LogFormat::json) return std::make_unique<JsonFormatter>();
  auto f = std::make_unique<spdlog::pattern_formatter>();
  f->add_flag<TextFieldsFlag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v%*");
  return f;
}

void install_logger(LogFormat format) {
  auto logger = spdlog::get("newsflow");
  if (!logger) logger = spdlog::stderr_color_mt("newsflow");
  logger->set_formatter(make_log_formatter(format));
  spdlog::set_default_logger(logger);
  kafka::set_log_callback(&kafka_log);
}

LogFields::LogFields(std::initializer_list<LogField> fields) : count_(fields.size()) {
  t_fields.insert(t_fields.end(), fields.begin(), fields.end());
}

LogFields::~LogFields() { t_fields.erase(t_fields.end() - static_cast<std::ptrdiff_t>(count_), t_fields.end()); }

void log_dead_letter(const RawRecord& record, const ProcessedRecord& result) {
  if (!spdlog::should_log(spdlog::level::debug)) return;
  const Origin origin = record.origin.value_or(Origin{});
  LogFields fields{{"topic", origin.topic},
                   {"partition", origin.partition},
                   {"offset", origin.offset},
                   {"error_class", result.error_class}};
  spdlog::debug("dead letter: {}", result.error_message);
}

const std::vector<LogField>& current_log_fields() { return t_fields; }

}  // namespace newsflow::app
