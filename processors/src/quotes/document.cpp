// The quotes processor's tokenizer: one pass over the text outside the
// quotations, each quotation becoming one token, then sentence ends.
#include "quotes/document.hpp"

#include <emmintrin.h>

#include "text/tokenizer.hpp"

namespace newsflow::processors::quotes {

namespace {

bool ascii_alnum(unsigned char b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

// The length of the run of ASCII letters and digits that opens the eight
// bytes v (little-endian), adding its letters and capitals to the counts:
// most words are plain ASCII, and a byte loop was most of read_word.
size_t ascii_alnum_run(uint64_t v, size_t& letters, size_t& uppers) {
  const uint64_t up = text::ascii_range_bits(v, 'A', 'Z');
  const uint64_t alpha = up | text::ascii_range_bits(v, 'a', 'z');
  const uint64_t alnum = alpha | text::ascii_range_bits(v, '0', '9');
  const uint64_t stop = ~alnum & 0x8080808080808080ull;
  const size_t run = stop == 0 ? 8 : static_cast<size_t>(__builtin_ctzll(stop)) / 8;
  const uint64_t keep = run == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * run)) - 1;
  letters += static_cast<size_t>(__builtin_popcountll(alpha & keep));
  uppers += static_cast<size_t>(__builtin_popcountll(up & keep));
  return run;
}

}  // namespace

void Document::find_quotations(std::string_view article_text) {
  text = article_text;
  spans.clear();
  tokens.clear();
  scan_quotes(text, spans);
}

void Document::tokenize_and_mark() {
  tokenize();
  mark_sentences();
}

// ---------------------------------------------------------------- tokens
void Document::tokenize() {
  tokens.clear();
  size_t next_span = 0;
  // One compare per byte for "a quotation opens here".
  const auto open_of = [&](size_t k) { return k < spans.size() ? size_t{spans[k].open} : SIZE_MAX; };
  size_t next_open = open_of(0);
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (i >= next_open) {
      Token t;
      t.kind = Tok::quote;
      t.start = spans[next_span].open;
      t.end = spans[next_span].close_end;
      t.quote = static_cast<uint32_t>(next_span);
      tokens.push_back(t);
      i = spans[next_span].close_end;
      next_open = open_of(++next_span);
      continue;
    }
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '\n') {
      if (tokens.empty() || tokens.back().kind != Tok::para) push_punct(Tok::para, i, i + 1);
      ++i;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && ascii_alnum(byte)) {
      const size_t end = short_words ? read_short_word(i) : 0;
      i = end != 0 ? end : read_word(i);
      // Most words are followed by one space: step over it here rather than
      // in a round of the loop (a space never opens a quotation).
      if (i < n && text[i] == ' ') ++i;
      continue;
    }
    size_t len = 0;
    const uint32_t cp = decode_at(text, i, len);
    if (is_letter(cp) || (cp >= '0' && cp <= '9')) {
      i = read_word(i);
      continue;
    }
    switch (cp) {
      case ',': push_punct(Tok::comma, i, i + len); break;
      case ':': case ';': push_punct(Tok::colon, i, i + len); break;
      case '.': case '!': case '?': case 0x2026: push_punct(Tok::terminal, i, i + len); break;
      case 0x2014: case 0x2013: push_punct(Tok::dash, i, i + len); break;
      case '-':
        if (i + 1 < n && text[i + 1] == ' ') push_punct(Tok::dash, i, i + len);
        break;
      case '(': case ')': case '[': case ']': push_punct(Tok::paren, i, i + len); break;
      default: break;  // stray marks and symbols carry no attribution
    }
    i += len;
  }
}

void Document::push_punct(Tok kind, size_t start, size_t end) {
  Token t;
  t.kind = kind;
  t.start = static_cast<uint32_t>(start);
  t.end = static_cast<uint32_t>(end);
  tokens.push_back(t);
}

// The length of the pronoun ending a French inverted verb ("dit-il" -> 2,
// "a-t-elle" -> 4), or 0.
static size_t inverted_pronoun(std::string_view w) {
  if (w.size() > 3 && w.ends_with("-il")) return 2;
  if (w.size() > 5 && w.ends_with("-elle")) return 4;
  return 0;
}

