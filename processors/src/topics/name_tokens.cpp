#include "topics/name_tokens.hpp"

#include <array>
#include <cctype>
#include <cstring>
#include <span>

namespace newsflow::processors::topics::names {

namespace {

uint32_t code_point(std::string_view s, size_t pos) {
  auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) return c;
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (n == 0 || pos + static_cast<size_t>(n) >= s.size()) return 0;
  uint32_t cp = c & (0x3F >> n);
  for (int i = 1; i <= n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + static_cast<size_t>(i)]) & 0x3F);
  return cp;
}

bool upper_code_point(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;  // Latin Extended-A pairs upper, lower
  if (cp >= 0x391 && cp <= 0x3A9) return true;          // Greek
  if (cp >= 0x410 && cp <= 0x42F) return true;          // Cyrillic
  return false;
}

bool is_apostrophe(std::string_view s, size_t i, size_t* width) {
  if (s[i] == '\'') {
    *width = 1;
    return true;
  }
  // Byte by byte: it is asked at every gap between words, and compare()
  // would call memcmp for three bytes.
  if (i + 3 <= s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && s[i + 2] == '\x99') {  // ’
    *width = 3;
    return true;
  }
  return false;
}

// What a byte says to build(), one load: kMayLead, a word starting with it
// may be capitalised (A-Z, or not ASCII: only decoding tells); kMayJoin, a
// gap starting with it may join two words ('-', '.', '\'' and the first
// byte of '’'), where four compares branched on every word.
enum : uint8_t { kMayLead = 1, kMayJoin = 2 };
constexpr auto kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kMayLead;
  for (int c = 0x80; c < 256; ++c) t[c] = kMayLead;
  t['-'] = t['.'] = t['\''] = kMayJoin;
  t[0xE2] |= kMayJoin;
  return t;
}();

}  // namespace

std::string join(std::string_view text, const NameTokens& tokens, size_t first, size_t last) {
  std::string out;
  for (size_t i = first; i <= last; ++i) {
    if (i > first) out += ' ';
    const Token t = tokens[i];
    out.append(text.substr(t.start, t.end - t.start));
    // Keep the full stop of a middle initial: "George W. Bush".
    if (i < last && t.end - t.start == 1 && t.end < text.size() && text[t.end] == '.') out += '.';
  }
  return out;
}

