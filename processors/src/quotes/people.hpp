#pragma once
// The people and organisations an article introduces, and what refers to
// them: full names, surnames and first names, "the ministry"-style heads,
// and the recency lists pronouns resolve against. Filled in text order while
// the cues are parsed; cleared per record.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/core/article.hpp"
#include "quotes/document.hpp"
#include "text/name_table.hpp"

namespace newsflow::processors::quotes {

// Keys fold ASCII case: the passes' keys are lower-cased already (lower_of,
// Document::lower), and a name may also be passed as written.
using NameMap = text::NameTable<int, text::KeyCase::ascii_folded>;

enum class Gender : uint8_t { unknown, male, female };

// A person or organisation introduced in the article.
struct Named {
  std::string name;
  std::optional<std::string> role;
  bool org = false;
  Gender gender = Gender::unknown;
  uint32_t mentions = 0;
  // A role phrase standing for one unnamed person ("an American witness"):
  // the referent of a later he/she, and a role speaker, never a name.
  bool role_only = false;
  // Seeded from a place entity ("Toronto"): it may speak as a state
  // ("Tunisia said"), but is never "the company" or "the ministry".
  bool place = false;
};

// The people of one article, in the order met. clear() keeps the entries
// and their name buffers for the next article: a name past 15 bytes was an
// allocation per person per article.
class NamedList {
 public:
  size_t size() const { return size_; }
  Named& operator[](size_t i) { return items_[i]; }
  const Named& operator[](size_t i) const { return items_[i]; }
  void clear() {
    size_ = 0;
    if (items_.size() > 4096) items_ = {};  // a hostile article's thousands of names are not kept
  }
  // Appends a person; may move the others, as std::vector::push_back does.
  void push(std::string_view name, std::optional<std::string> role, bool org, Gender gender, uint32_t mentions);

 private:
  std::vector<Named> items_;
  size_t size_ = 0;
};

std::string lower_of(std::string_view s);
std::string_view last_word(std::string_view name);
// "Devastated", "Tearful": a tabloid's epithet before a first name.
bool epithet(std::string_view w);

class People {
 public:
  explicit People(const QuoteRules* rules) : rules_(rules) {}
  void clear();
  // Entities found by the topics processor are known names before any cue.
  void seed(const std::vector<Entity>& entities);
  // Registers or finds a multi-word name; single words resolve as surnames.
  int resolve_name(std::string_view name, bool org, const std::optional<std::string>& role);
  // First names resolve only people met as subjects ("Gary Pritchard, 38,
  // waded out"), not every capitalised pair ("the United Twitter account").
  void register_person_keys(std::string_view name, int index, bool with_first = true);
  // he/she/it -> the most recent compatible person or organisation, or -1.
  int resolve_pronoun(const Token& t);
  // he/she with no recent referent: the most mentioned person of a
  // compatible gender among the first 256 named (ties: the earliest), or -1.
  int most_mentioned(const Token& t) const;
  // "Wolden Bache told" after "Governor Ida Wolden Bache": the person whose
  // longer name ends in the words of `name` (any case), or -1.
  int longer_name_ending(std::string_view name) const;
  // "Thurman said she had worries": a he/she/his/himself/herself later in
  // the sentence whose subject is a person of unknown gender gives it one.
  void learn_gender(const Token& t, const Document& doc);
  // "the prime minister said" after "Prime Minister Aiko Sato": the recent
  // person whose role ends in that (lower-cased) head noun, or -1.
  int resolve_role(std::string_view head) const;
  void note_recent(int index);
  // An organisation that is the referent of the next "it" without having spoken.
  void note_recent_org(int index) { push_recent(recent_orgs, index); }
  // The role-only person for a singular role phrase (one per distinct phrase).
  int add_role(std::string_view role, Gender gender);
  // A lone surname one letter away from a unique known person's ("Schacham"
  // after "Ofer Shacham"): that person, or -1. Bounded to the first 256 named.
  int misspelt_surname(std::string_view key) const;
  // "Ford said" after "Ford Motor Company announced": the organisation among
  // the first 256 named whose name opens with that word, or -1.
  int org_opening_with(std::string_view word) const;
  // "The Department" after "the California Department of Corrections": the
  // most recent of the first 256 organisations whose name holds that word
  // (any case) among others, or -1; with `opening_too`, also as its first
  // word ("Court of Session" for "the court's summary").
  int org_with_head(std::string_view word, bool opening_too = false) const;
  bool full_name_first(std::string_view full, std::string_view word) const;
  // "Robert Gabriel Mugabe" after "Robert Mugabe": the person the shorter
  // form (first and last words of a three-word name) named takes the fuller
  // form as its name and key; that person, or -1.
  int take_fuller_form(std::string_view name);
  // Adds a person or organisation met in the text; returns its index.
  int add(std::string_view name, std::optional<std::string> role, bool org, uint32_t mentions);

  NamedList named;
  // Keys compare case-folded, so a name may be passed as written.
  NameMap by_name;   // full name -> Named
  NameMap by_last;   // surname -> most recent person
  NameMap by_first;  // first name -> first person with it
  // Every multi-word person's given name -> its first holder; only for "Kartik and his family fled":
  // a given name opening a sentence marks whom the next he/she means.
  NameMap by_given;
  NameMap by_last_org;  // head noun -> most recent organisation
  std::vector<int> recent_people, recent_orgs;
  int sentence_person = -1;  // first person subject of the current sentence
  int sentence_credit = -1;  // the current sentence's "according to" source: no subject
  // The article's text (the Document's), for the text order of names.
  std::string_view text;
  // The last plural role that spoke ("officials said"): what a later "they said" means.
  std::optional<std::string> recent_group;

 private:
  static void push_recent(std::vector<int>& list, int index);
  // A listed given name ("Sarah Silverman") tells the gender before any pronoun does.
  Gender gender_of(std::string_view name) const;

  // One entity of seed(); seed_tail_ marks the entities seeded last ("La
  // Riva" after "Gloria La Riva"), reused across articles.
  void seed_one(const Entity& e);
  std::vector<uint8_t> seed_tail_;

  // Single-word organisations already found to open no longer one's name.
  bool no_longer_org(int index) const;
  std::vector<uint8_t> checked_short_;  // by People::named index
  bool seeding_ = false;
  const QuoteRules* rules_;
  // Lower-cased copies for the rule lookups and the role comparisons, reused.
  mutable std::string folded_, role_;
};

}  // namespace newsflow::processors::quotes
