#include "quotes/quote_rules.hpp"

#include <fstream>
#include <utility>

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
};
}  // namespace

std::shared_ptr<const QuoteRules> load_quote_rules(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("quotes.rules_file: cannot read '" + path + "'");
  auto rules = std::make_shared<QuoteRules>();
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    const auto colon = l.find(':');
    auto where = [&] { return path + ":" + std::to_string(number) + ": "; };
    if (colon == std::string_view::npos)
      throw ConfigError(where() + "expected 'kind: word ...', got '" + std::string(l) + "'");
    const std::string_view kind = trim(l.substr(0, colon));
    uint32_t cls = 0;
    for (const auto& [name, value] : kKinds)
      if (name == kind) cls = value;
    if (cls == 0) throw ConfigError(where() + "unknown rule kind '" + std::string(kind) + "'");
    std::string_view rest = trim(l.substr(colon + 1));
    if (rest.empty()) throw ConfigError(where() + "'" + std::string(kind) + "' lists no words");
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
  }
  return rules;
}

}  // namespace newsflow::processors