// Letters, digits, inner hyphens, apostrophes and dots ("U.S.", "don't").
// Flattened: GCC kept the word's hash (text::fold_hash, for the class
// lookup) and the token's push_back out of line, two calls per word of every
// article; inlined, the processor runs 3 % fewer instructions.
[[gnu::flatten]] size_t Document::read_word(size_t i) {
  const size_t begin = i;
  size_t letters = 0, uppers = 0;
  bool inner_dot = false;
  size_t len = 0;
  // Most words start with an ASCII byte: no call to decode it.
  const auto lead = static_cast<unsigned char>(text[i]);
  bool upper = lead < 0x80 ? (lead >= 'A' && lead <= 'Z') : is_upper(decode_at(text, i, len));
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && i + 8 <= text.size()) {
      const size_t run = ascii_alnum_run(text::load8(text.data() + i), letters, uppers);
      i += run;
      if (run == 8) continue;
      // The byte that stopped the run (i is still inside the eight bytes) is
      // handled below at once: a second run from it would find nothing.
      byte = static_cast<unsigned char>(text[i]);
    } else if (byte < 0x80 && ascii_alnum(byte)) {  // the last seven bytes of the text
      if (byte > '9') {
        ++letters;
        if (byte <= 'Z') ++uppers;
      }
      ++i;
      continue;
    }
    uint32_t cp = byte;
    len = 1;
    if (byte >= 0x80) {
      cp = decode_at(text, i, len);
      if (is_letter(cp)) {  // a decoded code point is never an ASCII digit
        ++letters;
        if (is_upper(cp)) ++uppers;
        i += len;
        continue;
      }
    }
    if (cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.' || cp == '&') {
      size_t nlen = 0;
      const uint32_t next = i + len < text.size() ? decode_at(text, i + len, nlen) : 0;
      if (is_letter(next) || (next >= '0' && next <= '9' && cp != '.')) {
        if (cp == '.') inner_dot = true;
        i += len;
        continue;
      }
    }
    break;
  }
  Token t;
  t.kind = Tok::word;
  t.start = static_cast<uint32_t>(begin);
  t.end = static_cast<uint32_t>(i);
  std::string_view w = text.substr(t.start, t.end - t.start);
  // French inverted subjects ("a-t-il", "dit-elle", "ajoute-t-il") are a
  // verb and its pronoun: two words, so that the verb may be a cue and the
  // pronoun resolve as "he said" does.
  if (const size_t pronoun = inverted_pronoun(w); pronoun != 0) [[unlikely]] {
    size_t verb = w.size() - pronoun - 1;
    if (w.substr(0, verb).ends_with("-t")) verb -= 2;
    Token v = t;
    v.end = static_cast<uint32_t>(begin + verb);
    v.classes = classes_of_part(w.substr(0, verb));
    v.upper = upper;
    v.index_hint = static_cast<uint32_t>(tokens.size());
    tokens.push_back(v);
    t.start = static_cast<uint32_t>(i - pronoun);
    w = text.substr(t.start, pronoun);
    letters = uppers = 0;
    upper = false;
  }
  t.classes = rules->classes(w, text.data() + text.size());
  // "l'avocat": the French elided article leaves the noun's classes.
  if (t.classes == 0 && w.size() > 3 && (w[0] == 'l' || w[0] == 'L')) {
    const size_t noun = w[1] == '\'' ? 2 : w.substr(1).starts_with("\u2019") ? 4 : 0;
    if (noun != 0 && noun < w.size()) {
      t.classes = classes_of_part(w.substr(noun));
      if (t.classes != 0 && !(w[noun] >= 'A' && w[noun] <= 'Z')) upper = false;
    }
  }
  // "sagten sie" is "they said": after a plural verb "sie" is no "she".
  if ((t.classes & kFemalePronoun) && (w == "sie" || w == "Sie") && !tokens.empty() &&
      tokens.back().kind == Tok::word && word_at(static_cast<uint32_t>(tokens.size() - 1)).ends_with("en"))
    t.classes &= ~kFemalePronoun;
  // "Polizeisprecherin": a German compound ending in a role is that role.
  if (t.classes == 0 && upper && w.size() > 8 && rules->role_compound(w)) t.classes = kTitle;
  // "Fourteen-year-old Zoe": an age spelt out at a sentence start is no name word.
  if (upper && t.classes == 0 && w.size() > 12 && w.ends_with("-year-old")) [[unlikely]] t.classes = kNotName;
  t.upper = upper;
  t.acronym = letters >= 2 && uppers == letters;
  // Dotted single capitals ("A.Q.", "U.S."): initials before a name.
  t.initials = inner_dot && t.acronym && letters <= 3 && (i - begin) == 2 * letters - 1;
  t.possessive = w.ends_with("'s") || w.ends_with("\u2019s") || w.ends_with("s\u2019");
  // "She's said", "he's told": a contracted he/she is the pronoun, no owner.
  if (t.possessive && t.classes == 0 && w.size() <= 7 && (w[0] == 'h' || w[0] == 'H' || w[0] == 's' || w[0] == 'S')) {
    const uint32_t part = classes_of_part(w.substr(0, w.size() - (w.ends_with("'s") ? 2 : 4)));
    if (part & (kMalePronoun | kFemalePronoun)) {
      t.classes = part;
      t.possessive = false;
    }
  }
  // A dot after an abbreviation, an initial or "U.S" belongs to the word
  // and does not end the sentence.
  if (i < text.size() && text[i] == '.' &&
      (inner_dot || (t.classes & kAbbreviation) || (t.classes & kHonorific) || (letters == 1 && t.upper) ||
       (t.classes & kTitle && w.size() <= 4))) {
    ++i;
    t.end = static_cast<uint32_t>(i);
    // "Wayne A. I. Frederick": a capital initial is a name word, though "a"
    // and "i" alone are function words.
    if (letters == 1 && t.upper && w.size() == 1) t.classes &= ~kNotName;
  }
  t.index_hint = static_cast<uint32_t>(tokens.size());
  tokens.push_back(t);
  return i;
}

