#include "newsflow/processors/text_util.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include <emmintrin.h>

namespace newsflow::processors {
namespace {

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Named entities seen in scraped news; anything else is left as written.
constexpr std::array<std::pair<std::string_view, uint32_t>, 52> kEntities = {{
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},         {"quot", '"'},      {"apos", '\''},
    {"nbsp", 0xA0},     {"ndash", 0x2013},  {"mdash", 0x2014},   {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},   {"sbquo", 0x201A},  {"bdquo", 0x201E},
    {"laquo", 0xAB},    {"raquo", 0xBB},    {"lsaquo", 0x2039},  {"rsaquo", 0x203A}, {"copy", 0xA9},
    {"reg", 0xAE},      {"trade", 0x2122},  {"euro", 0x20AC},    {"pound", 0xA3},    {"yen", 0xA5},
    {"cent", 0xA2},     {"deg", 0xB0},      {"middot", 0xB7},    {"bull", 0x2022},   {"eacute", 0xE9},
    {"egrave", 0xE8},   {"aacute", 0xE1},   {"agrave", 0xE0},    {"iacute", 0xED},   {"oacute", 0xF3},
    {"uacute", 0xFA},   {"ntilde", 0xF1},   {"ccedil", 0xE7},    {"auml", 0xE4},     {"ouml", 0xF6},
    {"uuml", 0xFC},     {"szlig", 0xDF},    {"Eacute", 0xC9},    {"Auml", 0xC4},     {"Ouml", 0xD6},
    {"Uuml", 0xDC},     {"thinsp", 0x2009}, {"ensp", 0x2002},    {"emsp", 0x2003},   {"zwj", 0x200D},
    {"zwnj", 0x200C},   {"shy", 0xAD},
}};

bool is_block_tag(std::string_view name) {
  static constexpr std::string_view blocks[] = {"p",  "br", "div", "li", "ul",  "ol",   "h1",      "h2",
                                                "h3", "h4", "h5",  "h6", "tr",  "table", "blockquote", "section",
                                                "article", "header", "footer", "figcaption", "hr"};
  return std::find(std::begin(blocks), std::end(blocks), name) != std::end(blocks);
}

// Removes tags; returns the input unchanged when it holds no markup.
std::string strip_tags(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (c != '<' || i + 1 >= in.size() || !(ascii_alpha(in[i + 1]) || in[i + 1] == '/' || in[i + 1] == '!')) {
      out.push_back(c);
      ++i;
      continue;
    }
    const size_t close = in.find('>', i);
    if (close == std::string_view::npos) {  // a lone '<' in prose
      out.append(in.substr(i));
      break;
    }
    size_t n = i + 1 + (in[i + 1] == '/' ? 1 : 0);
    std::string name;
    while (n < close && (ascii_alpha(in[n]) || (in[n] >= '0' && in[n] <= '9'))) name.push_back(ascii_lower(in[n++]));
    if ((name == "script" || name == "style") && in[i + 1] != '/') {
      const std::string end_tag = "</" + name;
      size_t end = i;
      // Case-insensitive search for the closing tag.
      for (end = close; end < in.size(); ++end) {
        if (in[end] != '<' || end + end_tag.size() > in.size()) continue;
        bool match = true;
        for (size_t k = 0; k < end_tag.size() && match; ++k) match = ascii_lower(in[end + k]) == end_tag[k];
        if (match) break;
      }
      const size_t end_close = end < in.size() ? in.find('>', end) : std::string_view::npos;
      i = end_close == std::string_view::npos ? in.size() : end_close + 1;
      continue;
    }
    if (is_block_tag(name)) out.push_back('\n');
    i = close + 1;
  }
  return out;
}

bool looks_like_markup(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos && i + 1 < s.size(); i = s.find('<', i + 1)) {
    const char n = s[i + 1];
    if (ascii_alpha(n) || n == '/' || n == '!') return true;
  }
  return false;
}

// Decodes one entity starting at s[i] == '&'. Returns bytes consumed, 0 if none.
size_t decode_entity(std::string_view s, size_t i, std::string& out) {
  const size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) return 0;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  uint32_t cp = 0;
  if (name.front() == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char d : digits) {
      uint32_t v;
      if (d >= '0' && d <= '9')
        v = d - '0';
      else if (hex && d >= 'a' && d <= 'f')
        v = d - 'a' + 10;
      else if (hex && d >= 'A' && d <= 'F')
        v = d - 'A' + 10;
      else
        return 0;
      cp = cp * (hex ? 16 : 10) + v;
      if (cp > 0x10FFFF) return 0;
    }
  } else {
    auto it = std::find_if(kEntities.begin(), kEntities.end(), [&](const auto& e) { return e.first == name; });
    if (it == kEntities.end()) return 0;
    cp = it->second;
  }
  append_utf8(out, cp);
  return semi - i + 1;
}

enum class Space { none, space, newline, drop };

