// The quotes processor. Three linear passes over one article:
//  1. scan_quotes finds the outermost quotations (quote_scanner.cpp);
//  2. the text outside them is tokenized, each quotation becoming one token,
//     and every speech cue ("said", "told", "according to") gets its subject
//     parsed in text order, so pronouns and surnames resolve against the
//     people introduced before them;
//  3. each quotation is linked to the cue after it, the cue before it in its
//     sentence, or the quotation just before it (floating quotes).
// Rule-based rather than statistical: there is no labelled training data in
// the project and the patterns of news attribution are few and regular.
#include "newsflow/processors/quotes.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "quotes/quote_rules.hpp"
#include "quotes/quote_scanner.hpp"

namespace newsflow::processors {

namespace {

using quotes::decode_at;
using quotes::is_letter;
using quotes::is_upper;
using quotes::QuoteSpan;

constexpr uint32_t kNone = UINT32_MAX;

enum class Tok : uint8_t { word, comma, colon, terminal, dash, paren, quote, para };

struct Token {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t classes = 0;  // WordClass bits (words only)
  uint32_t quote = 0;    // index into spans (quote tokens only)
  Tok kind = Tok::word;
  bool upper = false;     // starts with an upper-case letter
  bool acronym = false;   // two or more letters, all upper case ("NATO", "U.S.")
  bool possessive = false;  // ends in 's
  bool sentence_end = false;
  uint32_t index_hint = 0;  // own index in the token vector
  bool initials = false;    // "A.Q." (name part before a name) or "U.S." (not)
};

enum class Gender : uint8_t { unknown, male, female };

// A person or organisation introduced in the article.
struct Named {
  std::string name;
  std::optional<std::string> role;
  bool org = false;
  Gender gender = Gender::unknown;
  uint32_t mentions = 0;
};

// One speech cue and its parsed subject.
struct Event {
  uint32_t cue = 0;          // token index of the cue word
  uint32_t link_end = 0;     // last token belonging to cue (+object, +inverted subject)
  uint32_t subject_first = kNone;  // first token of the subject phrase
  bool inverted = false;     // "said Jens Stoltenberg"
  bool partial_only = false; // "called it 'a disgrace'"
  bool has_subject = false;  // a subject phrase was found (it may name nobody)
  int speaker = -1;          // index into Named, -1 when nobody can be named
  std::optional<std::string> role;
  uint32_t cue_start = 0, cue_end = 0;  // byte range of the cue phrase
  double confidence = 0.0;
  bool used = false;  // linked to a quotation
};

bool ascii_alnum(unsigned char b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

bool has(const Token& t, uint32_t cls) { return t.kind == Tok::word && (t.classes & cls) != 0; }

class QuotesProcessor final : public Processor {
 public:
  explicit QuotesProcessor(const QuotesOptions& options) : rules_(options.rules), indirect_(options.indirect) {}
  std::string_view name() const override { return "quotes"; }

  Outcome process(Article& article) override {
    article.quotes.clear();
    article.speakers.clear();
    text_ = article.text;
    if (text_.size() >= UINT32_MAX) return Outcome::pass();
    spans_.clear();
    quotes::scan_quotes(text_, spans_);
    tokenize();
    mark_sentences();
    named_.clear();
    by_name_.clear();
    by_last_.clear();
    by_first_.clear();
    by_last_org_.clear();
    recent_people_.clear();
    recent_orgs_.clear();
    seed_from_entities(article);
    find_events();
    link_quotes(article);
    const auto marked = static_cast<std::ptrdiff_t>(article.quotes.size());
    if (indirect_) add_indirect(article);
    // Both runs are already in text order: a linear merge, not a sort, keeps
    // the whole pass linear in the text size.
    std::inplace_merge(article.quotes.begin(), article.quotes.begin() + marked, article.quotes.end(),
                       [](const Quote& a, const Quote& b) { return a.start < b.start; });
    collect_speakers(article);
    reconcile_speakers_with_entities(article);
    return Outcome::pass();
  }

 private:
  // ---------------------------------------------------------------- tokens
  void tokenize() {
    tokens_.clear();
    size_t next_span = 0;
    const size_t n = text_.size();
    size_t i = 0;
    while (i < n) {
      if (next_span < spans_.size() && i >= spans_[next_span].open) {
        Token t;
        t.kind = Tok::quote;
        t.start = spans_[next_span].open;
        t.end = spans_[next_span].close_end;
        t.quote = static_cast<uint32_t>(next_span);
        tokens_.push_back(t);
        i = spans_[next_span].close_end;
        ++next_span;
        continue;
      }
      const char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
        continue;
      }
      if (c == '\n') {
        if (tokens_.empty() || tokens_.back().kind != Tok::para) push_punct(Tok::para, i, i + 1);
        ++i;
        continue;
      }
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x80 && ascii_alnum(byte)) {
        i = read_word(i);
        continue;
      }
      size_t len = 0;
      const uint32_t cp = decode_at(text_, i, len);
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
          if (i + 1 < n && text_[i + 1] == ' ') push_punct(Tok::dash, i, i + len);
          break;
        case '(': case ')': case '[': case ']': push_punct(Tok::paren, i, i + len); break;
        default: break;  // stray marks and symbols carry no attribution
      }
      i += len;
    }
  }

  void push_punct(Tok kind, size_t start, size_t end) {
    Token t;
    t.kind = kind;
    t.start = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(end);
    tokens_.push_back(t);
  }

  // Letters, digits, inner hyphens, apostrophes and dots ("U.S.", "don't").
  size_t read_word(size_t i) {
    const size_t begin = i;
    size_t letters = 0, uppers = 0;
    bool inner_dot = false;
    size_t len = 0;
    uint32_t first = decode_at(text_, i, len);
    while (i < text_.size()) {
      const auto byte = static_cast<unsigned char>(text_[i]);
      if (byte < 0x80 && ascii_alnum(byte)) {  // fast path, no decoding
        if (byte > '9') {
          ++letters;
          if (byte <= 'Z') ++uppers;
        }
        ++i;
        continue;
      }
      const uint32_t cp = decode_at(text_, i, len);
      if (is_letter(cp) || (cp >= '0' && cp <= '9')) {
        if (is_letter(cp)) {
          ++letters;
          if (is_upper(cp)) ++uppers;
        }
        i += len;
        continue;
      }
      if (cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.' || cp == '&') {
        size_t nlen = 0;
        const uint32_t next = i + len < text_.size() ? decode_at(text_, i + len, nlen) : 0;
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
    lower_word(t);
    t.classes = rules_->classes(lower_);
    t.upper = is_upper(first);
    t.acronym = letters >= 2 && uppers == letters;
    // Dotted single capitals ("A.Q.", "U.S."): initials before a name.
    t.initials = inner_dot && t.acronym && letters <= 3 && (i - begin) == 2 * letters - 1;
    const std::string_view w = std::string_view(text_).substr(t.start, t.end - t.start);
    t.possessive = w.ends_with("'s") || w.ends_with("\u2019s") || w.ends_with("s\u2019");
    // A dot after an abbreviation, an initial or "U.S" belongs to the word
    // and does not end the sentence.
    if (i < text_.size() && text_[i] == '.' &&
        (inner_dot || (t.classes & kAbbreviation) || (t.classes & kHonorific) || (letters == 1 && t.upper) ||
         (t.classes & kTitle && lower_.size() <= 4))) {
      ++i;
      t.end = static_cast<uint32_t>(i);
    }
    t.index_hint = static_cast<uint32_t>(tokens_.size());
    tokens_.push_back(t);
    return i;
  }

  void lower_word(const Token& t) {
    lower_.assign(text_.data() + t.start, t.end - t.start);
    for (char& ch : lower_)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }

  std::string_view span_text(uint32_t from_tok, uint32_t to_tok) const {
    return std::string_view(text_).substr(tokens_[from_tok].start, tokens_[to_tok].end - tokens_[from_tok].start);
  }

  // Inner text of a quotation without surrounding spaces.
  std::string_view inner(const QuoteSpan& s) const {
    std::string_view v = std::string_view(text_).substr(s.start, s.end - s.start);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\n')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\n')) v.remove_suffix(1);
    return v;
  }

