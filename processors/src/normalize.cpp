#include "newsflow/processors/normalize.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <emmintrin.h>

#include "newsflow/processors/rule_file.hpp"
#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {

namespace {

enum class RuleKind { line, prefix, word_prefix, heading_prefix };

constexpr std::pair<std::string_view, RuleKind> kRuleKinds[] = {
    {"line", RuleKind::line},
    {"prefix", RuleKind::prefix},
    {"word-prefix", RuleKind::word_prefix},
    {"heading-prefix", RuleKind::heading_prefix},
};

struct ChromeRule {
  RuleKind kind;
  std::string text;      // as written
  std::string match;     // what lines are compared with (see fold_line, fold_prefix)
  std::string location;  // "path:line: "
};

// Sixteen bytes per step (SSE2; bytes from 0x80 are negative as signed
// chars and never in 'A'..'Z'), the tail byte by byte.
void ascii_lower(std::string_view s, std::string& out) {
  out.assign(s);
  char* p = out.data();
  const size_t n = out.size();
  size_t i = 0;
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1), bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p + i), _mm_or_si128(v, _mm_and_si128(upper, bit)));
  }
  for (; i < n; ++i)
    if (p[i] >= 'A' && p[i] <= 'Z') p[i] = static_cast<char>(p[i] + 32);
}

std::string ascii_lower(std::string_view s) {
  std::string out;
  ascii_lower(s, out);
  return out;
}

// A lower-cased line without its trailing dots, ellipses, colons and spaces,
// so "You may also like..." and "YOU MAY ALSO LIKE" meet one `line:` rule.
// Lower-casing leaves those bytes alone, so it may come before or after.
std::string_view strip_trailing_dots(std::string_view lowered) {
  for (;;) {
    if (lowered.ends_with("…"))
      lowered.remove_suffix(3);
    else if (!lowered.empty() && (lowered.back() == '.' || lowered.back() == ' ' || lowered.back() == ':'))
      lowered.remove_suffix(1);
    else
      return lowered;
  }
}

std::string fold_line(std::string_view line) { return std::string(strip_trailing_dots(ascii_lower(line))); }

// Prefix rules keep every character the author wrote, trailing blanks
// included; only runs of blanks become one space, as clean_body does to lines.
std::string fold_prefix(std::string_view text) {
  std::string out;
  for (char c : ascii_lower(text)) {
    if (c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// After a prefix ending in a letter or digit the word must end: "More in"
// meets "More in Politics", not "More information". Either case of the line
// gives the same answer.
bool ends_word_at(std::string_view line, std::string_view prefix) {
  if (prefix.empty() || !ascii_alnum(static_cast<unsigned char>(prefix.back())) || line.size() == prefix.size())
    return true;
  const std::string_view rest = line.substr(prefix.size());
  if (rest.starts_with("\xE2\x80")) return true;  // U+2000..U+203F: dashes, quotes, ellipsis
  // Other non-ASCII characters are taken for letters ("More iné" is one word).
  const auto next = static_cast<unsigned char>(rest.front());
  return !ascii_alnum(next) && next < 0x80;
}

size_t count_words(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool ends_like_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  if (s.empty()) return false;
  for (std::string_view close : {"”", "’", "»", "\"", "'", ")"})
    while (s.ends_with(close)) s.remove_suffix(close.size());
  if (s.empty()) return false;
  const char c = s.back();
  return c == '.' || c == '!' || c == '?' || s.ends_with("…");
}

// A word that reports speech: quoted lines in news often lack their final
// stop ("..., the ruling says") and must still read as prose.
bool reporting_word(std::string_view w) {
  while (!w.empty() && (w.back() == ',' || w.back() == ';' || w.back() == ':')) w.remove_suffix(1);
  for (std::string_view verb : {"said", "says", "say", "told", "tells", "added", "adds", "according", "announced",
                                "reported", "stated", "wrote", "warned"})
    if (w == verb) return true;
  return false;
}

}  // namespace

bool reads_as_prose(std::string_view line) {
  size_t words = 0, run = 0, lower = 0;
  bool reporting = false;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i == line.size()) break;
    const size_t end = std::min(line.find(' ', i), line.size());
    const std::string_view w = line.substr(i, end - i);
    i = end;
    ++words;
    ++run;
    lower += w.front() >= 'a' && w.front() <= 'z';
    reporting = reporting || reporting_word(w);
    if (!ends_like_sentence(w)) continue;
    if (run >= 5 && lower >= 2) return true;
    run = lower = 0;
    reporting = false;
  }
  return words > 40 || (run >= 5 && lower >= 2 && reporting);
}

namespace {

// `lowered` is the ASCII-lower-cased line, or at least as much of its start
// as the longest prefix rule; `folded` the whole line lowered without its
// trailing dots (strip_trailing_dots), read by `line:` rules only. The word
// and sentence ends are read off the line as it is (case does not change them).
bool rule_matches(const ChromeRule& rule, std::string_view line, std::string_view lowered, std::string_view folded) {
  switch (rule.kind) {
    case RuleKind::line: return folded == rule.match;
    case RuleKind::prefix: return lowered.starts_with(rule.match);
    case RuleKind::word_prefix: return lowered.starts_with(rule.match) && ends_word_at(line, rule.match);
    case RuleKind::heading_prefix:
      return lowered.starts_with(rule.match) && ends_word_at(line, rule.match) && !ends_like_sentence(line);
  }
  return false;
}

}  // namespace

