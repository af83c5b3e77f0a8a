// Names, surnames, organisation heads and pronoun referents of one article.
#include "quotes/people.hpp"

#include <algorithm>

#include "text/tokenizer.hpp"

namespace newsflow::processors::quotes {

namespace {
// lower_of into a reused buffer.
std::string_view lower_into(std::string& out, std::string_view s) {
  out.assign(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  return out;
}
}  // namespace

std::string lower_of(std::string_view s) {
  std::string out;
  lower_into(out, s);
  return out;
}

std::string_view last_word(std::string_view name) {
  const auto sp = name.rfind(' ');
  return sp == std::string_view::npos ? name : name.substr(sp + 1);
}

bool epithet(std::string_view w) {
  return w.size() > 5 && (w.ends_with("ated") || w.ends_with("ened") || w.ends_with("ified") || w.ends_with("ful") ||
                          w.ends_with("less") || w.ends_with("broken"));
}

void People::clear() {
  named.clear();
  by_name.clear();
  by_last.clear();
  by_first.clear();
  by_given.clear();
  by_last_org.clear();
  recent_people.clear();
  recent_orgs.clear();
  sentence_person = sentence_credit = -1;
  recent_group.reset();
  checked_short_.clear();
}

bool People::no_longer_org(int index) const {
  return static_cast<size_t>(index) < checked_short_.size() && checked_short_[static_cast<size_t>(index)];
}

namespace {
// "La Riva" among the entities with "Gloria La Riva": a person entity that
// opens with a name particle ("La", "Van", "De") and ends a longer person
// entity (the first 64 looked at, so a hostile list stays linear).
bool tail_of_longer_person(const std::vector<Entity>& entities, const Entity& e, const QuoteRules& rules) {
  if (e.type != Entity::Type::person) return false;
  const std::string_view name = e.text;
  const auto sp = name.find(' ');
  if (sp == std::string_view::npos || sp > 4 || !(rules.classes(name.substr(0, sp)) & kParticle)) return false;
  std::string key;  // lower-cased once, for same_folded
  for (size_t i = 0; i < std::min<size_t>(entities.size(), 64); ++i) {
    const std::string_view longer = entities[i].text;
    if (entities[i].type != Entity::Type::person || longer.size() <= name.size() + 1) continue;
    const size_t at = longer.size() - name.size();
    if (longer[at - 1] != ' ') continue;
    if (key.empty()) key = lower_of(name);
    if (QuoteRules::same_folded(key, longer.substr(at))) return true;
  }
  return false;
}
}  // namespace

void People::seed(const std::vector<Entity>& entities) {
  seeding_ = true;
  // Tails go after the names they end, so that they resolve to them
  // (longer_name_ending) rather than becoming people of their own.
  seed_tail_.assign(entities.size(), 0);
  bool any_tail = false;
  for (size_t i = 0; i < entities.size(); ++i)
    any_tail |= (seed_tail_[i] = tail_of_longer_person(entities, entities[i], *rules_)) != 0;
  for (int pass = 0; pass < (any_tail ? 2 : 1); ++pass)
    for (size_t i = 0; i < entities.size(); ++i)
      if (entities[i].type != Entity::Type::other && seed_tail_[i] == pass) seed_one(entities[i]);
  seeding_ = false;
}

void People::seed_one(const Entity& e) {
  // A place that speaks ("Tunisia said") acts as an organisation, and is
  // never the referent of "he" or "she".
  std::string_view name = e.text;
  // "Devastated Hayley": the entity tagger took a tabloid's epithet for a given name.
  if (const auto sp = name.find(' '); sp != std::string_view::npos && epithet(name.substr(0, sp))) name.remove_prefix(sp + 1);
  // "Administrator Karl Vance": nor is a title the name; two words stay, so
  // "Pope Francis" is left whole.
  for (auto sp = name.find(' '); sp != std::string_view::npos && name.find(' ', sp + 1) != std::string_view::npos &&
                                 (rules_->classes(name.substr(0, sp)) & kTitle);
       sp = name.find(' '))
    name.remove_prefix(sp + 1);
  const int index = resolve_name(name, e.type != Entity::Type::person, std::nullopt);
  named[static_cast<size_t>(index)].mentions = 0;  // counted again when seen in the text
  if (e.type == Entity::Type::place && named[static_cast<size_t>(index)].org) named[static_cast<size_t>(index)].place = true;
}

void NamedList::push(std::string_view name, std::optional<std::string> role, bool org, Gender gender, uint32_t mentions) {
  // Every field is set here: a field added to Named must be too.
  static_assert(sizeof(Named) == 88, "Named changed: reset the new field in NamedList::push");
  if (size_ == items_.size()) items_.emplace_back();
  Named& n = items_[size_++];
  n.name.assign(name);
  n.role = std::move(role);
  n.org = org;
  n.gender = gender;
  n.mentions = mentions;
  n.role_only = false;
  n.place = false;
}

int People::add(std::string_view name, std::optional<std::string> role, bool org, uint32_t mentions) {
  named.push(name, std::move(role), org, org ? Gender::unknown : gender_of(name), mentions);
  return static_cast<int>(named.size()) - 1;
}

Gender People::gender_of(std::string_view name) const {
  const auto sp = name.find(' ');
  if (sp == std::string_view::npos) return Gender::unknown;
  const uint32_t cls = rules_->classes(name.substr(0, sp));
  if ((cls & kMaleName) && !(cls & kFemaleName)) return Gender::male;
  if ((cls & kFemaleName) && !(cls & kMaleName)) return Gender::female;
  return Gender::unknown;
}

void People::learn_gender(const Token& t, const Document& doc) {
  if (sentence_person < 0 || sentence_person == sentence_credit || !(t.classes & kGendered)) return;
  Named& n = named[static_cast<size_t>(sentence_person)];
  if (n.gender != Gender::unknown) return;
  doc.lower_word(t);
  const std::string& w = doc.lower;
  n.gender = (w == "he" || w == "his" || w == "himself") ? Gender::male : Gender::female;
}

// Registers or finds a multi-word name; single words resolve as surnames.
int People::resolve_name(std::string_view name, bool org, const std::optional<std::string>& role) {
  const bool particle_surname = !name.empty() && name.front() >= 'a' && name.front() <= 'z';
  const bool single = name.find(' ') == std::string_view::npos || particle_surname;
  if (single && !org) {
    const std::string_view key = particle_surname ? last_word(name) : name;
    auto it = by_last.find(key);
    if (it == by_last.end()) it = by_first.find(key);  // tabloids: "Gary told the paper"
    if (it != by_last.end() && it != by_first.end()) {
      ++named[it->second].mentions;
      return it->second;
    }
  }
  auto it = by_name.find(name);
  // An entity "Ford" seeded before "Ford Motor Company" was read is that company.
  if (it != by_name.end() && single && !particle_surname && named[it->second].org &&
      named[it->second].name.find(' ') == std::string::npos && !no_longer_org(it->second)) {
    if (const int longer = org_opening_with(name); longer >= 0 && longer != it->second) {
      by_name[name] = longer;  // read once: the text is searched no more for this word
      ++named[static_cast<size_t>(longer)].mentions;
      return longer;
    }
    // Nor when there is none, once every entity is known: a name the cues
    // add later comes after the word in the text, which rules it out.
    if (!seeding_) {
      const auto at = static_cast<size_t>(it->second);
      if (checked_short_.size() <= at) checked_short_.resize(at + 1, 0);
      checked_short_[at] = 1;
    }
  }
  if (it != by_name.end()) {
    Named& n = named[it->second];
    if (single) ++n.mentions;  // multi-word names are counted by note_mention
    if (!n.role && role) n.role = role;
    return it->second;
  }
  if (single && !org && !particle_surname) {
    if (const int near = misspelt_surname(lower_into(folded_, name)); near >= 0) {
      by_last.emplace(name, near);
      ++named[static_cast<size_t>(near)].mentions;
      return near;
    }
  }
  if (single && !particle_surname)
    if (const int longer = org_opening_with(name); longer >= 0) {
      by_name.emplace(name, longer);
      ++named[static_cast<size_t>(longer)].mentions;
      return longer;
    }
  if (!single && !org)
    if (const int longer = longer_name_ending(name); longer >= 0) {
      by_name.emplace(name, longer);
      return longer;
    }
  if (!single && !org)
    if (const int shorter = take_fuller_form(name); shorter >= 0) return shorter;
  const int index = static_cast<int>(named.size());
  add(name, role, org, single ? 1u : 0u);
  by_name.emplace(name, index);
  if (!single && !org) register_person_keys(name, index);
  return index;
}

namespace {
char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// One letter added, dropped or changed ("Schacham" for "Shacham"); `known`
// in any case, `key` lower-cased.
bool one_edit(std::string_view known, std::string_view key) {
  const size_t n = std::min(known.size(), key.size());
  if (known.size() + 1 < key.size() || key.size() + 1 < known.size()) return false;
  size_t i = 0;
  while (i < n && fold(known[i]) == key[i]) ++i;
  if (i == n && known.size() == key.size()) return false;  // the same word
  const size_t skip_known = known.size() >= key.size() ? 1 : 0, skip_key = key.size() >= known.size() ? 1 : 0;
  return QuoteRules::same_folded(key.substr(std::min(key.size(), i + skip_key)),
                                 known.substr(std::min(known.size(), i + skip_known)));
}
}  // namespace

namespace {
bool legal_suffix(std::string_view w) {
  for (std::string_view s : {"Inc", "Inc.", "Ltd", "Ltd.", "LLC", "plc", "PLC", "Corp", "Corp.", "Co", "Co.", "SA",
                             "AG", "GmbH", "NV", "AB", "ASA", "SE"})
    if (w == s) return true;
  return false;
}
}  // namespace

// "Acme Motor Company announced ... Acme said": the text names the full
// organisation before the word stands alone (a company met as "Acme" first,
// with "Acme Workforce Solutions" later, is a parent and its subsidiary).
bool People::full_name_first(std::string_view full, std::string_view word) const {
  const size_t at_full = text.find(full);
  if (at_full == std::string_view::npos) return false;
  for (size_t at = text.find(word); at != std::string_view::npos && at < at_full; at = text.find(word, at + 1))
    if (!text::word_char_before(text, at) && !text::word_char_at(text, at + word.size())) return false;
  return true;
}

int People::org_opening_with(std::string_view word) const {
  // A given name ("Morgan") may be a person's; short words open too many names.
  if (word.size() < 3) return -1;
  const std::string_view low = lower_into(folded_, word);
  if (rules_->classes(low) & (kMaleName | kFemaleName)) return -1;
  // Only one such organisation: "Acme" between "Acme Motor Company" and
  // "Acme Workforce Solutions", a subsidiary, names neither. A legal suffix
  // alone ("Acme Inc") adds nothing a reader would give.
  int found = -1;
  for (size_t i = 0; i < std::min<size_t>(named.size(), 256); ++i) {
    const Named& n = named[i];
    if (!n.org || n.name.size() <= low.size() + 1 || n.name[low.size()] != ' ') continue;
    if (!QuoteRules::same_folded(low, std::string_view(n.name).substr(0, low.size()))) continue;
    const std::string_view rest = std::string_view(n.name).substr(low.size() + 1);
    if (rest.find(' ') == std::string_view::npos && legal_suffix(rest)) continue;
    if (!full_name_first(n.name, word)) continue;
    if (found >= 0 && named[static_cast<size_t>(found)].name != n.name) return -1;
    found = static_cast<int>(i);
  }
  return found;
}

int People::org_with_head(std::string_view word, bool opening_too) const {
  int found = -1;
  for (size_t i = 0; i < std::min<size_t>(named.size(), 256); ++i) {
    const Named& n = named[i];
    if (!n.org || n.place || n.name.size() <= word.size()) continue;
    for (size_t at = opening_too ? 0 : n.name.find(' '); at != std::string::npos; at = n.name.find(' ', at + 1)) {
      const std::string_view rest = std::string_view(n.name).substr(at == 0 && opening_too ? 0 : at + 1);
      if (rest.size() >= word.size() && (rest.size() == word.size() || rest[word.size()] == ' ') &&
          std::equal(word.begin(), word.end(), rest.begin(), [](char a, char b) { return fold(a) == fold(b); }))
        found = static_cast<int>(i);
    }
  }
  return found;
}

int People::take_fuller_form(std::string_view name) {
  const auto sp = name.find(' ');
  const auto sp2 = name.rfind(' ');
  if (sp == std::string_view::npos || sp2 == sp || name.find(' ', sp + 1) != sp2) return -1;
  folded_.assign(name.substr(0, sp));
  folded_ += name.substr(sp2);
  const auto it = by_name.find(folded_);
  if (it == by_name.end()) return -1;
  const int index = it->second;
  Named& n = named[static_cast<size_t>(index)];
  if (n.org || n.role_only || n.name != folded_) return -1;
  n.name.assign(name);
  by_name.emplace(name, index);
  return index;
}

int People::misspelt_surname(std::string_view key) const {
  // Short surnames differ by one letter too often to be the same person.
  // A five-letter one differs in its last letter only ("Saree" after "Yahya Sarea").
  if (key.size() < 5 || (rules_->classes(key) & (kMaleName | kFemaleName))) return -1;
  int found = -1;
  for (size_t i = 0; i < std::min<size_t>(named.size(), 256); ++i) {
    const Named& n = named[i];
    if (n.org || n.role_only || n.name.find(' ') == std::string::npos) continue;
    const std::string_view last = last_word(n.name);
    if (fold(last[0]) != key[0] || !one_edit(last, key)) continue;
    if (key.size() == 5 && (last.size() != 5 || !std::equal(key.begin(), key.begin() + 4, last.begin(), [](char a, char b) {
                              return fold(a) == fold(b);
                            })))
      continue;
    if (found >= 0 && found != static_cast<int>(i)) return -1;  // two candidates: no guess
    found = static_cast<int>(i);
  }
  return found;
}

// First names resolve only people met as subjects ("Gary Pritchard, 38,
// waded out"), not every capitalised pair ("the United Twitter account").
void People::register_person_keys(std::string_view name, int index, bool with_first) {
  by_last.emplace(last_word(name), index);  // the first holder of a surname keeps it
  const auto sp = name.find(' ');
  // "Ricardo Rosselló Nevares ... Rosselló said": Spanish and Portuguese
  // names carry two surnames and wire copy shortens them to the first. Only
  // a middle word that is no listed given name ("John Paul Reyes" keeps
  // "Paul" for a Paul met later), no initial and no particle.
  if (const auto sp2 = name.rfind(' '); sp != std::string_view::npos && sp2 != sp &&
                                        name.find(' ', sp + 1) == sp2) {
    const std::string_view middle = name.substr(sp + 1, sp2 - sp - 1);
    if (middle.size() >= 3 && middle[0] >= 'A' && middle[0] <= 'Z' && middle.back() != '.' &&
        !(rules_->classes(lower_into(folded_, middle)) & (kMaleName | kFemaleName | kParticle | kTitle | kHonorific)))
      by_last.emplace(middle, index);
  }
  if (with_first && sp != std::string_view::npos) by_first.emplace(name.substr(0, sp), index);
}

int People::resolve_pronoun(const Token& t) {
  if (t.classes & kNeutralPronoun) return recent_orgs.empty() ? -1 : recent_orgs.back();
  const Gender wanted = (t.classes & kMalePronoun) ? Gender::male : Gender::female;
  const Gender other = wanted == Gender::male ? Gender::female : Gender::male;
  // The most recent compatible person: news introduces a person in one
  // sentence and quotes them with "he said" in the next. (Preferring people
  // who had already spoken was measured to be worse.)
  size_t looked = 0;
  for (auto it = recent_people.rbegin(); it != recent_people.rend() && looked < 6; ++it, ++looked) {
    Named& n = named[static_cast<size_t>(*it)];
    if (n.gender == other) continue;
    n.gender = wanted;
    return *it;
  }
  return -1;
}

int People::longer_name_ending(std::string_view name) const {
  const std::string_view key = lower_into(folded_, name);  // the name tables take names as written
  // Only a longer name that opens with a listed given name, and words that
  // do not: "Harpreet Uppal" after "Huddersfield Harpreet Uppal" (a place
  // or role read into a name) is a full name of its own.
  constexpr uint32_t kGiven = kMaleName | kFemaleName;
  const auto first_word = [](std::string_view s) { return s.substr(0, s.find(' ')); };
  if (rules_->classes(first_word(key)) & kGiven) return -1;
  // Bounded as most_mentioned is: a hostile text of thousands of names stays linear.
  // note_mention asks for every new name, so the cheap tests come first and nothing is allocated.
  for (size_t i = 0; i < std::min<size_t>(named.size(), 256); ++i) {
    const Named& n = named[i];
    if (n.org || n.role_only || n.name.size() <= key.size() + 1) continue;
    const size_t at = n.name.size() - key.size();
    if (n.name[at - 1] != ' ' || !QuoteRules::same_folded(key, std::string_view(n.name).substr(at))) continue;
    if (rules_->classes(first_word(n.name)) & kGiven) return static_cast<int>(i);
  }
  return -1;
}

int People::most_mentioned(const Token& t) const {
  const Gender other = (t.classes & kMalePronoun) ? Gender::female : Gender::male;
  int best = -1;
  // The people a story is about come early; a bound keeps a hostile text of
  // thousands of names and pronouns linear.
  for (size_t i = 0; i < std::min<size_t>(named.size(), 256); ++i) {
    const Named& n = named[i];
    if (n.org || n.role_only || n.gender == other || n.name.find(' ') == std::string::npos) continue;
    if (best < 0 || n.mentions > named[static_cast<size_t>(best)].mentions) best = static_cast<int>(i);
  }
  return best;
}

namespace {
// " living in Nice": a word ending in -ing right after position `at`.
bool participle_after(std::string_view role, size_t at) {
  if (at >= role.size() || role[at] != ' ') return false;
  const size_t end = role.find(' ', at + 1);
  const std::string_view w = role.substr(at + 1, end == std::string_view::npos ? end : end - at - 1);
  return w.size() > 4 && w.ends_with("ing");
}
}  // namespace

int People::resolve_role(std::string_view head) const {
  size_t looked = 0;
  for (auto it = recent_people.rbegin(); it != recent_people.rend() && looked < 8; ++it, ++looked) {
    const Named& n = named[static_cast<size_t>(*it)];
    // "the Pope" after "Pope Francis", an entity whose title is part of its name.
    if (!n.role && !n.org && n.name.size() > head.size() + 1 && n.name[head.size()] == ' ' &&
        QuoteRules::same_folded(head, std::string_view(n.name).substr(0, head.size())))
      return *it;
    if (!n.role) continue;
    // "prime minister" ends in the head; "spokesman for the president"
    // ("Park Soo-hyun, the spokesman for ..., said") starts the complement with it.
    const std::string_view role = lower_into(role_, *n.role);
    if (last_word(role) == head) return *it;
    const size_t at = role.find(head);
    if (at != std::string_view::npos && (at == 0 || role[at - 1] == ' ') && role.compare(at + head.size(), 1, " ") == 0 &&
        (role.compare(at + head.size(), 5, " for ") == 0 || role.compare(at + head.size(), 4, " of ") == 0 ||
         role.compare(at + head.size(), 4, " at ") == 0 || role.compare(at + head.size(), 4, " to ") == 0 ||
         // "an American student living in Nice", "a nurse who ...", "a driver from Lund"
         role.compare(at + head.size(), 5, " who ") == 0 || role.compare(at + head.size(), 6, " from ") == 0 ||
         role.compare(at + head.size(), 4, " in ") == 0 || participle_after(role, at + head.size())))
      return *it;
  }
  return -1;
}

int People::add_role(std::string_view role, Gender gender) {
  // Kept apart from the names: "role:" cannot start a lower-cased name.
  folded_.assign("role:").append(role);
  if (auto it = by_name.find(folded_); it != by_name.end()) return it->second;
  const int index = add(role, std::string(role), false, 1);
  named[static_cast<size_t>(index)].role_only = true;
  named[static_cast<size_t>(index)].gender = gender;
  by_name.emplace(folded_, index);
  return index;
}

void People::note_recent(int index) {
  if (index < 0) return;
  if (sentence_person < 0 && !named[static_cast<size_t>(index)].org) sentence_person = index;
  const Named& n = named[static_cast<size_t>(index)];
  // A lone unresolved word ("Apple", "Jenrick") may be either kind.
  const bool unknown = !n.org && !n.role_only && n.name.find(' ') == std::string::npos;
  if (n.org || unknown) push_recent(recent_orgs, index);
  if (!n.org) push_recent(recent_people, index);
}

void People::push_recent(std::vector<int>& list, int index) {
  if (!list.empty() && list.back() == index) return;
  list.push_back(index);
  if (list.size() > 32) list.erase(list.begin(), list.begin() + 16);
}

}  // namespace newsflow::processors::quotes
