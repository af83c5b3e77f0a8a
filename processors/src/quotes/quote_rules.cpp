#include "quotes/quote_rules.hpp"

#include <utility>

#include "newsflow/processors/rule_file.hpp"
#include "newsflow/processors/text_util.hpp"

namespace newsflow::processors {

namespace {
const std::pair<std::string_view, uint32_t> kKinds[] = {
    {"cue", kCue},
    {"object_cue", kObjectCue | kCue},
    {"partial_cue", kPartialCue},
    {"according", kAccording},
    {"title", kTitle},
    {"honorific", kHonorific},
    {"org_noun", kOrgNoun},
    {"skip", kSkip},
    {"male_pronoun", kMalePronoun},
    {"female_pronoun", kFemalePronoun},
    {"neutral_pronoun", kNeutralPronoun},
    {"not_name", kNotName},
    {"abbreviation", kAbbreviation},
    {"particle", kParticle},
    {"appositive_start", kAppositiveStart},
    {"gendered", kGendered},
    {"group", kGroup},
    {"demonym", kDemonym},
    {"male_name", kMaleName},
    {"female_name", kFemaleName},
};
}  // namespace

std::shared_ptr<const QuoteRules> load_quote_rules(const std::string& path) {
  auto rules = std::make_shared<QuoteRules>();
  for_each_rule_line(path, "quotes.rules_file", [&](const RuleLine& rule) {
    uint32_t cls = 0;
    for (const auto& [name, value] : kKinds)
      if (name == rule.kind) cls = value;
    if (cls == 0) throw ConfigError(rule.location + "unknown rule kind '" + std::string(rule.kind) + "'");
    std::string_view rest = rule.value;
    if (rest.empty()) throw ConfigError(rule.location + "'" + std::string(rule.kind) + "' lists no words");
    while (!rest.empty()) {
      const auto space = rest.find(' ');
      std::string word(rest.substr(0, space));
      for (char& ch : word)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      // The tokenizer keeps an abbreviation's dot with its word only after
      // looking the bare word up, so rules are stored without it.
      if (word.size() > 1 && word.back() == '.') word.pop_back();
      rules->words[word] |= cls;
      rest = space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space + 1));
    }
  });
  return rules;
}

}  // namespace newsflow::processors