// Name tokens are the shared word runs (text/tokenizer.hpp) joined across
// the few gaps a name keeps inside it, so the text is not scanned byte by
// byte a second time.
void NameTokens::build(const NameWords& run, const std::vector<Span>& covered_spans, const PersonLists& lists) {
  const std::string_view text = run.text;
  words_ = &run.tokens;
  // Spans, not the vectors: recorded_.push_back could (for the compiler)
  // move any vector's pointers, so each word's read would reload them.
  const std::span<const text::Token> words(run.tokens);
  const std::span<const Span> covered(covered_spans);
  // Four slots of room past the words: the runs of plain words are written
  // four at a time.
  if (slot_.size() < words.size() + 4) slot_.resize(words.size() + 4);
  if (recorded_.size() < words.size()) recorded_.resize(words.size());
  if (starts_.size() < words.size() + 1) starts_.resize(words.size() + 1);
  if (capitals_.size() < words.size()) capitals_.resize(words.size());
  // Local pointers: through the members every store would reload them.
  uint64_t* const slots = slot_.data();
  Recorded* const recorded = recorded_.data();
  uint32_t* const starts = starts_.data();
  uint32_t* const capitals = capitals_.data();
  size_t recorded_size = 0, capitals_size = 0;
  bool any_based = false;
  const std::span<const uint32_t> name_bits = run.name_bits;
  // Most words are lower case, in no list, and followed by a gap that joins
  // nothing: each is a token of its own that keeps only its word. The
  // others (capitalised, listed, or before a gap that may join) are listed
  // first, with no branch: a branch on each word mispredicted wherever
  // names and plain words alternate, which is everywhere.
  size_t listed = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    const text::Token x = words[w];
    const unsigned char after = x.end < text.size() ? static_cast<unsigned char>(text[x.end]) : 0;
    const unsigned may = kByteClass[static_cast<unsigned char>(text[x.start])] & kMayLead;
    starts[listed] = static_cast<uint32_t>(w);
    listed += ((may | (kByteClass[after] & kMayJoin) | name_bits[w]) != 0);
  }
  starts[listed] = static_cast<uint32_t>(words.size());
  size_t n = 0;
  size_t span = 0;
  for (size_t w = 0, c = 0; w < words.size();) {
    // A listed word the token before joined ("Paul" of "Jean-Paul") is passed.
    while (starts[c] < w) ++c;
    // The plain words up to the next listed one, four slots a step (most
    // runs are shorter: one step, a branch that predicts).
    const size_t plain = starts[c++] - w;
    size_t j = 0;
    do {
      slots[n + j] = w + j;
      slots[n + j + 1] = w + j + 1;
      slots[n + j + 2] = w + j + 2;
      slots[n + j + 3] = w + j + 3;
      j += 4;
    } while (j < plain);
    n += plain;
    w += plain;
    if (w == words.size()) break;
    const size_t gap_start = w > 0 ? words[w - 1].end : 0;
    const size_t first = w;
    const size_t start = words[w].start;
    size_t i = words[w].end;
    // text[i, next) is the gap to the next run; every byte of it is a non-word character.
    for (++w; w < words.size(); ++w) {
      const size_t next = words[w].start;
      // Only these gaps can join; most gaps are a space, settled here in one
      // well-predicted branch.
      const char gap = text[i];
      if (!(kByteClass[static_cast<unsigned char>(gap)] & kMayJoin)) break;
      // "Jean-Paul", "al-Sisi".
      if (next == i + 1 && gap == '-') {
        i = words[w].end;
        continue;
      }
      // "U.S." and "D.C." stay one token; a sentence's full stop does not.
      if (next == i + 1 && text[i] == '.' && std::isalpha(static_cast<unsigned char>(text[next])) && i - start <= 2) {
        i = words[w].end;
        continue;
      }
      // O'Brien keeps its apostrophe; the possessive "Stoltenberg’s" drops it.
      size_t width = 0;
      if (is_apostrophe(text, i, &width) && next == i + width) {
        const bool possessive = (text[next] == 's' || text[next] == 'S') && words[w].end == next + 1;
        if (!possessive) {
          i = words[w].end;
          continue;
        }
      }
      break;
    }
    Token t{static_cast<uint32_t>(start), static_cast<uint32_t>(i), static_cast<uint32_t>(gap_start), 0};
    std::string_view word = text.substr(start, i - start);
    // ASCII inline: the call cost more than the test for most words.
    const auto lead = static_cast<unsigned char>(text[start]);
    bool capital = static_cast<unsigned>(lead - 'A') < 26u;
    if (lead >= 0x80) capital = upper_code_point(code_point(text, start));
    t.cls |= static_cast<uint16_t>(capital * kCapital);
    // Arabic names keep a lower-case article: "Abdel Fattah al-Sisi". Only a
    // joined token has a hyphen.
    if (w != first + 1 && (word.starts_with("al-") || word.starts_with("el-")) && word.size() > 3 &&
        upper_code_point(code_point(text, start + 3)))
      t.cls |= kCapital;
    // One shared word: the lexicon pass has its classes. A joined one
    // ("Jean-Paul") has no hash of its own.
    uint32_t bits = name_bits[first];
    if (w != first + 1) {
      const WordClasses::Entry* known = lists.classes.find(word, text.data() + text.size());
      bits = known ? TokenLexicon::kFound | known->second : 0;
      // Only a joined token has a hyphen, so the test runs for few words.
      if (word.size() > 6 && word.ends_with("-based")) {
        t.cls |= kBased;
        any_based = true;
      }
    }
    // A lower-case word in no list can neither start a name nor stand in
    // one (runs are capitalised words, connectors and particles), and the
    // bits read of its neighbours (role, speech verb, organisation word) come
    // from the lists: it has no class and is not recorded, and what follows
    // (the covered span, the acronym test) is only read of tokens inside a run.
    if (!(t.cls & kCapital) && bits == 0) {
      slots[n++] = first;
      continue;
    }
    while (span < covered.size() && covered[span].end <= start) ++span;
    if (span < covered.size() && covered[span].start <= start && covered[span].end >= i)
      t.cls |= kCovered;
    // Lower-case letters and digits of the word, eight bytes at a time; a
    // word of eight bytes or fewer (most) in one load.
    uint64_t lower = 0, digit = 0;
    if (i - start <= 8 && start + 8 <= text.size()) {
      const uint64_t v = text::load8(text.data() + start) & (~uint64_t{0} >> (8 * (8 - (i - start))));
      lower = text::ascii_range_bits(v, 'a', 'z');
      digit = text::ascii_range_bits(v, '0', '9');
    } else {
      for (size_t k = start; k < i; k += 8) {
        const size_t len = std::min<size_t>(8, i - k);
        uint64_t v = 0;
        if (k + 8 <= text.size())
          v = text::load8(text.data() + k) & (~uint64_t{0} >> (8 * (8 - len)));
        else
          std::memcpy(&v, text.data() + k, len);
        lower |= text::ascii_range_bits(v, 'a', 'z');
        digit |= text::ascii_range_bits(v, '0', '9');
      }
    }
    const bool has_lower = lower != 0, has_digit = digit != 0;
    if (has_digit || (!has_lower && word.size() > 1 && (t.cls & kCapital))) t.cls |= kAcronym;
    const uint16_t cased = (t.cls & kCapital) ? kListed | kCapitalOnly : kListed | kLowerOnly;
    t.cls |= static_cast<uint16_t>(bits & cased);
    slots[n] = uint64_t{t.cls} << kClassShift | kRecorded | recorded_size;
    capitals[capitals_size] = static_cast<uint32_t>(recorded_size);
    capitals_size += (t.cls & kCapital) != 0;
    recorded[recorded_size++] = {t, static_cast<uint32_t>(n), static_cast<uint32_t>(first)};
    ++n;
  }
  size_ = n;
  recorded_size_ = recorded_size;
  capitals_size_ = capitals_size;
  any_based_ = any_based;
}

// A token runs from its first word to the word before the next token's.
Token NameTokens::rebuilt(size_t p, uint32_t first_word) const {
  const std::vector<text::Token>& words = *words_;
  size_t next = words.size();
  if (p + 1 < size_) {
    const uint64_t s = slot_[p + 1];
    next = s & kRecorded ? recorded_[static_cast<uint32_t>(s)].first_word : static_cast<uint32_t>(s);
  }
  const uint32_t gap_start = first_word > 0 ? words[first_word - 1].end : 0;
  return {words[first_word].start, words[next - 1].end, gap_start, 0};
}

}  // namespace newsflow::processors::topics::names
