#include "topics/names.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "topics/matcher.hpp"

namespace newsflow::processors::topics {

namespace {

enum : uint16_t {
  kCapital = 1,    // starts with an upper-case letter
  kCovered = 2,    // inside a gazetteer match
  kTitle = 4,
  kNotName = 8,
  kFirstName = 16,
  kOrgHead = 32,
  kAcronym = 64,   // all capitals, or contains digits
  kConnector = 128,
  kRole = 256,     // lower-case role word ("spokesperson")
  kSpeech = 512,   // lower-case speech verb ("said")
  kOrgWord = 1024,  // lower-case noun for an organisation ("startup")
  kDemonym = 2048,  // nationality ("Norwegian"): never a person
  kRoleTitle = 4096,  // a role word used as a title ("Singer"): a title only before a full name
  kParticle = 8192,   // lower-case word inside a person's name ("de", "van")
  kPlaceHead = 16384,  // capitalised word that ends a place's name ("County")
};

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

}  // namespace

std::string NameFinder::join(std::string_view text, size_t first, size_t last) const {
  std::string out;
  for (size_t i = first; i <= last; ++i) {
    if (i > first) out += ' ';
    out.append(text.substr(tokens_[i].start, tokens_[i].end - tokens_[i].start));
    // Keep the full stop of a middle initial: "George W. Bush".
    if (i < last && tokens_[i].end - tokens_[i].start == 1 && tokens_[i].end < text.size() && text[tokens_[i].end] == '.')
      out += '.';
  }
  return out;
}

// Name tokens are the shared word runs (text/tokenizer.hpp) joined across
// the few gaps a name keeps inside it, so the text is not scanned byte by
// byte a second time.
void NameFinder::tokenize(const Words& run, const std::vector<Span>& covered) {
  const std::string_view text = run.text;
  const std::vector<text::Token>& words = run.tokens;
  tokens_.clear();
  size_t gap_start = 0, span = 0;
  for (size_t w = 0; w < words.size();) {
    const size_t first = w;
    const size_t start = words[w].start;
    size_t i = words[w].end;
    // text[i, next) is the gap to the next run; every byte of it is a non-word character.
    for (++w; w < words.size(); ++w) {
      const size_t next = words[w].start;
      // Only these gaps can join; most gaps are a space, settled here in one
      // well-predicted branch.
      const char gap = text[i];
      if (gap != '-' && gap != '.' && gap != '\'' && gap != '\xE2') break;
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
    // One shared word: its lexicon entry answers. A joined one ("Jean-Paul")
    // has no hash of its own.
    uint32_t bits = 0;
    if (w != first + 1) {
      const WordClasses::Entry* known = lists_.classes.find(word, text.data() + text.size());
      bits = known ? TokenLexicon::kFound | known->second : 0;
    } else if (lexicon_.for_names(run.entries[first])) {
      bits = lexicon_.class_bits(run.entries[first], word, text.data() + text.size());
    }
    // A lower-case word in no list can neither start a name nor stand in
    // one (runs are capitalised words, connectors and particles), and the
    // bits read of its neighbours (role, speech verb, organisation word) come
    // from the lists: it keeps no class, and what follows (the covered span,
    // the acronym test) is only read of tokens inside a run.
    if (!(t.cls & kCapital) && bits == 0) {
      tokens_.push_back(t);
      gap_start = i;
      continue;
    }
    while (span < covered.size() && covered[span].end <= start) ++span;
    if (span < covered.size() && covered[span].start <= start && covered[span].end >= i)
      t.cls |= kCovered;
    // Lower-case letters and digits of the word, eight bytes at a time.
    uint64_t lower = 0, digit = 0;
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
    const bool has_lower = lower != 0, has_digit = digit != 0;
    if (has_digit || (!has_lower && word.size() > 1 && (t.cls & kCapital))) t.cls |= kAcronym;
    if (bits != 0) {
      if (bits & kTitleWord) t.cls |= kTitle;
      if (bits & kNotNameWord) t.cls |= kNotName;
      if (bits & kFirstNameWord) t.cls |= kFirstName;
      if (bits & kOrgHeadWord) t.cls |= kOrgHead;
      if (bits & kDemonymWord) t.cls |= kDemonym;
      if (bits & kRoleTitleWord) t.cls |= kRoleTitle;
      if ((bits & kPlaceHeadWord) && (t.cls & kCapital)) t.cls |= kPlaceHead;
      if (!(t.cls & kCapital)) {
        if (bits & kConnectorWord) t.cls |= kConnector;
        if (bits & kParticleWord) t.cls |= kParticle;
        if (bits & kRoleWord) t.cls |= kRole;
        if (bits & kSpeechWord) t.cls |= kSpeech;
        if (bits & kOrgWordWord) t.cls |= kOrgWord;
      }
    }
    tokens_.push_back(t);
    gap_start = i;
  }
}

void NameFinder::add_name(std::string name, Entity::Type type, std::vector<FoundName>& out) {
  // "Equifax Equifax holds data": a caption run into the text repeats one
  // word; no person is called that.
  if (type == Entity::Type::person) {
    const auto space = name.find(' ');
    if (space != std::string::npos && name.compare(space + 1, std::string::npos, name, 0, space) == 0) return;
  }
  auto& index = type == Entity::Type::person ? person_index_ : org_index_;
  auto [it, inserted] = index.try_emplace(name, out.size());
  if (!inserted) {
    ++out[it->second].count;
    return;
  }
  out.push_back({std::move(name), type, 1, order_++});
}

namespace {

// Words for a settlement: "near Xyz, a village", "the town of Xyz".
constexpr std::string_view kSettlements[] = {"town", "city", "village", "suburb", "port", "district",
                                             "province", "region", "county", "state"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// What a company has and a person has not: "Lumen Grid's shareholders", "the
// headquarters of Lumen Grid"; and what one buys of a company: "shares in
// Lumen Grid" (a person has shares, so "Buffett's shares" says nothing).
constexpr std::string_view kOrgOwned[] = {"shareholders", "headquarters", "subsidiary", "subsidiaries", "workforce"};
constexpr std::string_view kOrgBought[] = {"shareholders", "headquarters", "subsidiary", "shares", "stake"};

}  // namespace

// "in Xyz, Poland" / "near Xyz, a village": after token k, a comma and a
// known place, or "a"/"the" and a word for a settlement.
bool NameFinder::placed_by_apposition(std::string_view text, size_t k) const {
  if (k + 1 >= tokens_.size() || text.substr(tokens_[k].end, tokens_[k + 1].start - tokens_[k].end) != ", ")
    return false;
  // A known place starts right there ("Poland", "New South Wales").
  const uint32_t at = tokens_[k + 1].start;
  auto place = std::lower_bound(body_places_->begin(), body_places_->end(), at,
                                [](const Span& s, uint32_t pos) { return s.end <= pos; });
  if (place != body_places_->end() && place->start <= at) return true;
  auto word = [&](size_t j) { return text.substr(tokens_[j].start, tokens_[j].end - tokens_[j].start); };
  if (k + 2 >= tokens_.size() || (word(k + 1) != "a" && word(k + 1) != "the")) return false;
  return listed(kSettlements, word(k + 2));
}

void NameFinder::collect_places(std::string_view text) {
  const uint16_t never = kCovered | kNotName | kTitle | kFirstName | kOrgHead | kAcronym | kDemonym;
  auto add = [&](std::string_view w, uint32_t weight) {
    for (auto& [name, evidence] : places_)
      if (name == w) {
        evidence += weight;
        return;
      }
    if (places_.size() < 16) places_.emplace_back(std::string(w), weight);
  };
  const size_t n = tokens_.size();
  for (size_t k = 0; k < n; ++k) {
    const Token& t = tokens_[k];
    if (!(t.cls & kCapital) || (t.cls & never)) continue;
    std::string_view w = text.substr(t.start, t.end - t.start);
    const bool after_capital = k > 0 && (tokens_[k - 1].cls & kCapital) && !(tokens_[k - 1].cls & kNotName) &&
                               text.substr(t.gap_start, t.start - t.gap_start) == " ";
    if (w.size() > 9 && w.ends_with("-based")) {
      // "a Tromso-based fleet", not "San Diego-based" (a run) or "Dutch-based".
      std::string_view place = w.substr(0, w.size() - 6);
      auto known = lists_.classes.find(place);
      const bool listed = known != lists_.classes.end();
      const bool all_caps = std::none_of(place.begin(), place.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!after_capital && !listed && !all_caps) add(place, 2);
      continue;
    }
    if (k == 0) continue;
    std::string_view before = text.substr(tokens_[k - 1].start, tokens_[k - 1].end - tokens_[k - 1].start);
    std::string_view gap = text.substr(t.gap_start, t.start - t.gap_start);
    if (gap != " ") continue;
    // "the town of Xyz", "the mayor of Xyz": one mention names a place. The
    // first test is two bytes, as most capitalised words follow no "of".
    bool of_settlement = false;
    if (before.size() == 2 && before[0] == 'o' && before[1] == 'f' && k >= 2) {
      auto word = [&](size_t j) { return text.substr(tokens_[j].start, tokens_[j].end - tokens_[j].start); };
      of_settlement = word(k - 2) == "mayor" || (k >= 3 && listed(kSettlements, word(k - 2)) && word(k - 3) == "the");
    }
    if (!(of_settlement || before == "in" || before == "near" || before == "from" || before == "outside")) continue;
    // A lone capitalised word: "in Xyz." / "in Xyz, ..." but not "in Xyz Park" or "in Xyz's".
    if (k + 1 < n && (tokens_[k + 1].cls & kCapital) &&
        text.substr(tokens_[k + 1].gap_start, tokens_[k + 1].start - tokens_[k + 1].gap_start) == " ")
      continue;
    if (t.end < text.size() && (text[t.end] == '\'' || text.compare(t.end, 3, "\xE2\x80\x99") == 0)) continue;
    // A word that is also the word after it ("Skip in Skip", page furniture)
    // or that opens the next word's run is no place.
    if (k >= 2 && text.substr(tokens_[k - 2].start, tokens_[k - 2].end - tokens_[k - 2].start) == w) continue;
    add(w, of_settlement || placed_by_apposition(text, k) ? 2 : 1);
  }
}

void NameFinder::scan_runs(std::string_view text, bool confirm_only, std::vector<FoundName>& out) {
  auto word = [&](size_t k) { return text.substr(tokens_[k].start, tokens_[k].end - tokens_[k].start); };
  auto gap = [&](size_t k) { return text.substr(tokens_[k].gap_start, tokens_[k].start - tokens_[k].gap_start); };
  // Tokens k-1 and k belong to one name only when a single space separates
  // them, or "Mr. " after a title abbreviation.
  auto initial = [&](size_t t) { return tokens_[t].end - tokens_[t].start == 1 && (tokens_[t].cls & kCapital); };
  auto joined = [&](size_t k) {
    std::string_view g = gap(k);
    if (g == " ") return true;
    // "Mr. Smith", "George W. Bush".
    return g == ". " && ((tokens_[k - 1].cls & kTitle) || initial(k - 1));
  };
  // Capitalised for grammar, not as a name: the first word of a sentence,
  // a paragraph or a quotation.
  auto sentence_start = [&](size_t t) {
    if (t == 0) return true;
    for (char c : gap(t))
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '(') return true;
    std::string_view g = gap(t);
    return g.find("\xE2\x80\x9C") != std::string_view::npos;  // “
  };
  size_t n = tokens_.size();
  size_t k = 0;
  while (k < n) {
    if (!(tokens_[k].cls & kCapital)) {
      ++k;
      continue;
    }
    // A run: capitalised tokens, with connectors ("of", "for") between them.
    size_t a = k, b = k;
    while (b + 1 < n && joined(b + 1)) {
      if (tokens_[b + 1].cls & kCapital) {
        ++b;
      } else if ((tokens_[b + 1].cls & kConnector) && b + 2 < n && joined(b + 2) && (tokens_[b + 2].cls & kCapital)) {
        b += 2;
      } else if (tokens_[b + 1].cls & kParticle) {
        size_t k = b + 1;  // "van der Berg"
        while (k + 1 < n && joined(k + 1) && (tokens_[k + 1].cls & kParticle)) ++k;
        if (k + 1 >= n || !joined(k + 1) || !(tokens_[k + 1].cls & kCapital)) break;
        b = k + 1;
      } else {
        break;
      }
    }
    k = b + 1;

    if (confirm_only) {
      for (size_t i = a; i <= b; ++i) {
        if (tokens_[i].cls & (kCovered | kConnector)) continue;
        size_t j = i;
        while (j + 1 <= b && !(tokens_[j + 1].cls & (kCovered | kConnector | kTitle))) ++j;
        confirm_.push_back(join(text, i, j));
        i = j;
      }
      continue;
    }

    // A place the gazetteer lacks, by its head: "Erie County", "Kherson
    // Oblast" (up to three words before the head). What stands before it
    // in the run ("Sheriff Ann Lee of Erie County") is read on as usual.
    for (size_t h = a + 1; h <= b; ++h) {
      if (!(tokens_[h].cls & kPlaceHead) || (tokens_[h].cls & kCovered)) continue;
      const uint16_t no = kNotName | kConnector | kTitle | kOrgHead | kDemonym | kAcronym | kPlaceHead;
      size_t start = h;
      while (start > a && h - start < 3 && !(tokens_[start - 1].cls & no)) --start;
      if (start == h) break;
      add_name(join(text, start, h), Entity::Type::place, out);
      if (start > a) {
        b = start - 1;
        while (b > a && (tokens_[b].cls & kConnector)) --b;
      } else {
        a = h + 1;
      }
      break;
    }
    if (a > b) continue;

    // Organisation: the run holds an organisation word ("Ministry"). It
    // spans from the first real word to the head, plus what follows the
    // head up to a title ("Harvard University Professor Jane Smith").
    size_t org_end = SIZE_MAX, head = SIZE_MAX;
    for (size_t i = a; i <= b; ++i)
      if ((tokens_[i].cls & kOrgHead) && !(tokens_[i].cls & kCovered)) {
        head = i;
        break;
      }
    size_t person_from = a;
    if (head != SIZE_MAX) {
      size_t start = a;
      while (start < head && (tokens_[start].cls & (kNotName | kConnector)) && !(tokens_[start].cls & kCovered)) ++start;
      // After the head the name goes on only through a connector
      // ("Council on Foreign Relations", not "Airways Flight").
      org_end = head;
      // "Detroit Lions and Chicago Bears": an "and" right after the head,
      // with another head behind it, joins two organisations, not one name
      // ("Department of Health and Human Services" has no head before it).
      if (head + 2 <= b && (word(head + 1) == "and" || word(head + 1) == "&")) {
        bool second = false;
        for (size_t h = head + 2; h <= b && !second; ++h) second = tokens_[h].cls & kOrgHead;
        if (second) {
          bool covered = true;
          for (size_t i = start; i <= head; ++i) covered = covered && (tokens_[i].cls & kCovered);
          if (head > start && !covered) add_name(join(text, start, head), Entity::Type::organization, out);
          k = head + 2;  // the next run starts after "and"
          continue;
        }
      }
      // A weekday or month ends it: "Pasteur Hospital on Friday".
      if (head + 1 <= b && (tokens_[head + 1].cls & kConnector))
        while (org_end + 1 <= b && !(tokens_[org_end + 1].cls & (kTitle | kNotName))) ++org_end;
      while (org_end > head && (tokens_[org_end].cls & kConnector)) --org_end;
      bool all_covered = true;
      for (size_t i = start; i <= org_end; ++i)
        if (!(tokens_[i].cls & kCovered)) all_covered = false;
      if (org_end > start && !all_covered) add_name(join(text, start, org_end), Entity::Type::organization, out);
      person_from = org_end + 1;
    }

    bool title_seen = false;
    for (size_t i = a; i < person_from; ++i)
      if (tokens_[i].cls & kTitle) title_seen = true;
    size_t i = person_from;
    while (i <= b) {
      const uint16_t stop = kCovered | kTitle | kNotName | kConnector | kOrgHead | kAcronym | kDemonym;
      if (tokens_[i].cls & stop) {
        if (tokens_[i].cls & kTitle) title_seen = true;
        ++i;
        continue;
      }
      size_t j = i;
      size_t particles = 0;
      // "Charles de Gaulle", "Paulino do Rego Barros": a particle between
      // two words of the name keeps it whole.
      while (j + 1 <= b) {
        if (!(tokens_[j + 1].cls & stop)) {
          ++j;
        } else if (tokens_[j + 1].cls & kParticle) {
          size_t k = j + 1;  // "van der Berg": particles in a row
          while (k + 1 <= b && (tokens_[k + 1].cls & kParticle)) ++k;
          if (k + 1 > b || (tokens_[k + 1].cls & stop)) break;
          particles += k - j;
          j = k + 1;
        } else {
          break;
        }
      }
      size_t length = j - i + 1 - particles;
      // A role word makes a title only for a full name ("Actor Charlie
      // Sheen"); before one word it is mostly a noun in a proper name
      // ("Singer Building", "Star Wars", "Official Visit").
      bool title_before = i > a && (tokens_[i - 1].cls & kTitle) && !(tokens_[i - 1].cls & kRoleTitle);
      bool first_name = tokens_[i].cls & kFirstName;
      auto lower_word_before_run = [&](uint16_t cls) {
        return i == a && a > 0 && gap(a) == " " && (tokens_[a - 1].cls & cls);
      };
      bool role_before = lower_word_before_run(kRole);
      bool speech_before = lower_word_before_run(kSpeech);
      bool at_end = j == b;
      bool speech_after = at_end && j + 1 < n && gap(j + 1) == " " && (tokens_[j + 1].cls & kSpeech);
      bool apposition = false, org_apposition = false, thing = false;
      // Pronouns that no person takes: "Rivermark said its profits ..." is
      // a company; "the Swiss Crystal, which ..." is a ship, a product or a
      // company, but no person.
      if (speech_after && j + 2 < n && gap(j + 2) == " " && word(j + 2) == "its") org_apposition = true;
      // "Lumen Grid said it would ... The company ...": "it" and then "the
      // company" soon after, with no given name, title or role to say person.
      if (speech_after && j + 2 < n && gap(j + 2) == " " && word(j + 2) == "it" && !first_name && !title_seen &&
          !role_before)
        for (size_t k = j + 3; k < n && tokens_[k].start < tokens_[j].end + 300; ++k)
          if ((tokens_[k].cls & kOrgWord) && (word(k - 1) == "the" || word(k - 1) == "The")) {
            org_apposition = true;
            break;
          }
      if (at_end && j + 1 < n && gap(j + 1) == ", ") {
        std::string_view next = word(j + 1);
        thing = next == "which";
        apposition = next == "a" || next == "an" || next == "the" || next == "who" || (tokens_[j + 1].cls & kRole);
        // "Lumen Grid, a Berlin-based startup": a company named like a person.
        if (next == "a" || next == "an" || next == "the")
          for (size_t k = j + 2; k < n && k <= j + 5 && gap(k).find_first_of(",.;") == std::string_view::npos; ++k) {
            if (tokens_[k].cls & kRole) break;
            if (tokens_[k].cls & kOrgWord) {
              org_apposition = true;
              break;
            }
          }
      }
      // "The start-up, Lumen Grid, makes ...": the company noun before the name.
      if (i == a && i > 0 && (tokens_[i - 1].cls & kOrgWord) && at_end && j + 1 < n && gap(i) == ", " &&
          gap(j + 1) == ", ")
        org_apposition = true;
      // Cheap tests first: a one-letter "s" token, a two-letter word before.
      if (j + 2 < n && tokens_[j + 1].end == tokens_[j + 1].start + 1 && text[tokens_[j + 1].start] == 's' &&
          (gap(j + 1) == "'" || gap(j + 1) == "\xE2\x80\x99") && gap(j + 2) == " " && listed(kOrgOwned, word(j + 2)))
        org_apposition = true;
      if (i == a && i >= 2 && tokens_[i - 1].end == tokens_[i - 1].start + 2 && gap(i) == " " && gap(i - 1) == " " &&
          (word(i - 1) == "of" || word(i - 1) == "in") && listed(kOrgBought, word(i - 2)))
        org_apposition = true;
      bool cue = title_seen || first_name || role_before || speech_before || speech_after || apposition;
      bool ends_in_initial = initial(j);
      // "(Reporting by Soyoung Kim; Editing by ...)": the wire's staff, not
      // people in the story.
      bool credit = i >= 2 && word(i - 1) == "by" &&
                    (word(i - 2) == "reporting" || word(i - 2) == "Reporting" || word(i - 2) == "writing" ||
                     word(i - 2) == "Writing" || word(i - 2) == "editing" || word(i - 2) == "Editing");
      if (credit) {
      } else if (ends_in_initial || (length == 1 && initial(i))) {
        // "Lloyd C." cut from its surname, or a lone letter: not a name.
      } else if (org_apposition && !title_seen && !first_name && !role_before) {
        add_name(join(text, i, j), Entity::Type::organization, out);
      } else if (thing && !title_seen && !first_name && !role_before) {
      } else if (length >= 2 && length <= 4 && cue) {
        add_name(join(text, i, j), Entity::Type::person, out);
      } else if (length >= 2 && length <= 3 && (i > a || !sentence_start(a))) {
        // No cue yet: a person if the last name recurs on its own later
        // ("Bukayo Saka scored twice ... Saka added").
        uncued_.push_back(join(text, i, j));
      } else if (length == 1) {
        if (title_before) {
          // "Mr Sacks": a person on its own unless a full name claims it.
          singles_.push_back("\x01" + std::string(word(i)));
        } else {
          singles_.emplace_back(word(i));
        }
      }
      i = j + 1;
    }
  }
}

void NameFinder::find(const Words& title, const std::vector<Span>& title_covered, const Words& body,
                      const std::vector<Span>& body_covered, const std::vector<Span>& body_places,
                      std::vector<FoundName>& out) {
  body_places_ = &body_places;
  out.clear();
  singles_.clear();
  confirm_.clear();
  uncued_.clear();
  person_index_.clear();
  org_index_.clear();
  last_name_.clear();
  order_ = 0;
  places_.clear();
  tokenize(body, body_covered);
  scan_runs(body.text, false, out);
  collect_places(body.text);
  tokenize(title, title_covered);
  scan_runs(title.text, true, out);

  // Uncued full names whose last word recurs alone become people. Only the
  // body's one-word mentions count as corroboration.
  if (!uncued_.empty()) {
    NameIndex alone;
    for (const auto& s : singles_) ++alone[s[0] == '\x01' ? s.substr(1) : s];
    for (auto& name : uncued_) {
      std::string_view last = std::string_view(name).substr(name.rfind(' ') + 1);
      auto it = alone.find(last);
      if (it != alone.end() && it->second > 0 && !person_index_.count(name)) add_name(std::move(name), Entity::Type::person, out);
      else if (person_index_.count(name)) ++out[person_index_[name]].count;
    }
  }

  // A one-word mention belongs to the single person whose last name it is.
  size_t full_names = out.size();
  for (size_t i = 0; i < full_names; ++i) {
    const std::string& name = out[i].text;
    auto space = name.rfind(' ');
    if (out[i].type != Entity::Type::person || space == std::string::npos) continue;
    auto [it, inserted] = last_name_.try_emplace(name.substr(space + 1), i);
    if (!inserted) it->second = SIZE_MAX;
  }
  auto owner = [&](std::string_view w) -> FoundName* {
    auto it = last_name_.find(w);
    return it == last_name_.end() || it->second == SIZE_MAX ? nullptr : &out[it->second];
  };
  for (const auto& s : singles_) {
    bool titled = !s.empty() && s[0] == '\x01';
    std::string_view w = titled ? std::string_view(s).substr(1) : std::string_view(s);
    if (FoundName* f = owner(w)) {
      ++f->count;
    } else if (titled) {
      // "Mr Sacks" with no full name: a person of its own.
      add_name(std::string(w), Entity::Type::person, out);
    }
  }
  // Places found from context, unless the word names a person found here.
  for (auto& [name, evidence] : places_) {
    if (evidence < 2 || person_index_.count(name) || last_name_.count(name) || org_index_.count(name)) continue;
    out.push_back({std::move(name), Entity::Type::place, evidence, order_++});
  }
  for (const auto& c : confirm_) {
    auto it = person_index_.find(c);
    if (it != person_index_.end()) {
      ++out[it->second].count;
    } else if (c.find(' ') == std::string::npos) {
      if (FoundName* f = owner(c)) ++f->count;
    }
  }
  // "Lumen Grid said ... Lumen Grid's shareholders": a name that one
  // mention shows to be an organisation is no person in the others.
  if (!org_index_.empty() && !person_index_.empty()) {
    for (auto& [name, at] : person_index_) {
      auto org = org_index_.find(name);
      if (org == org_index_.end()) continue;
      out[org->second].count += out[at].count;
      out[at].count = 0;
    }
    std::erase_if(out, [](const FoundName& f) { return f.count == 0; });
  }
}

}  // namespace newsflow::processors::topics