// Most words (97 % on the evaluation sets) are up to fifteen ASCII letters
// and digits ended by a space or punctuation that cannot join the word: one
// sixteen-byte load gives the word, its letter counts, its folded bytes for
// the table and its end. What read_word's general loop would conclude for
// such a word follows from that alone: no inner dot, hyphen or apostrophe,
// so no French pronoun or elision, no possessive and no initials. Returns
// the position after the word, or 0 when the word is not of that shape or
// lies in the text's last fifteen bytes (read_word then reads it in full).
// SSE2 byte tests: the same tests in 64-bit SWAR took ~130 instructions a
// word with their constants, and the out-of-line push_back another call.
[[gnu::always_inline]] inline size_t Document::read_short_word(size_t i) {
  // The text's last fifteen bytes go to the general reader.
  if (i + 16 > text.size()) return 0;
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
  // Each range test moves its range to the bottom of the signed bytes, where
  // one compare finds it; bytes 0x80 and up fall outside every range.
  const auto below = [](__m128i x, char from, char limit) {
    return _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(-128 + limit)),
                          _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - from))));
  };
  const __m128i upper = below(v, 'A', 26);
  const __m128i letter = below(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
  const auto alnum = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, below(v, '0', 10))));
  const auto run = static_cast<size_t>(__builtin_ctz(~alnum));
  if (run == 16) return 0;
  const size_t end = i + run;
  const auto after = static_cast<unsigned char>(text[end]);
  if (after >= 0x80) return 0;
  if (after == '-' || after == '\'' || after == '.' || after == '&') {
    // Joined to a letter (or, but after a dot, a digit) the word goes on;
    // a non-ASCII byte after the mark may be a letter.
    if (end + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[end + 1]);
      if (next >= 0x80 || ((next | 0x20) >= 'a' && (next | 0x20) <= 'z') ||
          (after != '.' && next >= '0' && next <= '9'))
        return 0;
    }
  }
  const unsigned keep = (1u << run) - 1;  // run < 16
  const auto up_bits = static_cast<unsigned>(_mm_movemask_epi8(upper));
  const int letters = __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(letter)) & keep);
  const int uppers = __builtin_popcount(up_bits & keep);
  const std::string_view w(text.data() + i, run);
  const __m128i folded = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  uint32_t classes = rules->classes_of_short(w, static_cast<uint64_t>(_mm_cvtsi128_si64(folded)),
                                             static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded))));
  if ((classes & kFemalePronoun) && (w == "sie" || w == "Sie") && !tokens.empty() &&
      tokens.back().kind == Tok::word && word_at(static_cast<uint32_t>(tokens.size() - 1)).ends_with("en"))
    classes &= ~kFemalePronoun;
  const bool capital = (up_bits & 1) != 0;
  if (classes == 0 && capital && run > 8 && rules->role_compound(w)) classes = kTitle;
  size_t next = end;
  if (after == '.' && ((classes & (kAbbreviation | kHonorific)) || (letters == 1 && capital) ||
                       (classes & kTitle && run <= 4))) {
    ++next;
    if (letters == 1 && capital && run == 1) classes &= ~kNotName;  // the initial "A." (see read_word)
  }
  const auto index = static_cast<uint32_t>(tokens.size());
  Token& t = tokens.emplace_back();
  t.kind = Tok::word;
  t.start = static_cast<uint32_t>(i);
  t.end = static_cast<uint32_t>(next);
  t.classes = classes;
  t.upper = capital;
  t.acronym = letters >= 2 && uppers == letters;
  t.index_hint = index;
  return next;
}