  static bool ends_terminal(std::string_view v) {
    return v.ends_with(".") || v.ends_with("!") || v.ends_with("?") || v.ends_with("\u2026");
  }

  void mark_sentences() {
    for (size_t k = 0; k < tokens_.size(); ++k) {
      Token& t = tokens_[k];
      if (t.kind == Tok::terminal) {
        t.sentence_end = true;
      } else if (t.kind == Tok::quote) {
        const std::string_view v = inner(spans_[t.quote]);
        if (!ends_terminal(v)) continue;
        const bool last = k + 1 == tokens_.size();
        const Token* next = last ? nullptr : &tokens_[k + 1];
        t.sentence_end = last || next->kind == Tok::para || next->kind == Tok::quote ||
                         (next->kind == Tok::word && next->upper);
      }
    }
  }

  bool boundary(uint32_t k) const {
    const Token& t = tokens_[k];
    return t.sentence_end || t.kind == Tok::para || t.kind == Tok::quote;
  }

  // First token of the clause that ends just before `k` (stops after a
  // sentence end, paragraph or quotation).
  uint32_t region_start(uint32_t k, uint32_t max_tokens) const {
    uint32_t s = k;
    while (s > 0 && k - s < max_tokens && !boundary(s - 1)) --s;
    return s;
  }

  // ----------------------------------------------------------- names
  bool name_token(const Token& t) const {
    if (t.initials) {
      // "A.Q. Shipley" but not "U.S. Senator" or "U.S. officials".
      const uint32_t n = t.index_hint + 1;
      return n < tokens_.size() && plain_name_word(tokens_[n]);
    }
    return plain_name_word(t);
  }
  bool plain_name_word(const Token& t) const {
    return t.kind == Tok::word && t.upper && !t.acronym && !t.possessive &&
           !(t.classes & (kTitle | kNotName | kHonorific | kCue | kOrgNoun | kMalePronoun | kFemalePronoun |
                          kNeutralPronoun | kAccording | kPartialCue));
  }
  // Capitalised org heads ("the Foreign Ministry") may end a name run.
  bool org_head(const Token& t) const { return t.kind == Tok::word && t.upper && (t.classes & kOrgNoun); }

  // Extends a name run backwards from `last` (inclusive), not before `floor`.
  // Returns the first token, or kNone.
  uint32_t name_run_back(uint32_t last, uint32_t floor) const {
    if (!name_token(tokens_[last]) && !org_head(tokens_[last])) return kNone;
    uint32_t first = last;
    uint32_t k = last;
    while (k > floor && last - k < 6) {
      const Token& t = tokens_[k - 1];
      if (name_token(t)) {
        first = --k;
      } else if (has(t, kParticle) && !t.upper && name_token(tokens_[k])) {
        first = --k;  // "Erik ten Hag", and "ten Hag" on its own
      } else if (org_head(tokens_[last]) && t.upper && !t.possessive && !(t.classes & kNotName)) {
        first = --k;  // "Foreign Ministry", "Justice Department"
      } else if (org_head(tokens_[last]) && !t.upper && k - 1 > floor && tokens_[k - 2].upper &&
                 (word_at(k - 1) == "and" || word_at(k - 1) == "of" || word_at(k - 1) == "on" ||
                  word_at(k - 1) == "for")) {
        --k;  // "Fire and Rescue Service", "Department of Health"
      } else {
        break;
      }
    }
    // "MP for Huddersfield Harpreet Uppal", "Tenant Mehmet Yilmaz": in a run of
    // three capitalised words after a connector or at a sentence start, the
    // first belongs to the role.
    if (!org_head(tokens_[last]) && last - first >= 2 && name_token(tokens_[first])) {
      const bool sentence_start = first == 0 || boundary(first - 1);
      bool after_connector = false;
      if (first > 0 && tokens_[first - 1].kind == Tok::word && !tokens_[first - 1].upper) {
        const std::string_view w = word_at(first - 1);
        after_connector = w == "for" || w == "of" || w == "at" || w == "from";
      }
      if ((sentence_start || after_connector) && !has(tokens_[first + 1], kParticle)) ++first;
    }
    // "the United Nations Nikki Haley": four or more plain capitalised words
    // are an organisation or place followed by a two-word name.
    if (!org_head(tokens_[last]) && last - first >= 3) {
      bool particle = false;
      for (uint32_t m = first; m <= last; ++m) particle = particle || has(tokens_[m], kParticle);
      if (!particle) first = last - 1;
    }
    return first;
  }

  std::string_view word_at(uint32_t k) const {
    return std::string_view(text_).substr(tokens_[k].start, tokens_[k].end - tokens_[k].start);
  }

  // "a spokesman for Mr Jenrick": the person speaking is not the one named.
  bool owned_by_role(uint32_t first, uint32_t floor) const {
    if (first < floor + 2 || tokens_[first - 1].kind != Tok::word) return false;
    const std::string_view w = word_at(first - 1);
    return (w == "for" || w == "of") && has(tokens_[first - 2], kTitle);
  }

  // Lower-case words right before a name that name an occupation
  // ("firefighter Carlos Souza", "glaciologist"): listed titles, or the
  // common English agent-noun endings.
  bool role_noun(const Token& t) const {
    if (t.kind != Tok::word || t.upper) return false;
    if (t.classes & kTitle) return true;
    if (t.classes & (kNotName | kCue | kSkip | kPartialCue)) return false;
    const std::string_view w = word_at(t.index_hint);
    if (w.find("year-old") != std::string_view::npos) return true;  // "the 34-year-old said"
    return w.size() > 4 && (w.ends_with("ist") || w.ends_with("ian") || w.ends_with("er") || w.ends_with("or") ||
                            w.ends_with("ant") || w.ends_with("ent"));
  }

