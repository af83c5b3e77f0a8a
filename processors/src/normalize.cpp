#include "newsflow/processors/normalize.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "newsflow/processors/rule_file.hpp"
#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {

class NormalizeRules {
 public:
  std::unordered_set<std::string> exact_lines;  // folded (see fold_line)
  std::vector<std::string> prefixes;            // folded
  bool drop_title_repeats = true;
  // Short non-sentence lines before the first prose line (site banners,
  // category crumbs) are chrome when the article has prose after them.
  size_t leading_fragment_max_words = 0;  // 0 = off
};

namespace {

// Lower-cases ASCII and trims trailing dots and ellipses, so "You may also
// like..." and "YOU MAY ALSO LIKE" fold to one rule.
std::string fold_line(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (char c : line) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  for (;;) {
    if (out.ends_with("…"))
      out.resize(out.size() - 3);
    else if (!out.empty() && (out.back() == '.' || out.back() == ' ' || out.back() == ':'))
      out.pop_back();
    else
      break;
  }
  return out;
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

class NormalizeProcessor final : public Processor {
 public:
  explicit NormalizeProcessor(std::shared_ptr<const NormalizeRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "normalize"; }

  Outcome process(Article& article) override {
    decoded_.clear();
    clean_body(article.body, decoded_);
    split_lines(decoded_, lines_);

    const std::string title = fold_line(collapse_whitespace(article.title));
    std::vector<bool> keep(lines_.size(), true);
    uint32_t removed = 0;
    bool title_removed = false;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const std::string folded = fold_line(lines_[i]);
      if (rules_->drop_title_repeats && !title.empty() && folded == title) {
        keep[i] = false;
        title_removed = true;
        continue;
      }
      if (is_chrome(folded)) {
        keep[i] = false;
        ++removed;
      }
    }
    if (rules_->leading_fragment_max_words > 0) removed += drop_leading_fragments(keep);

    std::string& text = article.text;
    text.clear();
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!keep[i]) continue;
      if (!text.empty()) text.append("\n\n");
      text.append(lines_[i]);
    }
    article.chrome_lines_removed = removed;
    article.title_repeat_removed = title_removed;
    if (text.empty()) return Outcome::reject(RecordError::empty_body, "body has no text once page chrome is removed");
    return Outcome::pass();
  }

 private:
  bool is_chrome(const std::string& folded) const {
    if (rules_->exact_lines.contains(folded)) return true;
    return std::any_of(rules_->prefixes.begin(), rules_->prefixes.end(),
                       [&](const std::string& p) { return folded.starts_with(p); });
  }

  uint32_t drop_leading_fragments(std::vector<bool>& keep) const {
    size_t first_prose = lines_.size();
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (!keep[i]) continue;
      if (ends_like_sentence(lines_[i]) || count_words(lines_[i]) > rules_->leading_fragment_max_words) {
        first_prose = i;
        break;
      }
    }
    if (first_prose == lines_.size()) return 0;  // no prose at all: keep everything
    uint32_t removed = 0;
    for (size_t i = 0; i < first_prose; ++i)
      if (keep[i]) {
        keep[i] = false;
        ++removed;
      }
    return removed;
  }

  std::shared_ptr<const NormalizeRules> rules_;
  std::string decoded_;                 // reused per record
  std::vector<std::string_view> lines_;  // views into decoded_
};

}  // namespace

std::shared_ptr<const NormalizeRules> load_normalize_rules(const std::string& path) {
  auto rules = std::make_shared<NormalizeRules>();
  for_each_rule_line(path, "normalize.rules_file", [&](const RuleLine& rule) {
    if (rule.kind == "line") {
      rules->exact_lines.insert(fold_line(collapse_whitespace(rule.value)));
    } else if (rule.kind == "prefix") {
      rules->prefixes.push_back(fold_line(collapse_whitespace(rule.value)));
    } else if (rule.kind == "title_repeats") {
      rules->drop_title_repeats = rule.value == "drop";
    } else if (rule.kind == "leading_fragments_max_words") {
      try {
        rules->leading_fragment_max_words = std::stoul(std::string(rule.value));
      } catch (const std::exception&) {
        throw ConfigError(rule.location + "leading_fragments_max_words needs a number");
      }
    } else {
      throw ConfigError(rule.location + "unknown rule kind '" + std::string(rule.kind) +
                        "' (expected line, prefix, title_repeats, leading_fragments_max_words)");
    }
  });
  return rules;
}

std::unique_ptr<Processor> make_normalize_processor(std::shared_ptr<const NormalizeRules> rules) {
  return std::make_unique<NormalizeProcessor>(std::move(rules));
}

}  // namespace newsflow::processors