// Out of line: the word reader's one inline lookup is the hot one; parts of
// words ("dit" of "dit-il", "avocat" of "l'avocat") are rare.
[[gnu::noinline]] uint32_t Document::classes_of_part(std::string_view part) const { return rules->classes(part); }

void Document::lower_word(const Token& t) const {
  lower.assign(text.data() + t.start, t.end - t.start);
  for (char& ch : lower)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
}

std::string_view Document::span_text(uint32_t from_tok, uint32_t to_tok) const {
  return std::string_view(text).substr(tokens[from_tok].start, tokens[to_tok].end - tokens[from_tok].start);
}

// Inner text of a quotation without surrounding spaces.
std::string_view Document::inner(const QuoteSpan& s) const {
  std::string_view v = std::string_view(text).substr(s.start, s.end - s.start);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\n')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\n')) v.remove_suffix(1);
  return v;
}

bool Document::ends_terminal(std::string_view v) {
  // A nested quotation that closes with the outer one ("... she asked me,
  // 'Are you coming home?'") ends where its own sentence does.
  for (int n = 0; n < 3; ++n) {
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (v.ends_with("\u2019") || v.ends_with("\u201D")) {
      v.remove_suffix(3);
    } else if (v.ends_with("'") || v.ends_with("\"")) {
      v.remove_suffix(1);
    } else {
      break;
    }
  }
  // "... absent from surveys[.]": an editor's bracketed stop ends it too.
  if (v.size() > 3 && v.back() == ']' && v[v.size() - 3] == '[') v.remove_suffix(1);
  return v.ends_with(".") || v.ends_with("!") || v.ends_with("?") || v.ends_with("\u2026");
}

void Document::mark_sentences() {
  // The token array and its size in locals: each flag stored is a bool,
  // which may alias the vector's own pointers, so tokens.size() and
  // tokens[k] were reloaded from the vector after every store.
  Token* const tk = tokens.data();
  const size_t n = tokens.size();
  for (size_t k = 0; k < n; ++k) {
    Token& t = tk[k];
    if (t.kind == Tok::terminal) {
      // "from Mt. Prospect, Ill., who ...": a dot that a comma follows closes
      // an abbreviation, not a sentence.
      t.sentence_end = k + 1 == n || tk[k + 1].kind != Tok::comma;
    } else if (t.kind == Tok::quote) {
      const std::string_view v = inner(spans[t.quote]);
      if (!ends_terminal(v)) continue;
      const bool last = k + 1 == n;
      const Token* next = last ? nullptr : &tk[k + 1];
      t.sentence_end = last || next->kind == Tok::para || next->kind == Tok::quote ||
                       (next->kind == Tok::word && next->upper);
    }
  }
  // Headlines and chrome lines are short; a photo gallery glued into one
  // paragraph ("... Hide Caption 25 of 25") still holds prose.
  constexpr size_t kMaxCaptionTokens = 24;
  size_t start = 0;
  for (size_t k = 0; k <= n; ++k) {
    if (k < n && tk[k].kind != Tok::para) continue;
    const bool caption = k > start && k - start <= kMaxCaptionTokens &&
                         (tk[k - 1].kind == Tok::word || tk[k - 1].kind == Tok::paren);
    for (size_t m = start; caption && m < k; ++m) tk[m].caption = true;
    start = k + 1;
  }
}

// First token of the clause that ends just before `k` (stops after a
// sentence end, paragraph or quotation).
uint32_t Document::region_start(uint32_t k, uint32_t max_tokens) const {
  uint32_t s = k;
  while (s > 0 && k - s < max_tokens && !boundary(s - 1)) --s;
  return s;
}

std::string_view Document::word_at(uint32_t k) const {
  return std::string_view(text).substr(tokens[k].start, tokens[k].end - tokens[k].start);
}

}  // namespace newsflow::processors::quotes