// Classifies the character at s[i]; sets len to its byte length.
Space classify(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  len = 1;
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return Space::space;
  if (c == '\n') return Space::newline;
  if (c == '\r') return Space::newline;
  if (c < 0x80) return Space::none;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return Space::space;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xAD) {  // soft hyphen
    len = 2;
    return Space::drop;
  }
  if ((c == 0xE2 || c == 0xE3 || c == 0xEF) && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    len = 3;
    if (c == 0xE2 && b1 == 0x80) {
      if (b2 <= 0x8A || b2 == 0xAF) return Space::space;          // U+2000..U+200A, U+202F
      if (b2 >= 0x8B && b2 <= 0x8D) return Space::drop;           // zero-width space/joiners
      if (b2 == 0xA8 || b2 == 0xA9) return Space::newline;        // line/paragraph separator
    }
    if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) return Space::space;  // U+205F
    if (c == 0xE2 && b1 == 0x81 && b2 == 0xA0) return Space::drop;   // word joiner
    if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return Space::space;  // ideographic space
    if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return Space::drop;   // BOM
  }
  len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return Space::none;
}

// Where clean_body's fast path stops: the end of the run of printable ASCII
// starting at i, a single space between two of its bytes included. Sixteen
// bytes per compare where seventeen are readable (a space's byte after it
// decides): a byte loop with two branches per byte was most of normalize's
// time, and a line of prose is one run of a few hundred bytes.
size_t printable_run_end(std::string_view body, size_t i) {
  const char* const s = body.data();
  const size_t n = body.size();
  auto printable = [&](size_t k) {
    return k < n && static_cast<unsigned char>(s[k]) > 0x20 && static_cast<unsigned char>(s[k]) < 0x80;
  };
  size_t run = i;
  // A space may not open the run.
  uint32_t first_space = 1;
  while (run + 17 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + run));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + run + 1));
    // Signed compares: bytes from 0x80 up are negative, so not above 0x20.
    const __m128i above_space = _mm_set1_epi8(0x20);
    const auto p = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(v, above_space)));
    const auto p_next = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpgt_epi8(next, above_space)));
    const auto space = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, above_space)));
    const uint32_t ok = p | (space & p_next & ~first_space);
    const uint32_t stop = ~ok & 0xFFFF;
    if (stop != 0) return run + static_cast<size_t>(__builtin_ctz(stop));
    run += 16;
    first_space = 0;
  }
  while (printable(run) || (run > i && s[run] == ' ' && printable(run + 1))) ++run;
  return run;
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

void append_utf8(std::string& out, uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    // As in clean_body: a run of printable ASCII, single spaces inside it,
    // is what the loop below would write for it, in one append (every
    // article's title comes through here, a call to classify per byte).
    if (const size_t run = printable_run_end(s, i); run > i) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    size_t len;
    const Space kind = classify(s, i, len);
    if (kind == Space::space || kind == Space::newline) {
      pending_space = !out.empty();
    } else if (kind == Space::none) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

void clean_body(std::string_view body, std::string& out) {
  std::string stripped;
  if (looks_like_markup(body)) {
    stripped = strip_tags(body);
    body = stripped;
  }
  // Entities first (into a scratch buffer), so an encoded &nbsp; folds like a real one.
  std::string decoded;
  if (body.find('&') != std::string_view::npos) {
    decoded.reserve(body.size());
    size_t copied = 0;
    for (size_t amp = body.find('&'); amp != std::string_view::npos; amp = body.find('&', amp + 1)) {
      decoded.append(body.substr(copied, amp - copied));
      const size_t used = decode_entity(body, amp, decoded);
      if (used == 0) {
        decoded.push_back('&');
        copied = amp + 1;
      } else {
        copied = amp + used;
        amp += used - 1;
      }
    }
    decoded.append(body.substr(copied));
    body = decoded;
  }
  out.reserve(out.size() + body.size());
  bool pending_space = false;
  bool line_start = true;
  for (size_t i = 0; i < body.size();) {
    // Fast path: a run of printable ASCII is copied in one go, single spaces
    // between words included (the slow path would write the same space: it
    // is pending after a word and written before the next one), so a line is
    // one append instead of one per word.
    const size_t run = printable_run_end(body, i);
    if (run > i) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      line_start = false;
      out.append(body.data() + i, run - i);
      i = run;
      continue;
    }
    size_t len;
    const Space kind = classify(body, i, len);
    switch (kind) {
      case Space::space: pending_space = !line_start; break;
      case Space::newline:
        out.push_back('\n');
        pending_space = false;
        line_start = true;
        break;
      case Space::drop: break;
      case Space::none:
        if (pending_space) out.push_back(' ');
        pending_space = false;
        line_start = false;
        out.append(body.data() + i, len);
        break;
    }
    i += len;
  }
}

void split_lines(std::string_view text, std::vector<std::string_view>& lines) {
  lines.clear();
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(line);
    start = end + 1;
  }
}

}  // namespace newsflow::processors
