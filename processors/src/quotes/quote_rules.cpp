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
    {"quantity", kQuantity},
    {"tenure", kTenure},
    {"causative", kCausative},
};
}  // namespace

void QuoteRules::add(std::string_view word, uint32_t cls) {
  // An empty slot's value is 0, so a word without classes is not stored
  // (its lookup answers 0 either way).
  if (cls == 0) return;
  if (!slots_.empty()) {
    uint64_t head = 0;
    const uint64_t h = hash_head(word, word.data() + word.size(), head);
    const uint32_t tag = tag_of(h, word.size());
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask; slots_[i].value != 0; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.tag != tag || slot.head != head) continue;
      if (word.size() <= 8) {
        slot.value |= cls;
        return;
      }
      Entry& known = entries_[slot.value - 1];
      if (same_folded(known.word, word)) {
        known.classes |= cls;
        return;
      }
    }
  }
  // At most half full keeps probe chains short.
  if ((entries_.size() + 1) * 2 > slots_.size()) {
    // A short word's classes grew in its slot only.
    for (Entry& e : entries_)
      if (e.word.size() <= 8) e.classes = classes(e.word);
    slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
    for (size_t e = 0; e < entries_.size(); ++e) insert(e);
  }
  entries_.push_back(Entry{std::string(word), cls});
  for (char& ch : entries_.back().word) ch = static_cast<char>(text::fold_ascii(static_cast<unsigned char>(ch)));
  insert(entries_.size() - 1);
}

void QuoteRules::insert(size_t entry) {
  const Entry& e = entries_[entry];
  uint64_t head = 0;
  const uint64_t h = hash_head(e.word, e.word.data() + e.word.size(), head);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].value != 0) i = (i + 1) & mask;
  slots_[i] = {head, tag_of(h, e.word.size()),
               e.word.size() <= 8 ? e.classes : static_cast<uint32_t>(entry + 1)};
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
