#include "newsflow/app/state_file.hpp"

#include <simdjson.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "newsflow/core/errors.hpp"
#include "newsflow/core/json_writer.hpp"

namespace newsflow::app {

std::vector<StateChange> read_state_file(const std::string& path) {
  std::vector<StateChange> out;
  std::ifstream in(path);
  if (!in) {
    if (!std::filesystem::exists(path)) return out;
    throw ConfigError("--state: cannot read '" + path + "'");
  }
  simdjson::ondemand::parser parser;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    std::string_view key, value;
    if (parser.iterate(padded).get(doc) || doc["key"].get_string().get(key))
      throw ConfigError("--state: '" + path + "' line " + std::to_string(number) + " is not a state entry");
    StateChange change{std::string(key), std::nullopt};
    auto v = doc["value"];
    if (!v.is_null()) {
      if (v.get_string().get(value))
        throw ConfigError("--state: '" + path + "' line " + std::to_string(number) + " has a non-string value");
      change.value = std::string(value);
    }
    out.push_back(std::move(change));
  }
  return out;
}

size_t cut_torn_tail(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("--state: cannot read '" + path + "'");
  // Backwards in chunks to the last newline: the file can be large.
  constexpr std::uintmax_t kChunk = 64 * 1024;
  std::string chunk;
  std::uintmax_t end = size;
  while (end > 0) {
    const std::uintmax_t start = end > kChunk ? end - kChunk : 0;
    chunk.resize(static_cast<size_t>(end - start));
    in.seekg(static_cast<std::streamoff>(start));
    if (!in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())))
      throw ConfigError("--state: cannot read '" + path + "'");
    if (const auto nl = chunk.rfind('\n'); nl != std::string::npos) {
      end = start + nl + 1;
      break;
    }
    end = start;
  }
  if (end == size) return 0;
  in.close();
  std::filesystem::resize_file(path, end, ec);
  if (ec) throw ConfigError("--state: cannot cut the torn last line of '" + path + "': " + ec.message());
  return static_cast<size_t>(size - end);
}

void write_state_file(const std::string& path, const std::vector<StateChange>& changes) {
  std::unordered_map<std::string, size_t> last;
  for (size_t i = 0; i < changes.size(); ++i) last[changes[i].key] = i;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw ConfigError("--state: cannot write '" + tmp + "'");
    std::string line;
    for (size_t i = 0; i < changes.size(); ++i) {
      const auto& c = changes[i];
      if (last[c.key] != i || !c.value) continue;
      line.clear();
      JsonWriter w(line);
      w.begin_object().key("key").value(c.key).key("value").value(*c.value).end_object();
      out << w.finish() << '\n';
    }
    if (!out.flush()) throw ConfigError("--state: cannot write '" + tmp + "'");
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace newsflow::app