  static bool connector(std::string_view lower) {
    return lower == "of" || lower == "for" || lower == "the" || lower == "and" || lower == "at" || lower == "on" ||
           lower == "in" || lower == "to";
  }

  // Role words before a name ("Chinese Foreign Ministry spokesperson").
  std::optional<std::string> role_prefix(uint32_t name_first, uint32_t floor, uint32_t& role_first) {
    uint32_t k = name_first;
    role_first = name_first;
    bool title = false;
    while (k > floor && name_first - k < 12) {
      const Token& t = tokens_[k - 1];
      if (t.kind != Tok::word) break;
      if (t.classes & (kCue | kPartialCue | kMalePronoun | kFemalePronoun | kNeutralPronoun | kAccording)) break;
      lower_word(t);
      const bool is_title = t.classes & kTitle;
      const bool capital = t.upper && !(t.classes & kNotName);
      const bool link = connector(lower_) || (t.classes & kParticle);
      const bool before_title = !t.upper && !link && (tokens_[k].classes & kTitle) && k < name_first;
      if (!(is_title || capital || link || before_title || t.acronym)) break;
      if (t.classes & kHonorific) break;
      title = title || is_title;
      --k;
      if (!link) role_first = k;
    }
    if (!title || role_first == name_first) return std::nullopt;
    // A sentence-initial capital that is not a role word ("Outgoing") stays:
    // it is part of the role as written.
    return std::string(span_text(role_first, name_first - 1));
  }

