#include "quotes/quote_scanner.hpp"

#include <emmintrin.h>
#include <array>

#include "text/tokenizer.hpp"

namespace newsflow::processors::quotes {

uint32_t decode_at(std::string_view s, size_t i, size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  auto cont = [&](size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if ((b0 & 0xE0) == 0xC0 && cont(1)) {
    len = 2;
    return ((b0 & 0x1Fu) << 6) | byte(1);
  }
  if ((b0 & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    len = 3;
    return ((b0 & 0x0Fu) << 12) | (byte(1) << 6) | byte(2);
  }
  if ((b0 & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
    len = 4;
    return ((b0 & 0x07u) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
  }
  return 0xFFFD;
}

bool is_letter(uint32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0xC0 && cp < 0x2000) return true;  // Latin, Greek, Cyrillic, ...
  return cp >= 0x3040 && cp < 0xFFF0 && !(cp >= 0xFE30 && cp < 0xFE50);
}

bool is_upper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp < 0x180) {
    // Latin Extended-A pairs upper and lower case, but the pairs start on an
    // odd code point from Ĺ to ň and from Ź to ž ("Łukasz", "Żaneta"), and
    // ĸ, ŉ and ſ have no capital.
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    if (cp == 0x178) return true;  // Ÿ
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
    return cp % 2 == 0;
  }
  if (cp >= 0x218 && cp <= 0x21B) return cp % 2 == 0;  // Romanian Ș, Ț ("Ștefan", "Țiriac")
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

namespace {

enum class Family : uint8_t {
  double_curly,   // “ … ”
  double_low,     // „ … “ (German)
  guillemet,      // « … »
  guillemet_rev,  // » … « (German, Danish)
  single_curly,   // ‘ … ’
  single_low,     // ‚ … ‘
  single_guil,    // ‹ … ›
  single_guil_rev,
  straight_double,
  straight_single,
};

bool is_space(uint32_t cp) { return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0; }
bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_alnum(uint32_t cp) { return is_letter(cp) || is_digit(cp); }
bool is_quote_glyph(uint32_t cp) {
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x2018: case 0x2019: case 0x201A:
    case 0xAB: case 0xBB: case 0x2039: case 0x203A: case '"': case '\'':
      return true;
    default:
      return false;
  }
}
// Where an opening mark may stand: start, after space, bracket, dash or another mark.
bool open_boundary(uint32_t prev) {
  return prev == 0 || is_space(prev) || prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013 ||
         prev == '-' || prev == '/' || is_quote_glyph(prev);
}

struct Context {
  uint32_t prev = 0;   // 0 at start of text
  uint32_t next = 0;   // 0 at end of text
  uint32_t next2 = 0;  // the code point after next
};

bool can_open(const Context& c) { return c.next != 0 && !is_space(c.next); }
bool can_close(const Context& c) { return c.prev != 0 && !is_space(c.prev); }
bool word_internal(const Context& c) { return is_alnum(c.prev) && is_alnum(c.next); }

// A closing single mark after "s" followed by a lower-case word is more often
// a plural possessive ("the allies’ positions") than the end of a quote.
bool plural_possessive(const Context& c) {
  return (c.prev == 's' || c.prev == 'S') && c.next == ' ' && c.next2 >= 'a' && c.next2 <= 'z';
}

bool opens(uint32_t cp, const Context& c, Family& family) {
  // French sets guillemets off with spaces: « Nous allons gagner. »
  if (cp == 0xAB && c.next != 0) {
    family = Family::guillemet;
    return true;
  }
  if (!can_open(c)) return false;
  switch (cp) {
    case 0x201C: family = Family::double_curly; return true;
    case 0x201E: family = Family::double_low; return true;
    case 0xAB: family = Family::guillemet; return true;
    case 0xBB: family = Family::guillemet_rev; return open_boundary(c.prev);
    case 0x2018: family = Family::single_curly; return !is_digit(c.next) && !is_alnum(c.prev);
    case 0x201A: family = Family::single_low; return open_boundary(c.prev);
    case 0x2039: family = Family::single_guil; return true;
    case 0x203A: family = Family::single_guil_rev; return open_boundary(c.prev);
    case '"': family = Family::straight_double; return open_boundary(c.prev);
    case '\'': family = Family::straight_single; return open_boundary(c.prev) && is_letter(c.next);
    default: return false;
  }
}

bool closes(uint32_t cp, Family family, const Context& c, bool later_single_close) {
  if (family == Family::guillemet && cp == 0xBB) return c.prev != 0;
  if (!can_close(c)) {
    // A closer after a space: "… ‘we will act,’ ” he said" (a space between
    // nested closers) and '… still there. "' ending a paragraph. A ” never
    // opens an English quotation, and a straight mark with nothing after it
    // cannot open one.
    if (c.prev == 0) return false;
    if (family == Family::double_curly) return cp == 0x201D;
    return family == Family::straight_double && cp == '"' && (c.next == 0 || c.next == '\n');
  }
  const bool single_closer_ok =
      !word_internal(c) && !(plural_possessive(c) && later_single_close);
  switch (family) {
    case Family::double_curly: return cp == 0x201D;
    case Family::double_low: return cp == 0x201C || cp == 0x201D;
    case Family::guillemet: return cp == 0xBB;
    case Family::guillemet_rev: return cp == 0xAB;
    case Family::single_curly: return cp == 0x2019 && single_closer_ok;
    case Family::single_low: return (cp == 0x2018 || cp == 0x2019) && single_closer_ok;
    case Family::single_guil: return cp == 0x203A;
    case Family::single_guil_rev: return cp == 0x2039;
    case Family::straight_double: return cp == '"';
    case Family::straight_single: return cp == '\'' && single_closer_ok;
  }
  return false;
}

// The mark a continued paragraph opens with, for each family.
bool continues(Family family, uint32_t cp) {
  switch (family) {
    case Family::double_curly: return cp == 0x201C;
    case Family::double_low: return cp == 0x201E;
    case Family::guillemet: return cp == 0xAB || cp == 0xBB;
    case Family::guillemet_rev: return cp == 0xBB;
    case Family::single_curly: return cp == 0x2018;
    case Family::single_low: return cp == 0x201A;
    case Family::single_guil: return cp == 0x2039;
    case Family::single_guil_rev: return cp == 0x203A;
    case Family::straight_double: return cp == '"';
    case Family::straight_single: return cp == '\'';
  }
  return false;
}

bool single_family(Family f) {
  return f == Family::single_curly || f == Family::single_low || f == Family::straight_single;
}

constexpr size_t kMaxInner = 8;

// An opening mark right after a sentence's end and one space, inside an open
// quotation: "... I ran to help. "I should not ...".
bool glued_paragraph(std::string_view text, size_t i) {
  if (i < 3 || text[i - 1] != ' ') return false;
  const char end = text[i - 2];
  return end == '.' || end == '?' || end == '!';
}

// SWAR byte tests over eight bytes at once: nonzero iff some byte of v is
// zero (exact as a yes/no answer; only the flagged position may be wrong).
constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;
inline uint64_t zero_byte(uint64_t v) { return (v - kOnes) & ~v & kHighs; }
inline uint64_t byte_eq(uint64_t v, unsigned char c) { return zero_byte(v ^ (kOnes * c)); }
// A byte the scanner must look at: a newline, a straight mark or any byte of
// a multi-byte UTF-8 sequence.
// Its lowest set bit is exact (a zero-byte test only errs above a true hit).
inline uint64_t scan_worthy(uint64_t v) {
  return (v & kHighs) | byte_eq(v, '\n') | byte_eq(v, '"') | byte_eq(v, '\'');
}
// scan_worthy over sixteen bytes: a bit per byte, in text order.
inline unsigned worthy16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i marks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
  return static_cast<unsigned>(_mm_movemask_epi8(v) | _mm_movemask_epi8(marks));
}
inline bool plain_byte(unsigned char b) { return b < 0x80 && b != '\n' && b != '"' && b != '\''; }
// A byte that may be (the last byte of) a single closer: ', or the last byte
// of U+2019 / U+2018.
inline bool single_close_byte(uint64_t v) { return (byte_eq(v, '\'') | byte_eq(v, 0x99) | byte_eq(v, 0x98)) != 0; }

}  // namespace

void scan_quotes(std::string_view text, std::vector<QuoteSpan>& out) {
  bool open = false;
  Family family = Family::double_curly;
  QuoteSpan current;
  std::array<Family, kMaxInner> inner{};
  size_t depth = 0;
  // Last byte of the current paragraph that could close a single quote; the
  // plural-possessive rule applies only when another closer follows.
  size_t paragraph_end = 0;
  size_t last_single_close = 0;
  bool have_single_close = false;

  // The paragraph's last single closer is found only when a mark first
  // needs it: most paragraphs have none of the marks it matters for.
  size_t paragraph_start = 0;
  bool single_close_known = false;
  auto start_paragraph = [&](size_t i) {
    paragraph_start = i;
    paragraph_end = text.find('\n', i);
    if (paragraph_end == std::string_view::npos) paragraph_end = text.size();
    single_close_known = false;
  };
  auto find_single_close = [&] {
    single_close_known = true;
    have_single_close = false;
    const size_t i = paragraph_start;
    size_t k = paragraph_end;
    // Eight bytes at a time back to the last block holding a candidate byte.
    while (k >= i + 8 && !single_close_byte(text::load8(text.data() + k - 8))) k -= 8;
    while (k > i) {
      --k;
      const auto b = static_cast<unsigned char>(text[k]);
      if (b == '\'' || (b == 0x99 && k >= 2 && text.compare(k - 2, 3, "\u2019") == 0) ||
          (b == 0x98 && k >= 2 && text.compare(k - 2, 3, "\u2018") == 0)) {
        last_single_close = k;
        have_single_close = true;
        break;
      }
    }
  };
  start_paragraph(0);

  uint32_t prev = 0;
  size_t i = 0;
  while (i < text.size()) {
    // Most bytes are ASCII letters and spaces: skip them without decoding.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (plain_byte(byte)) {
      prev = byte;
      ++i;
      // In a run of them, the rest goes eight at a time, straight to the
      // first byte the scanner looks at. (Only in a run: between dense
      // marks, "“ « ‘", a block test per lone space cost more.)
      if (i + 8 <= text.size() && plain_byte(static_cast<unsigned char>(text[i]))) {
        // Sixteen bytes a step (SSE2), then at most one step of eight;
        // whatever is left goes byte by byte above.
        size_t j = i;
        unsigned hit = 0;
        while (j + 16 <= text.size() && (hit = worthy16(text.data() + j)) == 0) j += 16;
        if (hit != 0) {
          j += static_cast<size_t>(__builtin_ctz(hit));
        } else if (j + 8 <= text.size()) {
          const uint64_t worthy = scan_worthy(text::load8(text.data() + j));
          j += worthy == 0 ? 8 : static_cast<size_t>(__builtin_ctzll(worthy)) / 8;
        }
        prev = static_cast<unsigned char>(text[j - 1]);
        i = j;
      }
      continue;
    }
    size_t len = 0;
    const uint32_t cp = decode_at(text, i, len);
    if (cp == '\n') {
      size_t j = i;
      while (j < text.size() && (text[j] == '\n' || text[j] == ' ')) ++j;
      if (open) {
        size_t next_len = 0;
        const uint32_t first = j < text.size() ? decode_at(text, j, next_len) : 0;
        if (first != 0 && continues(family, first)) {
          current.multi_paragraph = true;
          depth = 0;
          start_paragraph(j);
          prev = first;
          i = j + next_len;
          continue;
        }
        open = false;  // unclosed: dropped at the paragraph end
      }
      start_paragraph(j);
      prev = '\n';
      i = j;
      continue;
    }
    if (!is_quote_glyph(cp)) {
      prev = cp;
      i += len;
      continue;
    }
    Context c;
    c.prev = prev;
    size_t next_len = 0;
    if (i + len < text.size()) {
      c.next = decode_at(text, i + len, next_len);
      if (i + len + next_len < text.size()) {
        size_t l2 = 0;
        c.next2 = decode_at(text, i + len + next_len, l2);
      }
    }
    if (!single_close_known) find_single_close();
    const bool later_single_close = have_single_close && last_single_close > i;
    Family opened{};
    if (open) {
      if (depth > 0 && closes(cp, inner[depth - 1], c, later_single_close)) {
        --depth;
      } else if (closes(cp, family, c, later_single_close)) {
        current.end = static_cast<uint32_t>(i);
        current.close_end = static_cast<uint32_t>(i + len);
        out.push_back(current);
        open = false;
        depth = 0;
      } else if (opens(cp, c, opened)) {
        if (opened == family && glued_paragraph(text, i)) {
          // '"... to help. "I should not have gone.' : paragraphs that the
          // page lost the breaks between, each opening with a mark, are one
          // quotation, as they are across real paragraph breaks.
          current.multi_paragraph = true;
          depth = 0;
        } else if (opened == family || (single_family(opened) && single_family(family))) {
          // The same style opening again means the earlier mark was never
          // closed: start over from here.
          current = QuoteSpan{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), 0, 0, false};
          depth = 0;
        } else if (depth < kMaxInner) {
          inner[depth++] = opened;
        }
      }
    } else if (opens(cp, c, opened)) {
      open = true;
      family = opened;
      depth = 0;
      current = QuoteSpan{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), 0, 0, false};
    }
    prev = cp;
    i += len;
  }
}

}  // namespace newsflow::processors::quotes
