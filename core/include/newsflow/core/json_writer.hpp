#pragma once
// A minimal append-only JSON writer. The output records are built field by
// field into one reused buffer; a DOM would allocate per node for nothing.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace newsflow {

// Appends s as a JSON string literal (quotes included). Input must be valid
// UTF-8; non-ASCII passes through unescaped so Unicode round-trips byte-exact.
void append_json_string(std::string& out, std::string_view s);

// Appends to `out`. Writes go into room the writer keeps past what it has
// written (out is grown and its tail filled with zeros), so `out` holds exactly
// the JSON written so far only after finish() or once the writer is gone.
// std::string's own append is a call into libstdc++ with its capacity check
// each time; a record is ~400 small appends (keys, commas, labels), and those
// calls were most of the serializer's instructions.
class JsonWriter {
 public:
  // expected_bytes: room to make at once (the record's likely size), so a
  // large record does not grow the buffer step by step.
  explicit JsonWriter(std::string& out, size_t expected_bytes = 0);
  // Writes `out` from its start instead of appending, its old bytes taken as
  // room: a buffer reused record after record is then zero-filled only where
  // a record runs longer than the one before.
  static JsonWriter overwriting(std::string& out, size_t expected_bytes);
  ~JsonWriter() {
    if (has_room_) finish();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Cuts `out` to what was written; writing may go on after it. What the
  // caller appends to `out` after finish() is kept (the writer does not cut
  // it again), but then the writer must not write any more.
  std::string& finish() {
    out_.resize(pos_);
    has_room_ = false;
    return out_;
  }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view k);
  // A string literal is written without the escape scan: newsflow's own key
  // names hold nothing JSON escapes, and a record has ~150 of them, where
  // the scan cost more than the rest of writing a key.
  template <size_t N>
  JsonWriter& key(const char (&k)[N]) {
    assert(std::string_view(k, N - 1).find_first_of("\"\\") == std::string_view::npos);
    char* p = separated_room(N + 2);
    *p++ = '"';
    std::memcpy(p, k, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    advance_to(p);
    need_comma_ = false;
    return *this;
  }
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(uint32_t v) { return value(static_cast<uint64_t>(v)); }
  // Rounded to four decimals, written as std::to_chars writes that double.
  JsonWriter& value(double v);
  JsonWriter& value(bool v) { return word(v ? std::string_view("true") : std::string_view("false")); }
  JsonWriter& null() { return word("null"); }
  // Already-serialised JSON (a pass-through field), written as is.
  JsonWriter& raw(std::string_view json) { return word(json); }

 private:
  // At least n writable bytes at the returned pointer (past what is written).
  char* room(size_t n) {
    if (out_.size() - pos_ < n) grow(n);
    return out_.data() + pos_;
  }
  struct Overwrite {};
  JsonWriter(std::string& out, size_t expected_bytes, Overwrite);
  void grow(size_t n);
  void advance_to(const char* p) { pos_ = static_cast<size_t>(p - out_.data()); }
  // Room for a separating comma plus n bytes; the comma written if due.
  char* separated_room(size_t n) {
    char* p = room(n + 1);
    *p = ',';
    p += need_comma_;
    need_comma_ = true;
    return p;
  }
  JsonWriter& open(char c) {
    char* p = separated_room(1);
    *p++ = c;
    advance_to(p);
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char c) {
    char* p = room(1);
    *p++ = c;
    advance_to(p);
    need_comma_ = true;
    return *this;
  }
  JsonWriter& word(std::string_view w) {
    char* p = separated_room(w.size());
    if (!w.empty()) std::memcpy(p, w.data(), w.size());  // an empty view's data() may be null
    advance_to(p + w.size());
    return *this;
  }
  void string(std::string_view s);

  std::string& out_;
  size_t pos_;  // bytes of out_ written; the rest is room
  bool has_room_ = false;  // out_ runs on past pos_
  bool need_comma_ = false;
};

}  // namespace newsflow