  std::string lower_of(std::string_view s) const {
    std::string out(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    return out;
  }

  std::string_view last_word(std::string_view name) const {
    const auto sp = name.rfind(' ');
    return sp == std::string_view::npos ? name : name.substr(sp + 1);
  }

  // Registers or finds a multi-word name; single words resolve as surnames.
  int resolve_name(std::string_view name, bool org, const std::optional<std::string>& role) {
    const bool particle_surname = !name.empty() && name.front() >= 'a' && name.front() <= 'z';
    const bool single = name.find(' ') == std::string_view::npos || particle_surname;
    if (single && !org) {
      const std::string key = lower_of(particle_surname ? last_word(name) : name);
      auto it = by_last_.find(key);
      if (it == by_last_.end()) it = by_first_.find(key);  // tabloids: "Gary told the paper"
      if (it != by_last_.end() && it != by_first_.end()) {
        ++named_[it->second].mentions;
        return it->second;
      }
    }
    std::string key = lower_of(name);
    auto it = by_name_.find(key);
    if (it != by_name_.end()) {
      Named& n = named_[it->second];
      if (single) ++n.mentions;  // multi-word names are counted by note_mention
      if (!n.role && role) n.role = role;
      return it->second;
    }
    const int index = static_cast<int>(named_.size());
    named_.push_back(Named{std::string(name), role, org, Gender::unknown, single ? 1u : 0u});
    by_name_.emplace(std::move(key), index);
    if (!single && !org) register_person_keys(name, index);
    return index;
  }

  // First names resolve only people met as subjects ("Gary Pritchard, 38,
  // waded out"), not every capitalised pair ("the United Twitter account").
  void register_person_keys(std::string_view name, int index, bool with_first = true) {
    by_last_.emplace(lower_of(last_word(name)), index);  // the first holder of a surname keeps it
    const auto sp = name.find(' ');
    if (with_first && sp != std::string_view::npos) by_first_.emplace(lower_of(name.substr(0, sp)), index);
  }

  void seed_from_entities(const Article& article) {
    for (const Entity& e : article.entities) {
      if (e.type != Entity::Type::person && e.type != Entity::Type::organization) continue;
      const int index = resolve_name(e.text, e.type == Entity::Type::organization, std::nullopt);
      named_[static_cast<size_t>(index)].mentions = 0;  // counted again when seen in the text
    }
  }

  int resolve_pronoun(const Token& t) {
    if (t.classes & kNeutralPronoun) return recent_orgs_.empty() ? -1 : recent_orgs_.back();
    const Gender wanted = (t.classes & kMalePronoun) ? Gender::male : Gender::female;
    const Gender other = wanted == Gender::male ? Gender::female : Gender::male;
    // The most recent compatible person: news introduces a person in one
    // sentence and quotes them with "he said" in the next. (Preferring people
    // who had already spoken was measured to be worse.)
    size_t looked = 0;
    for (auto it = recent_people_.rbegin(); it != recent_people_.rend() && looked < 6; ++it, ++looked) {
      Named& n = named_[static_cast<size_t>(*it)];
      if (n.gender == other) continue;
      n.gender = wanted;
      return *it;
    }
    return -1;
  }

  // "Thurman said she had worries": a he/she/his/himself/herself later in
  // the sentence whose subject is a person of unknown gender gives it one.
  void learn_gender(const Token& t) {
    if (sentence_person_ < 0 || !(t.classes & kGendered)) return;
    Named& n = named_[static_cast<size_t>(sentence_person_)];
    if (n.gender != Gender::unknown) return;
    lower_word(t);
    n.gender = (lower_ == "he" || lower_ == "his" || lower_ == "himself") ? Gender::male : Gender::female;
  }

  void note_recent(int index) {
    if (index < 0) return;
    if (sentence_person_ < 0 && !named_[static_cast<size_t>(index)].org) sentence_person_ = index;
    const Named& n = named_[static_cast<size_t>(index)];
    // A lone unresolved word ("Apple", "Jenrick") may be either kind.
    const bool unknown = !n.org && n.name.find(' ') == std::string::npos;
    if (n.org || unknown) push_recent(recent_orgs_, index);
    if (!n.org) push_recent(recent_people_, index);
  }

  static void push_recent(std::vector<int>& list, int index) {
    if (!list.empty() && list.back() == index) return;
    list.push_back(index);
    if (list.size() > 32) list.erase(list.begin(), list.begin() + 16);
  }

  // ----------------------------------------------------------- subjects
  struct Subject {
    uint32_t first = kNone;  // first token of the phrase
    uint32_t last = kNone;   // last token of the phrase
    int speaker = -1;
    std::optional<std::string> role;
  };

  static bool lowercase_adverb(std::string_view w) { return w.size() > 3 && w.ends_with("ly"); }

  // The subject phrase ending at `p` (the token before a cue), not before `floor`.
  Subject subject_before(uint32_t p, uint32_t floor) {
    Subject s;
    // Words between a subject and its cue ("also", "has", "told reporters on Tuesday").
    for (int skipped = 0; skipped < 3 && p > floor; ++skipped) {
      const Token& t = tokens_[p];
      if (t.kind != Tok::word || t.upper) break;
      lower_word(t);
      if (!(t.classes & kSkip) && !lowercase_adverb(lower_)) break;
      --p;
    }
    const Token& t = tokens_[p];
    if (has(t, kMalePronoun | kFemalePronoun | kNeutralPronoun)) {
      s.first = s.last = p;
      s.speaker = resolve_pronoun(t);
      return s;
    }
    if (t.kind == Tok::comma && p > floor) return subject_with_apposition(p, floor);
    if (t.kind != Tok::word) return s;
    const uint32_t name_first = name_run_back(p, floor);
    if (name_first != kNone) {
      uint32_t role_first = name_first;
      uint32_t first = name_first;
      if (first > floor && has(tokens_[first - 1], kHonorific)) --first;
      // "Stephen Furlong of Davy said": the person before "of" speaks.
      if (name_first >= floor + 2 && tokens_[name_first - 1].kind == Tok::word &&
          (word_at(name_first - 1) == "of" || word_at(name_first - 1) == "at" || word_at(name_first - 1) == "from")) {
        const uint32_t person_first = name_run_back(name_first - 2, floor);
        if (person_first != kNone && org_head(tokens_[name_first - 2])) {
          // "Royal College of Surgeons said": one organisation.
          s.first = person_first;
          s.last = p;
          s.speaker = resolve_name(span_text(person_first, p), true, std::nullopt);
          return s;
        }
        if (person_first != kNone && person_first < name_first - 2) {
          uint32_t role_first = person_first;
          s.role = role_prefix(person_first, floor, role_first);
          s.first = role_first;
          s.last = p;
          s.speaker = resolve_name(span_text(person_first, name_first - 2), false, s.role);
          return s;
        }
      }
      if (owned_by_role(first, floor)) {
        uint32_t title = first - 2;
        role_prefix(title + 1, floor, role_first);
        s.first = role_first > floor && has(tokens_[role_first - 1], kNotName) ? role_first - 1 : role_first;
        s.last = p;
        s.role = std::string(span_text(role_first, p));
        return s;
      }
      s.role = role_prefix(first, floor, role_first);
      s.first = std::min(role_first, first);
      s.last = p;
      const bool org = org_head(tokens_[p]) || tokens_[p].acronym;
      s.speaker = resolve_name(span_text(name_first, p), org, s.role);
      return s;
    }
    if (t.acronym || (t.upper && !(t.classes & kNotName) && !(t.classes & kTitle))) {
      // A lone acronym or capitalised org ("NATO said", "Amazon said").
      s.first = s.last = p;
      s.speaker = resolve_name(span_text(p, p), true, std::nullopt);
      return s;
    }
    if (t.classes & kOrgNoun) {
      // "the ministry said": the most recent organisation with that head.
      lower_word(t);
      s.last = p;
      uint32_t m = p;  // modifiers: "the Danish prosecution service"
      while (m > floor && p - m < 4 && tokens_[m - 1].kind == Tok::word && !has(tokens_[m - 1], kNotName | kCue) &&
             !tokens_[m - 1].possessive)
        --m;
      s.first = m > floor && has(tokens_[m - 1], kNotName) ? m - 1 : m;
      auto it = m == p ? by_last_org_.find(lower_) : by_last_org_.end();
      if (it != by_last_org_.end())
        s.speaker = it->second;
      else if (m == p && !recent_orgs_.empty())
        s.speaker = recent_orgs_.back();  // "Apple said ... the company said"
      else
        s.speaker = resolve_name(span_text(m, p), true, std::nullopt);
      if (m < p) by_last_org_[lower_] = s.speaker;
      return s;
    }
    if ((t.classes & kTitle) || (role_noun(t) && p > floor && has(tokens_[p - 1], kNotName))) {
      // A bare role ("a U.S. administration official said", "the director
      // said"): nobody is named. Resolving "the director" to the last person
      // mentioned was measured to guess wrong more often than right.
      uint32_t role_first = p;
      auto role = role_prefix(p, floor, role_first);
      if (!role) role_first = p;
      s.first = role_first > floor && has(tokens_[role_first - 1], kNotName) ? role_first - 1 : role_first;
      s.last = p;
      s.role = role ? std::optional<std::string>(std::string(span_text(role_first, p)))
                    : std::optional<std::string>(std::string(span_text(p, p)));
      return s;
    }
    return s;
  }

  bool appositive_opening(const Token& t) const {
    if (t.kind != Tok::word) return false;
    return !t.upper || t.acronym || t.possessive || (t.classes & (kAppositiveStart | kTitle));
  }

  // "David Sacks, a researcher at the Council on Foreign Relations, told"
  Subject subject_with_apposition(uint32_t comma, uint32_t floor) {
    Subject s;
    for (uint32_t c = floor + 1; c + 1 < comma; ++c) {
      if (tokens_[c].kind != Tok::comma) continue;
      if (!appositive_opening(tokens_[c + 1])) continue;
      const uint32_t name_first = name_run_back(c - 1, floor);
      if (name_first == kNone) continue;
      uint32_t first = name_first;
      if (first > floor && has(tokens_[first - 1], kHonorific)) --first;
      uint32_t role_first = first;
      auto prefix = role_prefix(first, floor, role_first);
      s.first = std::min(role_first, first);
      s.last = comma;
      s.role = std::string(span_text(c + 1, comma - 1));
      if (!s.role->empty() && prefix && s.role->size() < 4) s.role = prefix;
      s.speaker = resolve_name(span_text(name_first, c - 1), org_head(tokens_[c - 1]), s.role);
      return s;
    }
    // "Her deputy, James Hart, disagreed": the name is the last comma phrase.
    // "One of them, student Emma Riddle, said": role words may stand between.
    const uint32_t name_first = name_run_back(comma - 1, floor);
    if (name_first == kNone) return s;
    uint32_t r = name_first;
    while (r > floor + 1 && name_first - r < 4 && tokens_[r - 1].kind == Tok::word &&
           (role_noun(tokens_[r - 1]) || tokens_[r - 1].upper || has(tokens_[r - 1], kNotName | kParticle)))
      --r;
    if (r > floor && tokens_[r - 1].kind == Tok::comma) {
      uint32_t role_first = r - 1;
      while (role_first > floor && tokens_[role_first - 1].kind == Tok::word && r - role_first < 10) --role_first;
      s.first = role_first;
      s.last = comma;
      s.role = r < name_first ? std::string(span_text(r, name_first - 1))
                              : (role_first < r - 1 ? std::string(span_text(role_first, r - 2)) : std::string());
      if (s.role->empty()) s.role.reset();
      s.speaker = resolve_name(span_text(name_first, comma - 1), org_head(tokens_[comma - 1]), s.role);
    }
    return s;
  }

  // Subject after an inverted cue ("said Jens Stoltenberg, NATO's chief").
  Subject subject_after(uint32_t f, uint32_t limit) {
    Subject s;
    if (f >= limit) return s;
    const Token& t = tokens_[f];
    if (has(t, kMalePronoun | kFemalePronoun | kNeutralPronoun)) {
      s.first = s.last = f;
      s.speaker = resolve_pronoun(t);
      return s;
    }
    uint32_t e = f;
    bool seen_name = false;
    while (e < limit && e - f < 12) {
      const Token& w = tokens_[e];
      if (w.kind != Tok::word) break;
      lower_word(w);
      const bool lower_role = !seen_name && (role_noun(w) || (!w.upper && !has(w, kCue | kMalePronoun | kFemalePronoun) &&
                                                               e + 1 < limit && role_noun(tokens_[e + 1])));
      if (!(w.upper || (w.classes & (kTitle | kOrgNoun)) || connector(lower_) || w.acronym ||
            has(w, kNotName | kAppositiveStart | kParticle) || lower_role))
        break;
      if (seen_name && !w.upper && !has(w, kParticle)) break;  // "said Smith on Tuesday"
      seen_name = seen_name || name_token(w);
      ++e;
    }
    if (e == f) return s;
    uint32_t last = e - 1;
    while (last > f && !tokens_[last].upper && !(tokens_[last].classes & kOrgNoun)) --last;
    if (e + 1 < limit && tokens_[e].kind == Tok::comma && name_token(tokens_[e + 1]) &&
        name_run_back(last, f) == kNone) {
      uint32_t n = e + 1;
      while (n + 1 < limit && (name_token(tokens_[n + 1]) || has(tokens_[n + 1], kParticle)) && n - e < 4) ++n;
      s.first = f;
      s.last = n;
      s.role = std::string(span_text(f, e - 1));
      s.speaker = resolve_name(span_text(e + 1, n), false, s.role);
      return s;
    }
    Subject inner = subject_before(last, f);
    if (inner.first == kNone) return s;
    s = inner;
    s.last = last;
    // ", a spokesman for the company" after the name is its role.
    if (e < limit && tokens_[e].kind == Tok::comma && e + 1 < limit && appositive_opening(tokens_[e + 1])) {
      uint32_t r = e + 1;
      while (r + 1 < limit && !boundary(r + 1) && tokens_[r + 1].kind != Tok::comma) ++r;
      if (!(r + 1 < limit && tokens_[r + 1].kind == Tok::comma)) {
        s.role = std::string(span_text(e + 1, r));
        if (s.speaker >= 0 && !named_[static_cast<size_t>(s.speaker)].role)
          named_[static_cast<size_t>(s.speaker)].role = s.role;
        s.last = r;
      }
    }
    return s;
  }

  // "She wished everyone a happy holiday, but added: ..." / "Smith paused and
  // said": a cue right after "and"/"but" takes the clause's subject, the
  // first pronoun or name of the sentence.
  Subject coordinated_subject(uint32_t k, uint32_t floor) {
    const std::string_view before = word_at(k - 1);
    if (tokens_[k - 1].kind != Tok::word || (before != "and" && before != "but")) return {};
    for (uint32_t m = floor; m + 1 < k; ++m) {
      const Token& w = tokens_[m];
      if (w.kind != Tok::word) continue;
      if (has(w, kMalePronoun | kFemalePronoun | kNeutralPronoun) || w.acronym) return subject_before(m, floor);
      if (name_token(w) || org_head(w)) {
        uint32_t e = m;
        while (e + 1 < k - 1 && (name_token(tokens_[e + 1]) || org_head(tokens_[e + 1]))) ++e;
        // "Last Thanksgiving, she ...": an introductory phrase is not the subject.
        if (m > floor && has(tokens_[m - 1], kNotName) && e + 1 < k && tokens_[e + 1].kind == Tok::comma) {
          m = e;
          continue;
        }
        // Only a subject: the next word must not be a preposition's object.
        if (e + 1 < k && tokens_[e + 1].kind == Tok::word && has(tokens_[e + 1], kNotName)) return {};
        return subject_before(e, floor);
      }
      if (has(w, kCue | kPartialCue)) return {};
    }
    return {};
  }

  // ----------------------------------------------------------- events
  void find_events() {
    events_.clear();
    event_at_.assign(tokens_.size(), -1);
    sentence_person_ = -1;
    for (uint32_t k = 0; k < tokens_.size(); ++k) {
      const Token& t = tokens_[k];
      if (k > 0 && boundary(k - 1)) sentence_person_ = -1;
      if (t.kind != Tok::word) continue;
      learn_gender(t);
      if (name_token(t) && (k == 0 || !name_token(tokens_[k - 1]))) note_mention(k);
      if (name_token(t) && (k == 0 || boundary(k - 1)) && k + 1 < tokens_.size() && !name_token(tokens_[k + 1])) {
        lower_word(t);
        if (auto it = by_last_.find(lower_); it != by_last_.end()) note_recent(it->second);  // "Costa laughs."
      }
      if ((t.classes & kOrgNoun) && !t.upper) note_org_phrase(k);
      bool according = false;
      if (t.classes & kAccording) {
        lower_word(t);
        // "according to"; other languages' one-word forms ("selon") take no "to".
        according = lower_ != "according" ||
                    (k + 1 < tokens_.size() && tokens_[k + 1].kind == Tok::word &&
                     text_.compare(tokens_[k + 1].start, 2, "to") == 0 && tokens_[k + 1].end - tokens_[k + 1].start == 2);
      }
      if (!(t.classes & (kCue | kPartialCue)) && !according) continue;
      if (t.upper && !according && k > 0 && !boundary(k - 1)) continue;  // "Said" as a name part is rare; skip capitals mid-sentence
      Event ev;
      ev.cue = k;
      ev.link_end = k;
      ev.partial_only = (t.classes & kPartialCue) && !(t.classes & kCue);
      ev.cue_start = t.start;
      ev.cue_end = t.end;
      const uint32_t floor = region_start(k, 60);
      uint32_t limit = k + 1;
      while (limit < tokens_.size() && limit - k < 40 && !boundary(limit)) ++limit;
      Subject s;
      if (according) {
        const uint32_t to = lower_ == "according" ? k + 1 : k;
        ev.link_end = to;
        ev.cue_end = tokens_[to].end;
        uint32_t f = to + 1;
        // "according to a statement from the ministry": skip to the source.
        uint32_t g = f;
        while (g < limit && g - f < 6 && tokens_[g].kind == Tok::word && !tokens_[g].upper &&
               !(tokens_[g].classes & kOrgNoun) && !role_noun(tokens_[g]))
          ++g;
        s = subject_after(g < limit ? g : f, limit);
        ev.inverted = true;
        if (s.last != kNone) ev.link_end = s.last;
      } else {
        // Inverted when nothing but punctuation stands between a quotation and the cue.
        uint32_t b = k;
        while (b > floor && (tokens_[b - 1].kind == Tok::comma || tokens_[b - 1].kind == Tok::dash)) --b;
        const bool after_quote = b == floor && floor > 0 && tokens_[floor - 1].kind == Tok::quote;
        if (after_quote && k + 1 < limit) {
          s = subject_after(k + 1, limit);
          ev.inverted = s.first != kNone;
          if (ev.inverted) ev.link_end = s.last;
        }
        if (!ev.inverted && k > floor) s = subject_before(k - 1, floor);
        if (s.first == kNone && !ev.inverted && k > floor + 1) s = coordinated_subject(k, floor);
        if (t.classes & kObjectCue) take_object(ev, limit);
      }
      ev.has_subject = s.first != kNone;
      ev.subject_first = s.first;
      ev.speaker = s.speaker;
      ev.role = s.role;
      if (ev.speaker >= 0 && !ev.role) ev.role = named_[static_cast<size_t>(ev.speaker)].role;
      const bool by_pronoun =
          s.first != kNone && has(tokens_[s.first], kMalePronoun | kFemalePronoun | kNeutralPronoun);
      ev.confidence = s.speaker < 0 ? 0.5 : (by_pronoun ? 0.75 : 0.9);
      note_recent(ev.speaker);
      event_at_[k] = static_cast<int>(events_.size());
      events_.push_back(std::move(ev));
    }
  }

  // "told VOA via email", "told reporters": the object is part of the cue.
  void take_object(Event& ev, uint32_t limit) {
    uint32_t e = ev.cue + 1;
    while (e < limit && e - ev.cue <= 4 && tokens_[e].kind == Tok::word) {
      lower_word(tokens_[e]);
      if (lower_ == "that" || (tokens_[e].classes & (kMalePronoun | kFemalePronoun))) break;
      ++e;
    }
    // Only a short object directly followed by punctuation or a quotation.
    if (e > ev.cue + 1 && (e == limit || tokens_[e].kind != Tok::word)) {
      ev.link_end = e - 1;
      ev.cue_end = tokens_[e - 1].end;
    } else if (e > ev.cue + 1 && e < limit) {
      lower_word(tokens_[e]);
      if (lower_ == "that") {
        ev.link_end = e - 1;
        ev.cue_end = tokens_[e - 1].end;
      }
    }
  }

  // A multi-word name seen anywhere introduces it (for later surnames); at a
  // sentence start it is also the likely referent of the next "he"/"she".
  void note_mention(uint32_t k) {
    uint32_t e = k;
    while (e + 1 < tokens_.size() && e - k < 4 &&
           (name_token(tokens_[e + 1]) || org_head(tokens_[e + 1]) ||
            (has(tokens_[e + 1], kParticle) && !tokens_[e + 1].upper && e + 2 < tokens_.size() &&
             name_token(tokens_[e + 2])))) {
      ++e;
      if (org_head(tokens_[e])) break;
    }
    // "Celine Sciamma's new film" introduces Celine Sciamma.
    const bool possessive = e + 1 < tokens_.size() && !org_head(tokens_[e]) && tokens_[e + 1].kind == Tok::word &&
                            tokens_[e + 1].upper && tokens_[e + 1].possessive && !tokens_[e + 1].acronym &&
                            !(tokens_[e + 1].classes & (kNotName | kTitle));
    if (e == k && !possessive) return;
    const bool org = org_head(tokens_[e]);
    uint32_t first = possessive ? k : name_run_back(e, k);
    if (first == kNone) first = k;
    std::string_view name = span_text(first, possessive ? e + 1 : e);
    if (possessive) {
      for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"})
        if (name.ends_with(suffix)) {
          name.remove_suffix(suffix.size());
          break;
        }
    }
    if (name.find(' ') == std::string_view::npos) return;
    const std::string key = lower_of(name);
    int index;
    if (auto it = by_name_.find(key); it != by_name_.end()) {
      index = it->second;
      ++named_[static_cast<size_t>(index)].mentions;
    } else {
      index = static_cast<int>(named_.size());
      named_.push_back(Named{std::string(name), std::nullopt, org, Gender::unknown, 1});
      by_name_.emplace(key, index);
      if (!org) register_person_keys(name, index, false);
    }
    if (org) {
      by_last_org_[lower_of(last_word(name))] = index;
      return;
    }
    // Subjects are the likely referents of the next "he" or "she": a name at
    // a sentence start, after a title, or set off by commas ("Her deputy,
    // James Hart, disagreed").
    const uint32_t end = possessive ? e + 1 : e;
    const bool sentence_start = first == 0 || boundary(first - 1) || has(tokens_[first - 1], kTitle);
    const bool appositive = first > 0 && tokens_[first - 1].kind == Tok::comma && end + 1 < tokens_.size() &&
                            tokens_[end + 1].kind == Tok::comma;
    // "Tom Hayward has rowed": a name followed by a verb-like word.
    bool before_verb = false;
    if (end + 1 < tokens_.size() && tokens_[end + 1].kind == Tok::word && !tokens_[end + 1].upper) {
      const std::string_view w = word_at(end + 1);
      before_verb = !has(tokens_[end + 1], kNotName | kParticle) &&
                    (w.ends_with("ed") || w.ends_with("s") || w == "has" || w == "had" || w == "is" || w == "was" ||
                     w == "will" || w == "would" || w == "can" || w == "could" || w == "grew" || w == "won" ||
                     w == "took" || w == "made" || w == "went" || w == "told" || w == "said");
    }
    if ((sentence_start || appositive || before_verb) && !possessive) {
      note_recent(index);
      const auto sp = name.find(' ');
      by_first_.emplace(lower_of(name.substr(0, sp)), index);
    }
  }

  // "The German finance ministry welcomed ...": later "the ministry" is it.
  void note_org_phrase(uint32_t k) {
    uint32_t m = k;
    bool capital = false;
    while (m > 0 && k - m < 3 && tokens_[m - 1].kind == Tok::word && !has(tokens_[m - 1], kNotName | kCue) &&
           !tokens_[m - 1].possessive && !boundary(m - 1)) {
      --m;
      capital = capital || tokens_[m].upper;
    }
    if (!capital || m == k) return;
    lower_word(tokens_[k]);
    const std::string head = lower_;
    by_last_org_[head] = resolve_name(span_text(m, k), true, std::nullopt);
  }

  // ----------------------------------------------------------- linking
  Quote make_quote(const QuoteSpan& s) const {
    Quote q;
    uint32_t a = s.start, b = s.end;
    while (a < b && (text_[a] == ' ' || text_[a] == '\n')) ++a;
    while (b > a && (text_[b - 1] == ' ' || text_[b - 1] == '\n')) --b;
    q.start = a;
    q.end = b;
    q.text.assign(text_, a, b - a);
    return q;
  }

  static size_t word_count(std::string_view v) {
    size_t words = 0;
    bool in = false;
    for (char c : v) {
      const bool sp = c == ' ' || c == '\n';
      if (!sp && !in) ++words;
      in = !sp;
    }
    return words;
  }

  void attribute(Quote& q, const Event& ev, double confidence) {
    if (ev.speaker >= 0) {
      const Named& n = named_[static_cast<size_t>(ev.speaker)];
      q.speaker = n.name;
      q.speaker_role = ev.role ? ev.role : n.role;
    } else {
      q.speaker_role = ev.role;
    }
    q.cue.assign(text_, ev.cue_start, ev.cue_end - ev.cue_start);
    q.confidence = ev.speaker >= 0 ? confidence : 0.5;
  }

  // Event whose cue follows quotation token i and whose subject starts right
  // after it ("..." Stoltenberg said / said Stoltenberg / he said).
  int event_after(uint32_t i) const {
    uint32_t j = i + 1;
    while (j < tokens_.size() && j - i <= 2 && (tokens_[j].kind == Tok::comma || tokens_[j].kind == Tok::dash)) ++j;
    for (uint32_t k = j; k < tokens_.size() && k - j < 40 && !boundary(k); ++k) {
      const int e = event_at_[k];
      if (e < 0) continue;
      const Event& ev = events_[static_cast<size_t>(e)];
      if (ev.partial_only) return -1;
      if (ev.inverted && ev.cue == j) return e;
      if (ev.has_subject && ev.subject_first >= j && ev.subject_first <= k) {
        // Only role words may precede the parsed subject ("Rio Grande do Sul Governor ...").
        for (uint32_t m = j; m < ev.subject_first; ++m)
          if (tokens_[m].kind != Tok::word || !(tokens_[m].upper || has(tokens_[m], kParticle | kTitle))) return -1;
        return e;
      }
      return -1;
    }
    return -1;
  }

  bool after_allowed(uint32_t i, const QuoteSpan& span, const Event& ev) const {
    const std::string_view v = inner(span);
    if (v.empty()) return false;
    const uint32_t next = i + 1;
    if (next < tokens_.size() && (tokens_[next].kind == Tok::comma || tokens_[next].kind == Tok::dash)) return true;
    if (v.ends_with(",") || v.ends_with("?") || v.ends_with("!") || v.ends_with("\u2014") || v.ends_with("\u2026") ||
        v.ends_with("-") || v.ends_with(":"))
      return true;
    if (!v.ends_with(".")) return false;
    // "...end." She said. is rare; a new sentence that starts "Smith said" and
    // carries on is reported speech of its own.
    if (next < tokens_.size() && tokens_[next].kind == Tok::word && !tokens_[next].upper) return true;
    uint32_t k = ev.link_end + 1;
    uint32_t extra = 0;
    while (k < tokens_.size() && !boundary(k)) {
      ++extra;
      ++k;
    }
    return extra <= 3;
  }

  // The last cue before quotation token i in its sentence, and whether only
  // punctuation stands between them (direct) or words (embedded, partial).
  int event_before(uint32_t i, bool& embedded) const {
    // Embedded quotations do not end the clause that introduces a later one.
    uint32_t floor = i;
    while (floor > 0 && i - floor < 60 && !tokens_[floor - 1].sentence_end && tokens_[floor - 1].kind != Tok::para)
      --floor;
    bool shared_subject = false;
    for (uint32_t k = i; k > floor;) {
      --k;
      const int e = event_at_[k];
      if (e < 0) continue;
      const Event& ev = events_[static_cast<size_t>(e)];
      // "said the plan was 'unfunded' and warned against ...": the second cue
      // shares the first one's subject.
      if (!ev.has_subject) {
        shared_subject = true;
        continue;
      }
      uint32_t words = 0;
      bool only_punct = true;
      for (uint32_t m = ev.link_end + 1; m < i; ++m) {
        if (tokens_[m].kind == Tok::word) {
          ++words;
          only_punct = false;
        } else if (tokens_[m].kind != Tok::comma && tokens_[m].kind != Tok::colon && tokens_[m].kind != Tok::dash) {
          only_punct = false;
        }
      }
      if (words > 20 && !shared_subject) return -1;
      embedded = !only_punct || ev.partial_only || shared_subject;
      return e;
    }
    // "Smith said:" closing the previous paragraph introduces this one.
    if (floor == i && i >= 2 && tokens_[i - 1].kind == Tok::para && tokens_[i - 2].kind == Tok::colon) {
      const uint32_t colon = i - 2;
      for (uint32_t k = colon; k > 0 && colon - k < 8;) {
        --k;
        const int e = event_at_[k];
        if (e >= 0 && events_[static_cast<size_t>(e)].has_subject &&
            events_[static_cast<size_t>(e)].link_end + 1 == colon) {
          embedded = false;
          return e;
        }
        if (boundary(k)) break;
      }
    }
    return -1;
  }

  void link_quotes(Article& article) {
    uint32_t prev_quote = kNone;
    std::optional<Quote> prev_result;
    bool prev_after = false;
    for (uint32_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind != Tok::quote) continue;
      const QuoteSpan& span = spans_[tokens_[i].quote];
      Quote q = make_quote(span);
      if (q.text.empty()) continue;
      const std::string_view v = q.text;
      size_t len = 0;
      const uint32_t first_cp = decode_at(v, 0, len);
      const bool starts_upper = is_upper(first_cp) || (first_cp >= '0' && first_cp <= '9');
      const bool starts_sentence = i == 0 || boundary(i - 1);
      const size_t words = word_count(v);
      const bool sentence_like = starts_upper && (words >= 3 || (words == 2 && ends_terminal(v))) &&
                                 (ends_terminal(v) || v.ends_with(",") || v.ends_with("\u2014") ||
                                  (i + 1 < tokens_.size() && tokens_[i + 1].kind == Tok::comma));
      bool linked = false;
      bool linked_after = false;
      if (const int e = event_after(i); e >= 0 && after_allowed(i, span, events_[static_cast<size_t>(e)])) {
        Event& ev = events_[static_cast<size_t>(e)];
        attribute(q, ev, ev.confidence);
        ev.used = true;
        q.kind = starts_sentence && starts_upper ? Quote::Kind::direct : Quote::Kind::partial;
        linked = true;
        linked_after = true;
      }
      bool embedded = false;
      if (!linked) {
        if (const int e = event_before(i, embedded); e >= 0) {
          Event& ev = events_[static_cast<size_t>(e)];
          const bool title_like =
              starts_upper && words <= 5 && !ends_terminal(v) && !v.ends_with(",") && !ev.partial_only;
          if (embedded && title_like) {
            q.kind = Quote::Kind::scare;  // a title or a word the writer marks, not speech
          } else {
            attribute(q, ev, ev.confidence);
            ev.used = true;
            q.kind = !embedded && starts_upper ? Quote::Kind::direct : Quote::Kind::partial;
          }
          linked = true;
        }
      }
      if (!linked && starts_sentence && sentence_like && prev_quote != kNone && prev_result &&
          prev_result->speaker && follows_closely(prev_quote, i, prev_after)) {
        // A floating quotation continues the previous speaker.
        q.speaker = prev_result->speaker;
        q.speaker_role = prev_result->speaker_role;
        q.cue = prev_result->cue;
        q.kind = Quote::Kind::direct;
        q.confidence = 0.7;
        linked = true;
      }
      if (!linked) {
        if (starts_sentence && sentence_like) {
          q.kind = Quote::Kind::direct;
          q.confidence = 0.4;
        } else if (words <= 6 || !starts_sentence) {
          q.kind = words <= 6 ? Quote::Kind::scare : Quote::Kind::partial;
          q.confidence = 0.4;
        }
      }
      if (q.kind != Quote::Kind::scare) {
        prev_quote = i;
        prev_result = q;
        prev_after = linked_after;
      }
      article.quotes.push_back(std::move(q));
    }
  }

