#pragma once
// Shared by the libFuzzer targets: where the rule files are, and the checks
// every target makes on what it produced. A failed check aborts, which
// libFuzzer reports as a crash and saves the input.
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace newsflow::fuzz {

inline std::string data_path(std::string_view relative) { return std::string(NEWSFLOW_FUZZ_DATA_DIR "/") + std::string(relative); }

[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void check(bool ok, std::string_view what) {
  if (!ok) fail(what);
}

inline bool valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Every record newsflow emits must be JSON that simdjson (and so Python and
// Jackson, which accept more) reads back, and not deeper than the input may be.
inline void check_output_json(std::string_view json, size_t max_depth) {
  static simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::padded_string padded(json);
  if (parser.allocate(padded.size(), max_depth + 8)) fail("cannot allocate the output checker");
  auto e = parser.parse(padded).get(root);
  if (e) {
    std::fprintf(stderr, "output: %.*s\n", static_cast<int>(std::min<size_t>(json.size(), 2000)), json.data());
    fail(std::string("output is not JSON: ") + simdjson::error_message(e));
  }
  check(root.is_object(), "output is not a JSON object");
}

// The processors' contract: they only ever see valid UTF-8 (the parser
// validates every record), so inputs that are not are skipped, not fed in.
inline bool utf8_input(const uint8_t* data, size_t size, std::string_view& text) {
  text = as_text(data, size);
  return valid_utf8(text);
}

}  // namespace newsflow::fuzz
