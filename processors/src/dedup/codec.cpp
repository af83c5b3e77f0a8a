// The changelog values of a stored story and of its copy count: hex text
// (docs/dedup.md, "State").
#include <cstdint>
#include <string>
#include <string_view>

#include "newsflow/processors/dedup.hpp"

namespace newsflow::processors {
namespace {

void append_hex(std::string& out, uint64_t v, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(hex[(v >> shift) & 0xF]);
}

bool parse_hex(std::string_view& in, uint64_t& v, size_t digits) {
  if (in.size() < digits) return false;
  v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = in[i];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    v = v << 4 | static_cast<uint64_t>(d);
  }
  in.remove_prefix(digits);
  return true;
}

}  // namespace

// "v2 time url content shingles origin bands sketch", numbers in hex; "v1"
// had the copy count between shingles and origin.
namespace {
std::string encode_value(const DedupFingerprint& fp, const uint64_t* copies) {
  std::string out = copies ? "v1 " : "v2 ";
  append_hex(out, static_cast<uint64_t>(fp.time_ms), 16);
  out += ' ';
  append_hex(out, fp.url_hash, 16);
  out += ' ';
  append_hex(out, fp.content_hash, 16);
  out += ' ';
  append_hex(out, fp.shingles, 8);
  out += ' ';
  if (copies) {
    append_hex(out, *copies, 16);
    out += ' ';
  }
  append_hex(out, fp.origin, 8);
  out += ' ';
  for (uint32_t b : fp.bands) append_hex(out, b, 8);
  out += ' ';
  for (uint8_t s : fp.sketch) append_hex(out, s, 2);
  return out;
}
}  // namespace

std::string DedupIndex::encode(const DedupFingerprint& fp) { return encode_value(fp, nullptr); }
std::string DedupIndex::encode_v1(const DedupFingerprint& fp, uint64_t copies) { return encode_value(fp, &copies); }

bool DedupIndex::decode(std::string_view in, DedupFingerprint& fp, uint64_t& copies) {
  const bool v1 = in.starts_with("v1 ");
  if (!v1 && !in.starts_with("v2 ")) return false;
  in.remove_prefix(3);
  uint64_t v = 0;
  auto field = [&](size_t digits, uint64_t& out) {
    if (!parse_hex(in, out, digits)) return false;
    if (!in.empty() && in.front() == ' ') in.remove_prefix(1);
    return true;
  };
  if (!field(16, v)) return false;
  fp.time_ms = static_cast<int64_t>(v);
  if (!field(16, fp.url_hash) || !field(16, fp.content_hash) || !field(8, v)) return false;
  fp.shingles = static_cast<uint32_t>(v);
  copies = 0;
  if (v1 && (!field(16, copies) || copies == 0)) return false;
  if (!field(8, v)) return false;
  fp.origin = static_cast<uint32_t>(v);
  for (auto& b : fp.bands) {
    if (!parse_hex(in, v, 8)) return false;
    b = static_cast<uint32_t>(v);
  }
  if (in.empty() || in.front() != ' ') return false;
  in.remove_prefix(1);
  for (auto& s : fp.sketch) {
    if (!parse_hex(in, v, 2)) return false;
    s = static_cast<uint8_t>(v);
  }
  return in.empty();
}

// "v2 copies", hex.
std::string DedupIndex::encode_copies(uint64_t copies) {
  std::string out = "v2 ";
  append_hex(out, copies, 16);
  return out;
}

bool DedupIndex::decode_copies(std::string_view in, uint64_t& copies) {
  if (!in.starts_with("v2 ")) return false;
  in.remove_prefix(3);
  return parse_hex(in, copies, 16) && in.empty() && copies > 0;
}

}  // namespace newsflow::processors