  // True when quotation j sits in the sentence just before quotation i.
  bool follows_closely(uint32_t j, uint32_t i, bool j_attributed_after) const {
    uint32_t ends = tokens_[j].sentence_end && !j_attributed_after ? 1 : 0;
    uint32_t paras = 0;
    for (uint32_t k = j + 1; k < i; ++k) {
      if (tokens_[k].kind == Tok::para) ++paras;
      else if (tokens_[k].sentence_end) ++ends;
      if (ends > 1 || paras > 1) return false;
    }
    return ends + paras >= 1;
  }

  // Reported speech: a named subject, a cue and a clause with no quotation.
  void add_indirect(Article& article) {
    for (const Event& ev : events_) {
      if (ev.used || ev.speaker < 0 || ev.inverted || ev.partial_only) continue;
      lower_word(tokens_[ev.cue]);
      if (lower_ == "asked" || lower_ == "asks") continue;
      uint32_t f = ev.link_end + 1;
      if (f >= tokens_.size() || tokens_[f].kind != Tok::word) continue;
      lower_word(tokens_[f]);
      if (lower_ == "that") ++f;
      uint32_t e = f;
      bool has_quote = false;
      while (e < tokens_.size() && !boundary(e)) ++e;
      if (e < tokens_.size() && tokens_[e].kind == Tok::quote) has_quote = true;
      if (has_quote || e <= f + 2) continue;
      // Skip clauses that are only a time or place ("said on Tuesday.").
      Quote q;
      q.start = tokens_[f].start;
      q.end = tokens_[e - 1].end;
      while (q.end > q.start && (text_[q.end - 1] == ',' || text_[q.end - 1] == ' ')) --q.end;
      q.text.assign(text_, q.start, q.end - q.start);
      const Named& n = named_[static_cast<size_t>(ev.speaker)];
      q.speaker = n.name;
      q.speaker_role = ev.role ? ev.role : n.role;
      q.cue.assign(text_, ev.cue_start, ev.cue_end - ev.cue_start);
      q.kind = Quote::Kind::indirect;
      q.confidence = 0.6;
      article.quotes.push_back(std::move(q));
    }
  }

