#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "newsflow/app/config.hpp"

extern char** environ;

namespace newsflow::app {
namespace {

constexpr std::string_view kConsumerPrefix = "kafka.consumer.";
constexpr std::string_view kProducerPrefix = "kafka.producer.";

const SettingSpec* find_spec(std::string_view key) {
  for (const auto& s : all_settings())
    if (s.name == key) return &s;
  return nullptr;
}

std::string env_name(std::string_view key) {
  std::string out = "NEWSFLOW_";
  for (char c : key) out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::optional<std::string> validate(const SettingSpec& spec, const std::string& value) {
  switch (spec.type) {
    case SettingType::string: return std::nullopt;
    case SettingType::list: return std::nullopt;
    case SettingType::integer: {
      int64_t v;
      auto r = std::from_chars(value.data(), value.data() + value.size(), v);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size() || v < 0)
        return "expected a non-negative whole number";
      return std::nullopt;
    }
    case SettingType::boolean:
      if (value == "true" || value == "false") return std::nullopt;
      return "expected true or false";
    case SettingType::duration:
      if (parse_duration(value)) return std::nullopt;
      return "expected a duration such as 100ms, 5s, 2h or 7d";
    case SettingType::bytes:
      if (parse_bytes(value)) return std::nullopt;
      return "expected a size such as 512KiB, 2MiB or 1000";
    case SettingType::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end()) return std::nullopt;
      {
        std::string list;
        for (auto c : spec.choices) list += (list.empty() ? "" : ", ") + std::string(c);
        return "expected one of: " + list;
      }
  }
  return std::nullopt;
}

std::string scalar_text(const YAML::Node& node) {
  if (node.IsSequence()) {
    std::string joined;
    for (const auto& item : node) joined += (joined.empty() ? "" : ",") + item.as<std::string>();
    return joined;
  }
  return node.as<std::string>();
}

// Settings nest a few levels (kafka.producer.linger.ms). Aliases can make a
// map its own ancestor ("a: &x", "b: *x") or repeat one map many times over
// ("billion laughs"): the walk refuses both rather than recurse without end
// or expand without bound.
constexpr size_t kMaxConfigDepth = 16;
constexpr size_t kMaxConfigKeys = 4096;

struct ConfigWalk {
  std::vector<YAML::Node> ancestors;
  size_t keys_seen = 0;
};

void flatten(const YAML::Node& node, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out,
             const std::string& file, ConfigWalk& walk) {
  std::vector<YAML::Node>& ancestors = walk.ancestors;
  ancestors.push_back(node);
  for (const auto& kv : node) {
    const std::string key = prefix.empty() ? kv.first.as<std::string>() : prefix + "." + kv.first.as<std::string>();
    if (++walk.keys_seen > kMaxConfigKeys)
      throw ConfigError(file + ": more than " + std::to_string(kMaxConfigKeys) + " keys (aliases repeating a map?)");
    if (kv.second.IsMap()) {
      const std::string shown = key.substr(0, 200);
      for (const YAML::Node& up : ancestors)
        if (up.is(kv.second)) throw ConfigError(file + ": key '" + shown + "' is an alias of a map that holds it");
      if (ancestors.size() >= kMaxConfigDepth)
        throw ConfigError(file + ": key '" + shown + "' nests deeper than " + std::to_string(kMaxConfigDepth) +
                          " levels");
      flatten(kv.second, key, out, file, walk);
    } else if (kv.second.IsNull()) {
      out.emplace_back(key, "");
    } else if (kv.second.IsScalar() || kv.second.IsSequence()) {
      out.emplace_back(key, scalar_text(kv.second));
    } else {
      throw ConfigError(file + ": key '" + key + "' has an unsupported value");
    }
  }
  ancestors.pop_back();
}

}  // namespace

std::string_view to_string(SettingType t) {
  switch (t) {
    case SettingType::string: return "string";
    case SettingType::integer: return "integer";
    case SettingType::boolean: return "boolean";
    case SettingType::duration: return "duration";
    case SettingType::bytes: return "size";
    case SettingType::list: return "list";
    case SettingType::choice: return "choice";
  }
  return "string";
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t n = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (r.ec != std::errc() || n < 0) return std::nullopt;
  const std::string_view unit(r.ptr, s.data() + s.size() - r.ptr);
  int64_t scale;
  if (unit.empty() || unit == "ms")
    scale = 1;
  else if (unit == "s")
    scale = 1000;
  else if (unit == "m")
    scale = 60'000;
  else if (unit == "h")
    scale = 3'600'000;
  else if (unit == "d")
    scale = 86'400'000;
  else
    return std::nullopt;
  // "18244680000000000h" overflowed int64 (UB; found by tests/fuzz config_fuzz).
  if (n > std::numeric_limits<int64_t>::max() / scale) return std::nullopt;
  return std::chrono::milliseconds(n * scale);
}

std::optional<uint64_t> parse_bytes(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t n = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (r.ec != std::errc()) return std::nullopt;
  const std::string_view unit(r.ptr, s.data() + s.size() - r.ptr);
  uint64_t scale;
  if (unit.empty() || unit == "B")
    scale = 1;
  else if (unit == "KiB")
    scale = uint64_t{1} << 10;
  else if (unit == "MiB")
    scale = uint64_t{1} << 20;
  else if (unit == "GiB")
    scale = uint64_t{1} << 30;
  else if (unit == "KB" || unit == "kB")
    scale = 1000;
  else if (unit == "MB")
    scale = 1000'000;
  else if (unit == "GB")
    scale = 1000'000'000;
  else
    return std::nullopt;
  // A size that does not fit is refused, not wrapped to a small one.
  if (n > std::numeric_limits<uint64_t>::max() / scale) return std::nullopt;
  return n * scale;
}

