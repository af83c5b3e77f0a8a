#include "quotes/quote_rules.hpp"

#include <algorithm>
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
    {"document", kDocument},
    {"document_cue", kDocumentCue},
    {"male_noun", kMaleNoun},
    {"female_noun", kFemaleNoun},
    {"month", kMonth},
    {"name_tail", kNameTail},
    {"credit", kCredit},
    {"post_nominal", kPostNominal},
};
}  // namespace

void QuoteRules::add(std::string_view word, uint32_t cls) {
  if (!slots_.empty()) {
    const uint64_t h = text::fold_hash(word);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask; slots_[i].entry != 0; i = (i + 1) & mask) {
      Entry& known = entries_[slots_[i].entry - 1];
      if (slots_[i].tag == static_cast<uint32_t>(h >> 32) && same_folded(known.word, word)) {
        known.classes |= cls;
        return;
      }
    }
  }
  entries_.push_back(Entry{std::string(word), cls});
  for (char& ch : entries_.back().word) ch = static_cast<char>(text::fold_ascii(static_cast<unsigned char>(ch)));
  // At most half full keeps probe chains short.
  if (entries_.size() * 2 <= slots_.size()) {
    insert(entries_.size() - 1);
    return;
  }
  slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
  for (size_t e = 0; e < entries_.size(); ++e) insert(e);
}

void QuoteRules::insert(size_t entry) {
  const uint64_t h = text::fold_hash(entries_[entry].word);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].entry != 0) i = (i + 1) & mask;
  slots_[i] = {static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(entry + 1)};
}

std::shared_ptr<const QuoteRules> load_quote_rules(const std::string& path) {
  auto rules = std::make_shared<QuoteRules>();
  for_each_rule_line(path, "quotes.rules_file", [&](const RuleLine& rule) {
    uint32_t cls = 0;
    for (const auto& [name, value] : kKinds)
      if (name == rule.kind) cls = value;
    const bool suffix = rule.kind == "role_suffix";
    if (cls == 0 && !suffix) throw ConfigError(rule.location + "unknown rule kind '" + std::string(rule.kind) + "'");
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
      if (suffix) rules->add_role_suffix(word);
      else rules->add(word, cls);
      rest = space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space + 1));
    }
  });
  return rules;
}

}  // namespace newsflow::processors