  void collect_speakers(Article& article) {
    for (const Quote& q : article.quotes) {
      if (!q.speaker || (q.kind != Quote::Kind::direct && q.kind != Quote::Kind::partial)) continue;
      auto it = std::find_if(article.speakers.begin(), article.speakers.end(),
                             [&](const Speaker& s) { return s.name == *q.speaker; });
      if (it == article.speakers.end()) {
        article.speakers.push_back(Speaker{*q.speaker, q.speaker_role, 1});
      } else {
        ++it->quote_count;
        if (!it->role) it->role = q.speaker_role;
      }
    }
  }

  // Every named speaker appears among the entities: a matching entity lends
  // its full name ("Stoltenberg" -> "Jens Stoltenberg"); otherwise one is
  // added with the number of mentions the processor saw.
  void reconcile_speakers_with_entities(Article& article) {
    for (Speaker& s : article.speakers) {
      const std::string lower = lower_of(s.name);
      Entity* match = nullptr;
      for (Entity& e : article.entities) {
        if (e.type != Entity::Type::person && e.type != Entity::Type::organization) continue;
        const std::string el = lower_of(e.text);
        if (el == lower) {
          match = &e;
          break;
        }
        if (!match && e.type == Entity::Type::person && el.size() > lower.size() && el.ends_with(" " + lower))
          match = &e;
      }
      // A multi-word speaker is already a full name; a longer entity ending in
      // it carries a title or role picked up at a sentence start ("Councillor
      // Priya Shah"), so the entity takes the speaker's name, not the reverse.
      if (match && match->text.size() != s.name.size() && s.name.find(' ') != std::string::npos) {
        match->text = s.name;
        continue;
      }
      if (match) {
        if (match->text != s.name) {
          for (Quote& q : article.quotes)
            if (q.speaker && *q.speaker == s.name) q.speaker = match->text;
          s.name = match->text;
        }
        continue;
      }
      const auto it = by_name_.find(lower);
      const bool org = it != by_name_.end() && named_[static_cast<size_t>(it->second)].org;
      const uint32_t mentions = it != by_name_.end() ? std::max(1u, named_[static_cast<size_t>(it->second)].mentions)
                                                     : s.quote_count;
      article.entities.push_back(
          Entity{s.name, org ? Entity::Type::organization : Entity::Type::person, mentions, ""});
    }
  }

  std::shared_ptr<const QuoteRules> rules_;
  bool indirect_ = true;
  // Per-record scratch, reused across records.
  std::string_view text_;
  std::vector<QuoteSpan> spans_;
  std::vector<Token> tokens_;
  std::vector<Event> events_;
  std::vector<int> event_at_;  // token index -> event index, -1 if none
  std::vector<Named> named_;
  std::unordered_map<std::string, int> by_name_;      // lower-cased full name -> Named
  std::unordered_map<std::string, int> by_last_;      // lower-cased surname -> most recent person
  std::unordered_map<std::string, int> by_first_;     // lower-cased first name -> first person with it
  std::unordered_map<std::string, int> by_last_org_;  // lower-cased head noun -> most recent organisation
  std::vector<int> recent_people_, recent_orgs_;
  int sentence_person_ = -1;  // first person subject of the current sentence
  std::string lower_;
};

}  // namespace

std::unique_ptr<Processor> make_quotes_processor(const QuotesOptions& options) {
  if (!options.rules) throw ConfigError("quotes: no rules loaded (load_quote_rules)");
  return std::make_unique<QuotesProcessor>(options);
}

}  // namespace newsflow::processors
