#pragma once
// Every setting newsflow reads is declared once in settings.cpp with its type,
// default and help text. Values come from (later wins): defaults, the YAML
// file, NEWSFLOW_* environment variables, then command-line flags.
// librdkafka properties pass through unchanged under kafka.consumer.* and
// kafka.producer.* (and -X key=value, which sets both).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsflow/core/errors.hpp"

namespace newsflow::app {

enum class SettingType { string, integer, boolean, duration, bytes, list, choice };

struct SettingSpec {
  std::string_view name;
  SettingType type;
  std::string_view default_value;
  std::string_view help;
  std::vector<std::string_view> choices = {};  // for SettingType::choice
  bool secret = false;
};

const std::vector<SettingSpec>& all_settings();
std::string_view to_string(SettingType t);

class Config {
 public:
  // Throws ConfigError naming the file, key or variable at fault.
  static Config load(const std::optional<std::string>& yaml_file, const std::map<std::string, std::string>& env,
                     const std::vector<std::pair<std::string, std::string>>& overrides);
  static Config defaults() { return load(std::nullopt, {}, {}); }

  // Sets one value with the same validation as the file (used by flags).
  void set(const std::string& key, const std::string& value, const std::string& source);

  const std::string& string(std::string_view key) const;
  int64_t integer(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::chrono::milliseconds duration(std::string_view key) const;
  uint64_t bytes(std::string_view key) const;
  std::vector<std::string> list(std::string_view key) const;

  const std::map<std::string, std::string>& consumer_properties() const { return consumer_; }
  const std::map<std::string, std::string>& producer_properties() const { return producer_; }

  // key = value lines for logs, with secrets masked.
  std::string describe() const;

 private:
  const std::string& raw(std::string_view key) const;
  std::map<std::string, std::string, std::less<>> values_;
  std::map<std::string, std::string> consumer_;
  std::map<std::string, std::string> producer_;
};

// Captures NEWSFLOW_* variables from the process environment.
std::map<std::string, std::string> newsflow_environment();

// Parses "5s", "100ms", "7d", "2h", "1m" (or plain milliseconds).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view s);
// Parses "2MiB", "512KiB", "1GB", "1000" (bytes).
std::optional<uint64_t> parse_bytes(std::string_view s);

// The README's configuration reference table, generated from all_settings().
std::string settings_markdown();
// One line a setting, `key  type  default`, for `newsflow config --list`:
// what the unknown-setting errors point to.
std::string settings_list();

}  // namespace newsflow::app
