#pragma once
// A minimal append-only JSON writer. The output records are built field by
// field into one reused buffer; a DOM would allocate per node for nothing.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// Appends s as a JSON string literal (quotes included). Input must be valid
// UTF-8; non-ASCII passes through unescaped so Unicode round-trips byte-exact.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  // A string literal is written without the escape scan: newsflow's own key
  // names hold nothing JSON escapes, and a record has ~150 of them, where
  // the scan cost more than the rest of writing a key.
  template <size_t N>
  JsonWriter& key(const char (&k)[N]) {
    assert(std::string_view(k, N - 1).find_first_of("\"\\") == std::string_view::npos);
    if (need_comma_) out_.push_back(',');
    out_.push_back('"');
    out_.append(k, N - 1);
    out_.append("\":", 2);
    need_comma_ = false;
    return *this;
  }
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint32_t v) { return value(static_cast<uint64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  // Already-serialised JSON (a pass-through field), written as is.
  JsonWriter& raw(std::string_view json);

 private:
  void separate();
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace newsflow