void Config::set(const std::string& key, const std::string& value, const std::string& source) {
  if (key.starts_with(kConsumerPrefix)) {
    consumer_[key.substr(kConsumerPrefix.size())] = value;
    return;
  }
  if (key.starts_with(kProducerPrefix)) {
    producer_[key.substr(kProducerPrefix.size())] = value;
    return;
  }
  const SettingSpec* spec = find_spec(key);
  if (!spec) throw ConfigError(source + ": unknown setting '" + key + "' (see `newsflow config --list`)");
  if (auto problem = validate(*spec, value))
    throw ConfigError(source + ": bad value for '" + key + "': " + *problem + " (got '" +
                      (spec->secret ? std::string("****") : value) + "')");
  values_[key] = value;
}

Config Config::load(const std::optional<std::string>& yaml_file, const std::map<std::string, std::string>& env,
                    const std::vector<std::pair<std::string, std::string>>& overrides) {
  Config c;
  for (const auto& spec : all_settings()) c.values_[std::string(spec.name)] = std::string(spec.default_value);

  if (yaml_file) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(*yaml_file);
    } catch (const YAML::BadFile&) {
      throw ConfigError("config file '" + *yaml_file + "' cannot be read");
    } catch (const YAML::Exception& e) {
      throw ConfigError("config file '" + *yaml_file + "': " + e.what());
    }
    if (!root.IsNull()) {
      if (!root.IsMap()) throw ConfigError("config file '" + *yaml_file + "': the top level must be a mapping");
      std::vector<std::pair<std::string, std::string>> flat;
      try {
        ConfigWalk walk;
        flatten(root, "", flat, *yaml_file, walk);
      } catch (const YAML::Exception& e) {
        throw ConfigError("config file '" + *yaml_file + "': " + e.what());
      }
      for (const auto& [k, v] : flat) c.set(k, v, "config file '" + *yaml_file + "'");
    }
  }

  for (const auto& [name, value] : env) {
    if (name == "NEWSFLOW_CONFIG") continue;
    bool matched = false;
    for (const auto& spec : all_settings()) {
      if (env_name(spec.name) == name) {
        c.set(std::string(spec.name), value, "environment variable " + name);
        matched = true;
        break;
      }
    }
    // Not a refusal: Kubernetes service links (a Service named newsflow
    // injects NEWSFLOW_SERVICE_HOST, NEWSFLOW_PORT_9464_TCP, ...) and other
    // tools' variables share the prefix. The caller warns once, naming them.
    if (!matched) c.ignored_env_.push_back(name);
  }

  for (const auto& [k, v] : overrides) c.set(k, v, "command line");
  return c;
}

const std::string& Config::raw(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw ConfigError("internal: setting '" + std::string(key) + "' is not declared");
  return it->second;
}

const std::string& Config::string(std::string_view key) const { return raw(key); }
int64_t Config::integer(std::string_view key) const { return std::stoll(raw(key)); }
bool Config::boolean(std::string_view key) const { return raw(key) == "true"; }
std::chrono::milliseconds Config::duration(std::string_view key) const { return *parse_duration(raw(key)); }
uint64_t Config::bytes(std::string_view key) const { return *parse_bytes(raw(key)); }

std::vector<std::string> Config::list(std::string_view key) const {
  std::vector<std::string> out;
  std::stringstream ss(raw(key));
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string Config::describe() const {
  // ssl.key.pem is a private key inline; sasl.oauthbearer.config may hold
  // a client secret; neither name says "password" or "secret".
  auto is_secret_property = [](const std::string& k) {
    return k.find("password") != std::string::npos || k.find("secret") != std::string::npos ||
           k == "ssl.key.pem" || k == "sasl.oauthbearer.config";
  };
  std::string out;
  for (const auto& [k, v] : values_) {
    const SettingSpec* spec = find_spec(k);
    out += k + " = " + (spec && spec->secret && !v.empty() ? "****" : v) + "\n";
  }
  for (const auto& [k, v] : consumer_)
    out += std::string(kConsumerPrefix) + k + " = " + (is_secret_property(k) ? "****" : v) + "\n";
  for (const auto& [k, v] : producer_)
    out += std::string(kProducerPrefix) + k + " = " + (is_secret_property(k) ? "****" : v) + "\n";
  return out;
}

std::map<std::string, std::string> newsflow_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("NEWSFLOW_")) continue;
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

namespace {
std::string shown_default(const SettingSpec& s) {
  return s.name == "data_dir" ? "(the installed data directory)" : std::string(s.default_value);
}
}  // namespace

std::string settings_list() {
  size_t key_width = 0;
  for (const auto& s : all_settings()) key_width = std::max(key_width, s.name.size());
  std::string out;
  for (const auto& s : all_settings()) {
    const std::string type(to_string(s.type));
    std::string line = std::string(s.name) + std::string(key_width + 2 - s.name.size(), ' ') + type +
                       std::string(10 - std::min<size_t>(type.size(), 9), ' ') + shown_default(s);
    while (line.back() == ' ') line.pop_back();  // no default
    out += line + "\n";
  }
  return out;
}

std::string settings_markdown() {
  std::string out = "| key | type | default | meaning |\n| --- | --- | --- | --- |\n";
  for (const auto& s : all_settings()) {
    const std::string def = shown_default(s);
    std::string help(s.help);
    if (s.type == SettingType::choice) {
      help += " One of:";
      for (auto c : s.choices) help += " `" + std::string(c) + "`";
      help += ".";
    }
    out += "| `" + std::string(s.name) + "` | " + std::string(to_string(s.type)) + " | " +
           (def.empty() ? "" : "`" + def + "`") + " | " + help + " |\n";
  }
  return out;
}

}  // namespace newsflow::app