class NormalizeRules {
 public:
  std::vector<ChromeRule> rules;                           // file order
  // Looked up with a view of each line, so matching allocates nothing.
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, size_t, ViewHash, std::equal_to<>> line_rules;  // match text -> index into rules
  size_t longest_line_rule = 0;    // bytes of the longest key of line_rules
  size_t longest_prefix_rule = 0;  // bytes of the longest match text of the other kinds
  // Indices into rules of the other kinds, by the first byte of their match
  // text, in file order: a line is compared only with the rules its first
  // byte can start.
  std::array<std::vector<size_t>, 256> prefix_rules_by_first;
  bool drop_title_repeats = true;
  // Short non-sentence lines before the first prose line (site banners,
  // category crumbs) are chrome when the article has prose after them.
  size_t leading_fragment_max_words = 0;  // 0 = off
  unsigned suspect_removed_percent = 50;

  // `lowered` as rule_matches takes it, and all of the line when
  // `folded_size` (the line's size without its trailing dots) is no more than
  // longest_line_rule.
  const ChromeRule* match(std::string_view line, std::string_view lowered, size_t folded_size) const {
    // Most lines are paragraphs, longer than any line: rule, and the lookup
    // hashed every byte of each one.
    std::string_view folded;
    if (folded_size <= longest_line_rule) {
      folded = lowered.substr(0, folded_size);
      if (auto it = line_rules.find(folded); it != line_rules.end()) return &rules[it->second];
    }
    if (lowered.empty()) return nullptr;  // prefix texts are never empty
    for (size_t i : prefix_rules_by_first[static_cast<unsigned char>(lowered.front())])
      if (rule_matches(rules[i], line, lowered, folded)) return &rules[i];
    return nullptr;
  }
};

namespace {

class NormalizeProcessor final : public Processor {
 public:
  explicit NormalizeProcessor(std::shared_ptr<const NormalizeRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "normalize"; }

  Outcome process(Article& article) override {
    decoded_.clear();
    clean_body(article.body, decoded_);
    split_lines(decoded_, lines_);

    const std::string title = fold_line(collapse_whitespace(article.title));
    // A whole-line rule matches text its author wrote out in full, so it is
    // always right; every other removal (prefix rules, a title repeat,
    // leading fragments) can be wrong and is judged by the share it takes.
    drop_.assign(lines_.size(), Drop::keep);
    for (size_t i = 0; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i];
      // Only a line that could be the title or a `line:` rule is lower-cased
      // in full; of a paragraph, only the bytes a prefix rule compares. Every
      // line was lowered whole, a fifth of normalize's instructions.
      const size_t folded_size = strip_trailing_dots(line).size();
      const bool whole = folded_size <= rules_->longest_line_rule || folded_size == title.size();
      ascii_lower(whole ? line : line.substr(0, rules_->longest_prefix_rule), lowered_);
      if (rules_->drop_title_repeats && !title.empty() && whole &&
          std::string_view(lowered_).substr(0, folded_size) == title) {
        drop_[i] = Drop::title;
      } else if (const ChromeRule* rule = rules_->match(line, lowered_, folded_size)) {
        drop_[i] = rule->kind == RuleKind::line ? Drop::certain : Drop::doubtful;
      }
    }
    if (rules_->leading_fragment_max_words > 0) drop_leading_fragments();
    // Only a rule that spells out the whole line may remove one that reads
    // as prose: a prefix, a title or a position can be met by a real
    // sentence ("We use cookies to target adverts, the company said."), and
    // a rule file must not be able to delete news text by accident.
    for (size_t i = 0; i < lines_.size(); ++i)
      if ((drop_[i] == Drop::doubtful || drop_[i] == Drop::title) && reads_as_prose(lines_[i])) drop_[i] = Drop::keep;

    size_t total = 0, kept = 0, doubtful = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
      total += lines_[i].size();
      if (drop_[i] == Drop::keep) kept += lines_[i].size();
      if (drop_[i] == Drop::doubtful || drop_[i] == Drop::title) doubtful += lines_[i].size();
    }
    if (kept == 0 && doubtful == 0)
      return Outcome::reject(RecordError::empty_body, lines_.empty() ? "body has no text once markup is removed"
                                                                      : "body is only page chrome (line: rules)");
    article.normalize_suspect = kept == 0 || doubtful * 100 > total * size_t{rules_->suspect_removed_percent};
    if (article.normalize_suspect) {
      // Rather a record with some chrome left than prose lost without a trace.
      for (auto& d : drop_)
        if (d != Drop::certain) d = Drop::keep;
    }

