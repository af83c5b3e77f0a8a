// The config loader: any YAML file, then duration and size strings. Bad input
// must be a ConfigError naming what is wrong, never another exception.
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "fuzz_common.hpp"
#include "newsflow/app/config.hpp"

using namespace newsflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Config::load reads a file; one per process, removed at exit.
  static const struct TempFile {
    std::string path = "/tmp/newsflow-config-fuzz-" + std::to_string(getpid()) + ".yaml";
    ~TempFile() { std::remove(path.c_str()); }
  } temp;
  const std::string& path = temp.path;
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    auto config = app::Config::load(path, {}, {});
    // Every typed read of a loaded config must succeed: load validated them.
    for (const auto& spec : app::all_settings()) {
      switch (spec.type) {
        case app::SettingType::integer: (void)config.integer(spec.name); break;
        case app::SettingType::boolean: (void)config.boolean(spec.name); break;
        case app::SettingType::duration: (void)config.duration(spec.name); break;
        case app::SettingType::bytes: (void)config.bytes(spec.name); break;
        case app::SettingType::list: (void)config.list(spec.name); break;
        default: (void)config.string(spec.name); break;
      }
    }
    (void)config.describe();
  } catch (const ConfigError& e) {
    fuzz::check(std::string_view(e.what()).size() > 0, "a ConfigError without a message");
  }
  const std::string_view text = fuzz::as_text(data, size);
  (void)app::parse_duration(text);
  (void)app::parse_bytes(text);
  return 0;
}
