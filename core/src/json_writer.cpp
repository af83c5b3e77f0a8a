#include "newsflow/core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace newsflow {

namespace {

// Index of the first byte at or after i that JSON must escape (a control
// byte, '"' or '\\'), or s.size(). Eight bytes per step: article bodies are
// kilobytes with an escape every paragraph, and a byte loop was most of the
// serializer's time. The classic "has a byte less than n" / "has a zero byte"
// tests; a flagged word is rescanned byte by byte, so their rare false
// positive (a byte just above a flagged one) only costs that rescan.
size_t next_escape(std::string_view s, size_t i) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - ones) & ~v & highs; };
  auto escapes = [](unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; };
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    if (((v - ones * 0x20) & ~v & highs) | has_zero(v ^ (ones * '"')) | has_zero(v ^ (ones * '\\'))) break;
  }
  while (i < s.size() && !escapes(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  size_t run_start = 0;
  for (size_t i = next_escape(s, 0); i < s.size(); i = next_escape(s, i + 1)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        out.append("\\u00");
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out.push_back('"');
}

void JsonWriter::separate() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_.push_back('{');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  out_.push_back('}');
  need_comma_ = true;
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  separate();
  out_.push_back('[');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  out_.push_back(']');
  need_comma_ = true;
  return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_.push_back(':');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}
JsonWriter& JsonWriter::value(int64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}
JsonWriter& JsonWriter::value(uint64_t v) {
  separate();
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
  return *this;
}
JsonWriter& JsonWriter::value(double v) {
  separate();
  if (!std::isfinite(v)) {
    out_.append("null");
    return *this;
  }
  // Four decimals are plenty for scores and similarities and keep records short.
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, std::round(v * 10000.0) / 10000.0);
  out_.append(buf, r.ptr);
  return *this;
}
JsonWriter& JsonWriter::value(bool v) {
  separate();
  out_.append(v ? "true" : "false");
  return *this;
}
JsonWriter& JsonWriter::null() {
  separate();
  out_.append("null");
  return *this;
}
JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_.append(json);
  return *this;
}

}  // namespace newsflow
