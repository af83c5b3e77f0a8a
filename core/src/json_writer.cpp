#include "newsflow/core/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <emmintrin.h>

namespace newsflow {

namespace {

// Bit 7 of each byte of a SSE2 compare: the bytes JSON must escape (a
// control byte, '"' or '\\').
unsigned escape_mask(const char* p) {
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control_max = _mm_set1_epi8(0x1F);
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // c <= 0x1F unsigned: max(c, 0x1F) is 0x1F exactly then.
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, control_max), control_max);
  const __m128i hit = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return static_cast<unsigned>(_mm_movemask_epi8(hit));
}

// The same test on a word's bytes (SWAR): bit 7 of a byte is set where the
// byte must be escaped, and perhaps above such a byte (a borrow), never below
// it, so the lowest set bit is the first byte to escape.
template <typename Word>
Word escape_bits(Word w) {
  constexpr Word ones = static_cast<Word>(~Word{0}) / 0xFF, highs = ones * 0x80;
  const auto zero_byte = [&](Word x) { return static_cast<Word>((x - ones) & ~x & highs); };
  return static_cast<Word>(zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\')) |
                           ((w - ones * 0x20) & ~w & highs));
}

// Index in [i, n) of the first of bytes [i, i + sizeof(Word)) to escape, or n.
template <typename Word>
size_t word_escape(const char* s, size_t i, size_t n) {
  Word w;
  std::memcpy(&w, s + i, sizeof w);
  if (const Word bits = escape_bits(w)) return i + static_cast<size_t>(__builtin_ctzll(bits)) / 8;
  return n;
}

// Index of the first byte at or after i that JSON must escape, or n. Sixteen
// bytes per step with SSE2, the position read off the compare mask: article
// bodies are kilobytes with an escape every paragraph. What is left under
// sixteen bytes is read with loads that end at the last byte and overlap bytes
// already seen (clean, so they find nothing), never past the string: most
// strings of a record (labels, names, cues) are that short, and a byte loop
// over them was a fifth of the serializer.
size_t next_escape(const char* s, size_t n, size_t i) {
  for (; i + 16 <= n; i += 16)
    if (const unsigned mask = escape_mask(s + i)) return i + static_cast<size_t>(__builtin_ctz(mask));
  if (i == n) return n;
  if (n >= 16) {
    const size_t at = n - 16;
    const unsigned mask = escape_mask(s + at) & (~0u << (i - at));
    return mask ? at + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
  if (n - i >= 8) {
    const size_t hit = word_escape<uint64_t>(s, i, n);
    return hit != n ? hit : word_escape<uint64_t>(s, n - 8, n);
  }
  if (n - i >= 4) {
    const size_t hit = word_escape<uint32_t>(s, i, n);
    return hit != n ? hit : word_escape<uint32_t>(s, n - 4, n);
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return n;
}

// K / 10^4 as std::to_chars(double) writes the double nearest to it, for
// 10 <= |K| < 10^8: the decimal itself, trailing zeros cut. Its at most eight
// significant digits are the shortest form that reads back as that double
// (another decimal of as few digits is a multiple of 10^-4 too, so at least
// 10^-4 away, and doubles below 10^4 are far closer together than that), and
// from 0.001 up the fixed form is never longer than the scientific one
// (0.001 and 1e-03 tie, and a tie is written fixed).
char* write_ten_thousandths(char* p, int64_t k) {
  if (k < 0) {
    *p++ = '-';
    k = -k;
  }
  p = std::to_chars(p, p + 8, k / 10000).ptr;
  auto frac = static_cast<unsigned>(k % 10000);
  if (frac == 0) return p;
  *p++ = '.';
  for (unsigned div = 1000; frac != 0; div /= 10) {
    *p++ = static_cast<char>('0' + frac / div);
    frac %= div;
  }
  return p;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  JsonWriter w(out, s.size() + 2);
  w.value(s);
}

JsonWriter::JsonWriter(std::string& out, size_t expected_bytes) : out_(out), pos_(out.size()) {
  if (expected_bytes > 0) grow(expected_bytes);
}

JsonWriter::JsonWriter(std::string& out, size_t expected_bytes, Overwrite) : out_(out), pos_(0) {
  // Exactly what is expected: growing by half again from the last record's
  // size would fill that much more with zeros for every record.
  if (expected_bytes > out_.size()) out_.resize(expected_bytes);
  has_room_ = !out_.empty();
}

JsonWriter JsonWriter::overwriting(std::string& out, size_t expected_bytes) {
  return JsonWriter(out, expected_bytes, Overwrite{});
}

// By half again (amortised constant per byte): every byte of new room is
// zero-filled first, so less overshoot than doubling.
void JsonWriter::grow(size_t n) {
  out_.resize(std::max({pos_ + n, out_.size() + out_.size() / 2, size_t{256}}));
  has_room_ = true;
}

void JsonWriter::string(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  const char* const data = s.data();
  const size_t n = s.size();
  size_t i = next_escape(data, n, 0);
  // Most strings (ids, labels, names) need no escape at all: one copy.
  char* p = room(n + 2);
  *p++ = '"';
  advance_to(p);
  size_t run_start = 0;
  for (; i < n; i = next_escape(data, n, i + 1)) {
    // The run before the escape, the escape (at most six bytes), what is left
    // and the closing quote.
    p = room(n - run_start + 7);
    std::memcpy(p, data + run_start, i - run_start);
    p += i - run_start;
    *p++ = '\\';
    switch (const auto c = static_cast<unsigned char>(data[i])) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        std::memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 0xF];
        p += 5;
    }
    advance_to(p);
    run_start = i + 1;
  }
  p = room(n - run_start + 1);
  if (n > run_start) std::memcpy(p, data + run_start, n - run_start);
  p += n - run_start;
  *p++ = '"';
  advance_to(p);
}

JsonWriter& JsonWriter::key(std::string_view k) {
  advance_to(separated_room(0));
  string(k);
  *room(1) = ':';
  ++pos_;
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  advance_to(separated_room(0));
  string(s);
  return *this;
}

JsonWriter& JsonWriter::value(int64_t v) {
  char* p = separated_room(24);
  advance_to(std::to_chars(p, p + 24, v).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(uint64_t v) {
  char* p = separated_room(24);
  advance_to(std::to_chars(p, p + 24, v).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  if (!std::isfinite(v)) return null();
  // Four decimals are plenty for scores and similarities and keep records short.
  const double ten_thousandths = std::round(v * 10000.0);
  char* p = separated_room(32);
  if (const double size = std::fabs(ten_thousandths); size >= 10 && size < 1e8)
    p = write_ten_thousandths(p, static_cast<int64_t>(ten_thousandths));
  else if (ten_thousandths == 0 && !std::signbit(ten_thousandths))
    *p++ = '0';
  else if (!std::isfinite(ten_thousandths))  // too large to scale: "inf" is not JSON
    p = std::to_chars(p, p + 32, v).ptr;
  else
    p = std::to_chars(p, p + 32, ten_thousandths / 10000.0).ptr;
  advance_to(p);
  return *this;
}

}  // namespace newsflow