    std::string& text = article.text;
    text.clear();
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (drop_[i] != Drop::keep) continue;
      if (!text.empty()) text.append("\n\n");
      text.append(lines_[i]);
    }
    article.chrome_lines_removed = static_cast<uint32_t>(
        std::count_if(drop_.begin(), drop_.end(), [](Drop d) { return d == Drop::certain || d == Drop::doubtful; }));
    article.title_repeat_removed = std::find(drop_.begin(), drop_.end(), Drop::title) != drop_.end();
    return Outcome::pass();
  }

 private:
  enum class Drop : uint8_t { keep, certain, doubtful, title };

  void drop_leading_fragments() {
    size_t first_prose = lines_.size();
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (drop_[i] != Drop::keep) continue;
      if (ends_like_sentence(lines_[i]) || count_words(lines_[i]) > rules_->leading_fragment_max_words) {
        first_prose = i;
        break;
      }
    }
    if (first_prose == lines_.size()) return;  // no prose at all: keep everything
    for (size_t i = 0; i < first_prose; ++i)
      if (drop_[i] == Drop::keep) drop_[i] = Drop::doubtful;
  }

  std::shared_ptr<const NormalizeRules> rules_;
  std::string decoded_;                 // reused per record
  std::string lowered_;                 // reused per line
  std::vector<std::string_view> lines_;  // views into decoded_
  std::vector<Drop> drop_;
};

unsigned parse_number(const RuleLine& rule, unsigned max) {
  try {
    size_t used = 0;
    const unsigned long n = std::stoul(std::string(rule.value), &used);
    if (used == rule.value.size() && n <= max) return static_cast<unsigned>(n);
  } catch (const std::exception&) {
  }
  throw ConfigError(rule.location + std::string(rule.kind) + " needs a number from 0 to " + std::to_string(max));
}

}  // namespace

std::shared_ptr<const NormalizeRules> load_normalize_rules(const std::string& path) {
  auto rules = std::make_shared<NormalizeRules>();
  std::unordered_map<std::string, std::string> seen;  // match text -> location, per kind
  for_each_rule_line(path, "normalize.rules_file", [&](const RuleLine& rule) {
    const auto kind = std::find_if(std::begin(kRuleKinds), std::end(kRuleKinds),
                                   [&](const auto& k) { return k.first == rule.kind; });
    if (kind != std::end(kRuleKinds)) {
      if (trim(rule.verbatim).empty()) throw ConfigError(rule.location + std::string(rule.kind) + " needs a text");
      ChromeRule r{kind->second, std::string(rule.verbatim), "", rule.location};
      r.match = r.kind == RuleKind::line ? fold_line(collapse_whitespace(r.text)) : fold_prefix(r.text);
      // A rule that folds to an earlier one's text would never match: a typo
      // or a case variant the folding already covers.
      const auto [it, fresh] = seen.emplace(std::string(rule.kind) + ":" + r.match, rule.location);
      if (!fresh)
        throw ConfigError(rule.location + "'" + r.text + "' repeats the rule at " +
                          it->second.substr(0, it->second.size() - 2) + " (matching ignores case)");
      if (r.kind == RuleKind::line) {
        rules->line_rules.emplace(r.match, rules->rules.size());
        rules->longest_line_rule = std::max(rules->longest_line_rule, r.match.size());
      } else {
        rules->prefix_rules_by_first[static_cast<unsigned char>(r.match.front())].push_back(rules->rules.size());
        rules->longest_prefix_rule = std::max(rules->longest_prefix_rule, r.match.size());
      }
      rules->rules.push_back(std::move(r));
    } else if (rule.kind == "title_repeats") {
      if (rule.value != "drop" && rule.value != "keep")
        throw ConfigError(rule.location + "title_repeats is 'drop' or 'keep'");
      rules->drop_title_repeats = rule.value == "drop";
    } else if (rule.kind == "leading_fragments_max_words") {
      rules->leading_fragment_max_words = parse_number(rule, 1000);
    } else if (rule.kind == "suspect_removed_percent") {
      rules->suspect_removed_percent = parse_number(rule, 100);
    } else {
      throw ConfigError(rule.location + "unknown rule kind '" + std::string(rule.kind) +
                        "' (expected line, prefix, word-prefix, heading-prefix, title_repeats, "
                        "leading_fragments_max_words, suspect_removed_percent)");
    }
  });
  return rules;
}

std::unique_ptr<Processor> make_normalize_processor(std::shared_ptr<const NormalizeRules> rules) {
  return std::make_unique<NormalizeProcessor>(std::move(rules));
}

std::vector<ChromeRuleInfo> chrome_rules(const NormalizeRules& rules) {
  std::vector<ChromeRuleInfo> out;
  for (const auto& r : rules.rules) {
    const auto kind = std::find_if(std::begin(kRuleKinds), std::end(kRuleKinds),
                                   [&](const auto& k) { return k.second == r.kind; });
    out.push_back({std::string(kind->first), r.text, r.location});
  }
  return out;
}

bool chrome_rule_matches(const NormalizeRules& rules, size_t index, std::string_view line) {
  const ChromeRule& rule = rules.rules.at(index);
  const std::string lowered = ascii_lower(line);
  return rule_matches(rule, line, lowered, strip_trailing_dots(lowered)) &&
         (rule.kind == RuleKind::line || !reads_as_prose(line));
}

}  // namespace newsflow::processors
