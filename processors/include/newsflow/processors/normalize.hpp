#pragma once
// normalize: body -> text. Decodes HTML entities, collapses whitespace, drops
// page-chrome lines listed in a rules file and a title repeated in the body.
// When the doubtful rules (all but `line:`) would remove more than the file's
// suspect_removed_percent of a body, none of them is applied and
// Article::normalize_suspect is set: a flagged record rather than lost prose.
// Only `line:` rules may remove a line that reads_as_prose(): every other
// removal (prefix rules, title repeats, leading fragments) skips such lines.
// Stateless; the rule table is immutable after load. The rules file's format
// is documented at the top of data/normalize/chrome.rules.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/processors/processor.hpp"

namespace newsflow::processors {

struct NormalizeOptions {
  std::string rules_file;  // data/normalize/chrome.rules
};

class NormalizeRules;

// Throws ConfigError naming the file and line when the rules cannot be read.
std::shared_ptr<const NormalizeRules> load_normalize_rules(const std::string& path);
std::unique_ptr<Processor> make_normalize_processor(std::shared_ptr<const NormalizeRules> rules);

// The chrome rules of a loaded file, in file order, for the precision tests
// and the per-rule report in docs/normalize.md.
struct ChromeRuleInfo {
  std::string kind;      // "line", "prefix", "word-prefix", "heading-prefix"
  std::string text;      // exactly as written after "kind: "
  std::string location;  // "path:line: "
};
std::vector<ChromeRuleInfo> chrome_rules(const NormalizeRules& rules);
// The prose criterion (docs/normalize.md), on one trimmed line of cleaned
// text: more than 40 words, or a sentence of at least 5 words, 2 of them
// starting lower-case. A sentence runs up to a word ending in . ! ? or …
// (closing quotes allowed); the words after the last such end count as one
// when they hold a reporting verb ("said", "says", "told", ...).
bool reads_as_prose(std::string_view line);

// Whether rule `index` of chrome_rules() drops `line` (the prose guard included), one trimmed line of
// cleaned text (as clean_body and split_lines make them).
bool chrome_rule_matches(const NormalizeRules& rules, size_t index, std::string_view line);

}  // namespace newsflow::processors
